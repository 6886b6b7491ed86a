package nl.commonsledger.api.finance;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.ApiTestBase;
import nl.commonsledger.api.http.support.Http.Response;
import nl.commonsledger.api.http.support.Ledger;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static nl.commonsledger.api.http.support.Ledger.base;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated file of 5,000 rows as a Dutch finance system exports it (BOM, semicolons, decimal
 * commas, a quoted line break), first with the errors real exports have, then fixed.
 */
class RealisticImportTest extends ApiTestBase {

    private static final List<String> MEMBERS = List.of("gm0363", "gm0599", "gm0518", "gm0344");
    private static final BigDecimal RATE = new BigDecimal("95.00");

    /** One generated row, and what is wrong with it (null when nothing). */
    private record Line(String memberId, String kind, String amount, String hours, String date, String reference,
                        String description, String fault) {

        String csv() {
            return String.join(";", memberId, kind, amount == null ? "" : amount, hours == null ? "" : hours,
                    hours == null ? "" : "developer", date, reference, description);
        }
    }

    private static List<Line> generate(int n, boolean withFaults) {
        Random random = new Random(7);
        List<Line> lines = new ArrayList<>();
        int days = (int) (Ledger.today().toEpochDay() - base().toEpochDay());
        for (int i = 0; i < n; i++) {
            String member = MEMBERS.get(random.nextInt(MEMBERS.size()));
            String date = base().plusDays(random.nextInt(days)).toString();
            String reference = "INV-" + i;
            String description = i == 17 ? "\"Hosting; two lines\nsecond line\"" : "Factuur " + i;
            int euros = 1 + random.nextInt(20_000);
            int cents = random.nextInt(100);
            // Dutch notation: a dot groups thousands, a comma separates the cents.
            String amount = (euros >= 1000 ? (euros / 1000) + "." + String.format("%03d", euros % 1000) : "" + euros)
                    + "," + String.format("%02d", cents);
            Line line = i % 4 == 0
                    ? new Line(member, "HOURS", null, (1 + random.nextInt(40)) + "," + (random.nextInt(2) * 5), date,
                    reference, description, null)
                    : new Line(member, "MONEY", amount, null, date, reference, description, null);
            if (withFaults && i % 250 == 101) {
                line = switch ((i / 250) % 5) {
                    case 0 -> new Line(line.memberId(), line.kind(), line.amount(), line.hours(), "2026-02-30",
                            reference, description, "date");
                    case 1 -> new Line(line.memberId(), "MONEY", "12,5,0", null, date, reference, description, "amount");
                    case 2 -> new Line("gm9999", line.kind(), line.amount(), line.hours(), date, reference, description,
                            "memberId");
                    case 3 -> new Line(line.memberId(), "MONEY", "-" + amount, null, date, reference, description,
                            "amount");
                    default -> new Line(lines.get(i - 1).memberId(), line.kind(), line.amount(), line.hours(), date,
                            lines.get(i - 1).reference(), description, "reference");
                };
            }
            lines.add(line);
        }
        return lines;
    }

    private static byte[] file(List<Line> lines) {
        StringBuilder csv = new StringBuilder("\uFEFFmemberId;kind;amount;hours;role;date;reference;description\r\n");
        lines.forEach(l -> csv.append(l.csv()).append("\r\n"));
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String project() {
        String p = api.createProject("real");
        for (String m : MEMBERS) {
            api.join(p, m, base());
        }
        api.rateCard(p, base(), "developer", "95.00");
        return p;
    }

    @Test
    void theReportNamesEveryBadRowAndNothingIsStoredThenTheFixedFileImports() {
        String p = project();
        // A reference already in the ledger: row 2 of the file (its first data row) duplicates it.
        List<Line> faulty = generate(5000, true);
        api.money(p, faulty.get(0).memberId(), "1.00", base(), faulty.get(0).reference());
        long before = ImportApiTest.eventCount(http, p);

        Response r = ImportApiTest.importCsv(http, p, "", file(faulty));
        TreeSet<Integer> expected = new TreeSet<>();
        expected.add(2);
        for (int i = 0; i < faulty.size(); i++) {
            if (faulty.get(i).fault() != null) {
                expected.add(i + 2);
            }
        }
        JsonNode problem = ImportApiTest.assertRows(r, expected.stream().mapToInt(Integer::intValue).toArray());
        for (JsonNode e : problem.path("errors")) {
            int row = e.path("row").asInt();
            String field = row == 2 ? "reference" : faulty.get(row - 2).fault();
            assertThat(e.path("field").asText()).as("field of %s", e).isEqualTo(field);
        }
        assertThat(ImportApiTest.eventCount(http, p)).as("nothing stored").isEqualTo(before);

        // The same file fixed: the generator without faults, the first row's reference made new.
        List<Line> fixed = new ArrayList<>(generate(5000, false));
        Line first = fixed.get(0);
        fixed.set(0, new Line(first.memberId(), first.kind(), first.amount(), first.hours(), first.date(),
                first.reference() + "-2", first.description(), null));
        Response ok = ImportApiTest.importCsv(http, p, "", file(fixed));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
        // On a busy machine the projection may take longer than the write waits: then the answer is
        // pending and names what it stored, and the balances below are awaited either way.
        JsonNode stored = ok.json().path("pending").asBoolean() ? ok.json().path("stored") : ok.json();
        assertThat(stored.path("imported").asInt()).isEqualTo(5000);

        BigDecimal total = new BigDecimal("1.00");
        for (Line l : fixed) {
            total = total.add(l.amount() != null ? dutch(l.amount()) : dutch(l.hours()).multiply(RATE));
        }
        String expectedTotal = total.setScale(2).toPlainString();
        JsonNode balances = awaitTotal(p, expectedTotal);
        Ledger.assertBalanced(balances);
        api.assertConsistentWithContributions(p);
        JsonNode withLineBreak = api.contribution(p, stored.path("contributionIds").get(17).asText());
        assertThat(withLineBreak.path("description").asText()).isEqualTo("Hosting; two lines\nsecond line");
    }

    @Test
    void importedRowsGiveTheSameBalancesAsSingleBookingsOfThem() {
        List<Line> rows = generate(200, false);
        String imported = project();
        Response ok = ImportApiTest.importCsv(http, imported, "", file(rows));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);

        String single = project();
        for (Line l : rows) {
            Response r = api.record(single, Ledger.json("memberId", l.memberId(), "kind", l.kind(),
                    "amount", l.amount() == null ? null : dutch(l.amount()).toPlainString(),
                    "hours", l.hours() == null ? null : dutch(l.hours()).toPlainString(),
                    "role", l.hours() == null ? null : "developer", "date", l.date(), "reference", l.reference(),
                    "description", l.description().replace("\"", "")));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
        JsonNode a = api.balances(imported);
        JsonNode b = api.balances(single);
        assertThat(a.path("totalValue")).isEqualTo(b.path("totalValue"));
        assertThat(a.path("members")).isEqualTo(b.path("members"));
    }

    private JsonNode awaitTotal(String p, String total) {
        long deadline = System.currentTimeMillis() + 60_000;
        JsonNode balances = api.balances(p);
        while (!balances.path("totalValue").asText().equals(total) && System.currentTimeMillis() < deadline) {
            balances = api.balances(p);
        }
        assertThat(balances.path("totalValue").asText()).isEqualTo(total);
        return balances;
    }

    private static BigDecimal dutch(String text) {
        return new BigDecimal(text.replace(".", "").replace(',', '.'));
    }
}
