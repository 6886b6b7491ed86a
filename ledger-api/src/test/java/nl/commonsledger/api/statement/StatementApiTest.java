package nl.commonsledger.api.statement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import nl.commonsledger.api.http.ApiTestBase;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static nl.commonsledger.api.http.support.Ledger.assertProblem;
import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.dec;
import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.http.support.Ledger.line;
import static nl.commonsledger.api.http.support.Ledger.quarter;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/projects/{p}/periods/{period}/statement} in JSON, CSV and PDF. */
class StatementApiTest extends ApiTestBase {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern AMOUNT = Pattern.compile("-?\\d+\\.\\d{2}");
    private static final List<String> FIGURES = List.of("openingBalance", "contributed.MONEY", "contributed.HOURS",
            "contributed.CODE", "contributed.total", "fairShare", "settlementsPaid", "settlementsReceived",
            "closingBalance");

    private String path(String p, String period) {
        return "/api/projects/" + p + "/periods/" + period + "/statement";
    }

    /** The answer's exact bytes (the shared client decodes text, which a PDF is not). */
    private HttpResponse<byte[]> raw(String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (Http.ADMIN + ":" + Http.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode statement(String p, String period) {
        Response r = http.get(path(p, period));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        return r.json();
    }

    private static String figure(JsonNode line, String name) {
        JsonNode n = line;
        for (String part : name.split("\\.")) {
            n = n.path(part);
        }
        return n.asText();
    }

    private Response settle(String p, String from, String to, String amount, LocalDate date) {
        Response r = http.post("/api/projects/" + p + "/settlements", json("from", from, "to", to, "amount", amount,
                "date", date));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r;
    }

    @Test
    void openingIsTheClosingBeforeAndClosingFollowsTheGlossary() {
        String p = api.projectWith("stmt", List.of("a", "b", "c"), "developer", "95.00");
        LocalDate b = base();
        String q0 = quarter(b);
        String q1 = quarter(b.plusMonths(3));
        api.money(p, "a", "100.00", b.plusDays(1));
        api.hours(p, "b", "HOURS", "2", "developer", b.plusDays(2), null);
        settle(p, "c", "a", "50.00", b.plusDays(3));
        api.money(p, "c", "30.00", b.plusMonths(3).plusDays(1));
        api.join(p, "d", b.plusMonths(4));

        JsonNode s0 = statement(p, q0);
        assertThat(s0.path("period").asText()).isEqualTo(q0);
        assertThat(s0.path("status").asText()).isEqualTo("OPEN");
        assertThat(s0.has("digest")).as("an open quarter has no digest").isFalse();
        assertThat(s0.path("members").findValuesAsText("memberId")).containsExactly("a", "b", "c");
        // EQUAL key, largest remainder: 100.00 → 33.34/33.33/33.33; 2 h × 95.00 = 190.00 → 63.34/63.33/63.33.
        JsonNode a = line(s0, "a");
        assertThat(a.path("openingBalance").asText()).isEqualTo("0.00");
        assertThat(a.path("contributed").path("MONEY").asText()).isEqualTo("100.00");
        assertThat(a.path("fairShare").asText()).isEqualTo("96.68");
        assertThat(a.path("settlementsReceived").asText()).isEqualTo("50.00");
        assertThat(a.path("closingBalance").asText()).isEqualTo("-46.68");
        assertThat(line(s0, "b").path("contributed").path("HOURS").asText()).isEqualTo("190.00");
        assertThat(line(s0, "b").path("closingBalance").asText()).isEqualTo("93.34");
        assertThat(line(s0, "c").path("settlementsPaid").asText()).isEqualTo("50.00");
        assertThat(line(s0, "c").path("closingBalance").asText()).isEqualTo("-46.66");
        assertThat(s0.path("totalValue").asText()).isEqualTo("290.00");
        assertThat(s0.path("totals").path("contributed").path("total").asText()).isEqualTo("290.00");
        assertThat(s0.path("totals").path("fairShare").asText()).isEqualTo("290.00");
        assertThat(s0.path("totals").path("settlementsPaid").asText()).isEqualTo("50.00");

        JsonNode s1 = statement(p, q1);
        assertThat(s1.path("members").findValuesAsText("memberId")).containsExactly("a", "b", "c", "d");
        JsonNode through0 = api.balances(p, q0);
        for (String m : List.of("a", "b", "c")) {
            // The closing balance of a quarter is the balance through it, and the next quarter opens with it.
            assertThat(line(s0, m).path("closingBalance").asText()).isEqualTo(line(through0, m).path("balance").asText());
            assertThat(line(s1, m).path("openingBalance").asText()).isEqualTo(line(s0, m).path("closingBalance").asText());
        }
        assertThat(line(s1, "d").path("openingBalance").asText()).isEqualTo("0.00");
        for (JsonNode s : List.of(s0, s1)) {
            BigDecimal closingSum = BigDecimal.ZERO;
            for (JsonNode m : s.path("members")) {
                BigDecimal closing = dec(m.path("openingBalance")).add(dec(m.path("contributed").path("total")))
                        .subtract(dec(m.path("fairShare"))).add(dec(m.path("settlementsPaid")))
                        .subtract(dec(m.path("settlementsReceived")));
                assertThat(dec(m.path("closingBalance"))).isEqualByComparingTo(closing);
                closingSum = closingSum.add(closing);
            }
            assertThat(closingSum).isEqualByComparingTo("0");
        }
        // The last quarter's closing balances are today's balances.
        JsonNode now = api.balances(p);
        String current = quarter(nl.commonsledger.api.http.support.Ledger.today());
        JsonNode latest = statement(p, current);
        for (JsonNode m : now.path("members")) {
            assertThat(line(latest, m.path("memberId").asText()).path("closingBalance").asText())
                    .isEqualTo(m.path("balance").asText());
        }
    }

    @Test
    void aClosedQuartersStatementNeverChangesWhateverIsBookedLater() throws Exception {
        String p = api.projectWith("frozen", List.of("a", "b", "c"), "developer", "95.00");
        LocalDate b = base();
        LocalDate q1Start = b.plusMonths(3);
        String q0 = quarter(b);
        String q1 = quarter(q1Start);
        api.money(p, "a", "1000.00", b.plusDays(5), "INV-1");
        api.hours(p, "b", "HOURS", "7.5", "developer", b.plusDays(6), null);
        settle(p, "c", "a", "100.00", b.plusDays(7));
        String later = api.money(p, "a", "400.00", q1Start.plusDays(1), "INV-2").path("contributionId").asText();
        String wrong = api.hours(p, "c", "HOURS", "3", "developer", q1Start.plusDays(2), null)
                .path("contributionId").asText();

        Response closed = http.post("/api/projects/" + p + "/periods/" + q0 + "/close", "");
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        byte[] frozen = raw(path(p, q0), null).body();
        JsonNode s0 = Http.MAPPER.readTree(frozen);
        assertThat(s0.path("status").asText()).isEqualTo("CLOSED");
        assertThat(s0.path("digest").asText()).isEqualTo(closed.json().path("digest").asText()).hasSize(64);
        String q1Before = statement(p, q1).toString();

        // Later, in open quarters: book, correct, reverse, re-key, re-rate, add a member, settle.
        api.money(p, "b", "250.00", q1Start.plusDays(3));
        api.correct(p, later, json("kind", "MONEY", "amount", "444.44", "date", q1Start.plusDays(4),
                "reference", "INV-2", "reason", "the invoice was higher"));
        api.reverse(p, wrong, "booked twice");
        api.weightedKey(p, q1Start, "a", "1", "b", "2", "c", "3");
        api.rateCard(p, q1Start, "developer", "101.00");
        api.hours(p, "c", "CODE", "4", "developer", q1Start.plusDays(5), "MR-7");
        api.join(p, "d", q1Start.plusMonths(1), "4");
        settle(p, "a", "b", "12.34", q1Start.plusMonths(1).plusDays(1));
        // And what may not happen: a booking into the closed quarter is refused.
        assertThat(api.record(p, json("memberId", "a", "kind", "MONEY", "amount", "1.00", "date", b.plusDays(8)))
                .status()).isEqualTo(409);

        assertThat(raw(path(p, q0), null).body()).as("the closed quarter's JSON, byte for byte").isEqualTo(frozen);
        assertThat(raw(path(p, q0), "application/json").body()).isEqualTo(frozen);
        assertThat(statement(p, q1).toString()).as("an open quarter's statement follows later bookings")
                .isNotEqualTo(q1Before);
        assertThat(statement(p, q1).path("status").asText()).isEqualTo("OPEN");
    }

    @Test
    void csvAndPdfAgreeWithTheJsonToTheCent() throws Exception {
        String p = api.projectWith("formats", List.of("gm0363", "gm0518", "gm0599"), "developer", "87.65");
        LocalDate b = base();
        String q0 = quarter(b);
        api.money(p, "gm0363", "12345.67", b.plusDays(1));
        api.hours(p, "gm0518", "HOURS", "12.25", "developer", b.plusDays(2), null);
        api.hours(p, "gm0599", "CODE", "3", "developer", b.plusDays(3), "MR-1");
        settle(p, "gm0599", "gm0363", "2000.01", b.plusDays(4));
        assertThat(http.post("/api/projects/" + p + "/periods/" + q0 + "/close", "").status()).isEqualTo(200);
        JsonNode s = statement(p, q0);

        // CSV: JSON field names as columns, one row per member, then TOTAL.
        Response csv = http.get(path(p, q0), "Accept", "text/csv");
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\uFEFF");
        List<String[]> rows = readCsv(csv.body().substring(1), ',');
        assertThat(rows.get(0)).containsExactly("memberId", "openingBalance", "contributed.MONEY", "contributed.HOURS",
                "contributed.CODE", "contributed.total", "fairShare", "settlementsPaid", "settlementsReceived",
                "closingBalance");
        assertThat(rows).hasSize(1 + 3 + 1);
        for (int i = 0; i < 3; i++) {
            JsonNode m = s.path("members").get(i);
            String[] row = rows.get(i + 1);
            assertThat(row[0]).isEqualTo(m.path("memberId").asText());
            for (int f = 0; f < FIGURES.size(); f++) {
                assertThat(row[f + 1]).as("%s %s", row[0], FIGURES.get(f)).isEqualTo(figure(m, FIGURES.get(f)));
            }
        }
        String[] total = rows.get(4);
        JsonNode t = s.path("totals");
        assertThat(total).containsExactly("TOTAL", "", figure(t, "contributed.MONEY"), figure(t, "contributed.HOURS"),
                figure(t, "contributed.CODE"), figure(t, "contributed.total"), t.path("fairShare").asText(),
                t.path("settlementsPaid").asText(), t.path("settlementsReceived").asText(), "");
        // Dutch settings: the same figures with a decimal comma, between semicolons.
        Response nl = http.get(path(p, q0) + "?csv=nl", "Accept", "text/csv");
        List<String[]> nlRows = readCsv(nl.body().substring(1), ';');
        assertThat(nlRows.get(1)[2]).isEqualTo(figure(s.path("members").get(0), "contributed.MONEY").replace('.', ','));

        // PDF: every member's figures, in the JSON's order, and the totals, status and digest.
        HttpResponse<byte[]> pdf = raw(path(p, q0), "application/pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            // A4: 595 × 842 points, either way round (landscape for the ten columns).
            var box = doc.getPage(0).getMediaBox();
            assertThat(List.of(Math.round(Math.min(box.getWidth(), box.getHeight())),
                    Math.round(Math.max(box.getWidth(), box.getHeight())))).containsExactly(595, 842);
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            text = stripper.getText(doc);
        }
        assertThat(text).contains(p).contains(q0).contains("CLOSED").contains(s.path("digest").asText())
                .contains("Generated:");
        for (JsonNode m : s.path("members")) {
            String row = lineStartingWith(text, m.path("memberId").asText());
            List<String> expected = FIGURES.stream().map(f -> figure(m, f)).toList();
            assertThat(amounts(row)).as(row).isEqualTo(expected);
        }
        assertThat(amounts(lineStartingWith(text, "TOTAL"))).isEqualTo(List.of(figure(t, "contributed.MONEY"),
                figure(t, "contributed.HOURS"), figure(t, "contributed.CODE"), figure(t, "contributed.total"),
                t.path("fairShare").asText(), t.path("settlementsPaid").asText(), t.path("settlementsReceived").asText()));
        assertThat(text).contains(s.path("totalValue").asText());
    }

    @Test
    void negotiationAndRefusals() throws Exception {
        String p = api.projectWith("neg", List.of("a", "b"));
        String q0 = quarter(base());
        assertThat(raw(path(p, q0), null).headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(raw(path(p, q0), "*/*").headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(raw(path(p, q0), "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        Response xml = http.get(path(p, q0), "Accept", "application/xml");
        assertThat(xml.status()).as(xml.toString()).isEqualTo(406);
        assertThat(xml.contentType()).startsWith("application/problem+json");
        assertThat(http.get(path(p, q0), "Accept", "text/plain").status()).isEqualTo(406);

        assertProblem(http.get(path(p, "2025-Q5")), 400, "/problems/malformed-request", "Malformed request", "period");
        assertThat(http.get(path(p, quarter(base().minusMonths(3)))).status()).as("before the first period").isEqualTo(404);
        assertThat(http.get(path(p, quarter(base().plusYears(2)))).status()).as("a future quarter").isEqualTo(404);
        assertThat(http.get(path("no-such-" + System.nanoTime(), q0)).status()).isEqualTo(404);
        assertProblem(http.get(path(p, q0) + "?csv=xx", "Accept", "text/csv"), 400, "/problems/malformed-request",
                "Malformed request", "csv");
    }

    @Test
    void everyoneWhoMaySeeTheProjectMayReadIt() {
        String p = api.projectWith("who", List.of("gm0001", "gm0002"));
        String q0 = quarter(base());
        String finance = user("stmt-fin", "FINANCE", "gm0001", null);
        String other = user("stmt-out", "FINANCE", "gm9999", null);
        String board = user("stmt-board", "BOARD", null, List.of(p));
        String pw = PASSWORD;
        assertThat(http.as(finance, pw).get(path(p, q0)).status()).isEqualTo(200);
        assertThat(http.as(board, pw).get(path(p, q0)).status()).isEqualTo(200);
        assertThat(http.as(board, pw).get(path(p, q0), "Accept", "application/pdf").status()).isEqualTo(200);
        assertThat(http.as(other, pw).get(path(p, q0)).status()).as("invisible project").isEqualTo(404);
        assertThat(http.as(null, null).get(path(p, q0)).status()).isEqualTo(401);
    }

    private static final String PASSWORD = "a-long-enough-test-password";

    private String user(String prefix, String role, String organisation, List<String> projects) {
        String username = nl.commonsledger.api.http.support.Ledger.uid(prefix);
        Response r = http.post("/api/users", json("username", username, "password", PASSWORD,
                "roles", List.of(role), "organisation", organisation, "projects", projects));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return username;
    }

    private static List<String[]> readCsv(String body, char separator) throws Exception {
        try (MappingIterator<String[]> it = new CsvMapper().readerFor(String[].class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).with(CsvSchema.emptySchema().withColumnSeparator(separator))
                .readValues(body)) {
            return it.readAll();
        }
    }

    private static String lineStartingWith(String text, String start) {
        return Arrays.stream(text.split("\\R")).filter(l -> l.startsWith(start + " ") || l.equals(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with " + start + " in\n" + text));
    }

    private static List<String> amounts(String line) {
        List<String> out = new ArrayList<>();
        Matcher m = AMOUNT.matcher(line);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
