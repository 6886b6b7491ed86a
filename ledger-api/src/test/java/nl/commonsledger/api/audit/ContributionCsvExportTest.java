package nl.commonsledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import nl.commonsledger.api.http.ApiTestBase;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static nl.commonsledger.api.audit.AuditSupport.PASSWORD;
import static nl.commonsledger.api.audit.AuditSupport.createUser;
import static nl.commonsledger.api.audit.AuditSupport.events;
import static nl.commonsledger.api.http.support.Ledger.assertProblem;
import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.json;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/projects/{p}/export/contributions?from=&to=}: working papers, one row per event. */
class ContributionCsvExportTest extends ApiTestBase {

    private static final CsvMapper CSV = new CsvMapper();

    private record Csv(List<String> header, List<Map<String, String>> rows) {
        List<String> column(String name) {
            return rows.stream().map(r -> r.get(name)).toList();
        }
    }

    private Csv export(String p, String query) throws Exception {
        Response r = http.get("/api/projects/" + p + "/export/contributions" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/csv");
        // Every CSV starts with a UTF-8 byte order mark (contract, "CSV everywhere"); the rest is the table.
        assertThat(r.body()).startsWith("\uFEFF");
        String body = r.body().substring(1);
        // The header row first, read as plain text: column names in order.
        List<String> header;
        try (MappingIterator<String[]> lines = CSV.readerFor(String[].class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(body)) {
            header = List.of(lines.next());
        }
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader().withStrictHeaders(true)).readValues(body)) {
            while (it.hasNext()) {
                rows.add(it.next());
            }
        }
        for (Map<String, String> row : rows) {
            assertThat(row.keySet()).as("every row has every column").containsExactlyInAnyOrderElementsOf(header);
        }
        return new Csv(header, rows);
    }

    /** The one column whose name matches (the contract names what is in it, not how it is called). */
    private static String onlyColumn(Csv csv, String regex) {
        List<String> matching = csv.header().stream().filter(h -> h.matches(regex)).toList();
        assertThat(matching).as("columns %s matching %s", csv.header(), regex).hasSize(1);
        return matching.get(0);
    }

    @Test
    void oneRowPerEventWithWhoAndWhenInTheDateRange() throws Exception {
        String p = api.projectWith("csv", List.of("acme", "beta"), "developer", "95.00");
        LocalDate b = base();
        String finance = createUser(http, "csv-fin", "FINANCE", "acme", null);
        Http asFinance = http.as(finance, PASSWORD);
        // m1: recorded by FINANCE on b+1, corrected by admin (still on b+1): two rows.
        Response booked = asFinance.post("/api/projects/" + p + "/contributions", json("memberId", "acme",
                "kind", "MONEY", "amount", "100.00", "date", b.plusDays(1), "reference", "INV-1",
                "description", "Hosting, \"yearly\"\nsecond line"));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String m1 = booked.json().path("contributionId").asText();
        api.correct(p, m1, json("kind", "MONEY", "amount", "110.00", "date", b.plusDays(1), "reference", "INV-1",
                "description", "Hosting", "reason", "price went up, sadly"));
        // h2 on b+10, reversed: two rows. m3 on b+20: one row. h4 on b+30: one row.
        String h2 = api.hours(p, "beta", "HOURS", "2", "developer", b.plusDays(10), null).path("contributionId").asText();
        api.reverse(p, h2, "wrong project");
        String m3 = api.money(p, "beta", "20.00", b.plusDays(20)).path("contributionId").asText();
        String h4 = api.hours(p, "acme", "CODE", "1.5", "developer", b.plusDays(30), "MR-4").path("contributionId").asText();
        Map<Long, JsonNode> bySequence = new HashMap<>();
        events(http, p).forEach(e -> bySequence.put(e.path("sequence").asLong(), e));

        Csv all = export(p, "");
        assertThat(all.header()).contains("contributionId", "event", "recordedAt", "recordedBy", "memberId", "kind",
                "amount", "hours", "role", "date", "reference", "description", "reason");
        assertThat(all.rows()).hasSize(6);
        assertThat(all.column("contributionId")).containsExactly(m1, m1, h2, h2, m3, h4);
        assertThat(all.column("event")).containsExactly("RECORDED", "CORRECTED", "RECORDED", "REVERSED", "RECORDED",
                "RECORDED");
        assertThat(all.column("recordedBy")).containsExactly(finance + "@acme", "admin", "admin", "admin", "admin",
                "admin");
        assertThat(all.column("recordedAt")).allSatisfy(t -> assertThat(t).matches(AuditSupport.ISO_INSTANT));
        assertThat(all.rows().get(0).get("recordedAt")).isEqualTo(booked.json().path("recordedAt").asText());
        // Every row is an event of /events, with its who and when.
        for (Map<String, String> row : all.rows()) {
            if (all.header().contains("sequence")) {
                JsonNode e = bySequence.get(Long.parseLong(row.get("sequence")));
                assertThat(e).as("event of %s", row).isNotNull();
                assertThat(e.path("recordedAt").asText()).isEqualTo(row.get("recordedAt"));
                assertThat(e.path("recordedBy").asText()).isEqualTo(row.get("recordedBy"));
                assertThat(e.path("payload").path("contributionId").asText()).isEqualTo(row.get("contributionId"));
            }
            assertThat(row.get("memberId")).isIn("acme", "beta");
        }
        // The values each event stated, and the reason.
        Map<String, String> recorded = all.rows().get(0);
        assertThat(recorded.get("amount")).isEqualTo("100.00");
        assertThat(recorded.get("description")).isEqualTo("Hosting, \"yearly\"\nsecond line");
        assertThat(recorded.get("reference")).isEqualTo("INV-1");
        assertThat(recorded.get("date")).isEqualTo(b.plusDays(1).toString());
        Map<String, String> corrected = all.rows().get(1);
        assertThat(corrected.get("amount")).isEqualTo("110.00");
        assertThat(corrected.get("reason")).isEqualTo("price went up, sadly");
        Map<String, String> hours = all.rows().get(2);
        assertThat(hours.get("kind")).isEqualTo("HOURS");
        assertThat(hours.get("hours")).isEqualTo("2.00");
        assertThat(hours.get("role")).isEqualTo("developer");
        assertThat(all.rows().get(3).get("reason")).isEqualTo("wrong project");
        // The current status and value of the contribution on each of its rows.
        String status = onlyColumn(all, "(?i).*status.*");
        String value = onlyColumn(all, "(?i).*value.*");
        assertThat(all.column(status)).containsExactly("EFFECTIVE", "EFFECTIVE", "REVERSED", "REVERSED",
                "EFFECTIVE", "EFFECTIVE");
        assertThat(all.column(value)).containsExactly("110.00", "110.00", "190.00", "190.00", "20.00", "142.50");

        // Date ranges, bounds included.
        assertThat(export(p, "?from=" + b.plusDays(10) + "&to=" + b.plusDays(20)).column("contributionId"))
                .containsExactly(h2, h2, m3);
        assertThat(export(p, "?from=" + b.plusDays(11)).column("contributionId")).containsExactly(m3, h4);
        assertThat(export(p, "?to=" + b.plusDays(1)).column("contributionId")).containsExactly(m1, m1);
        assertThat(export(p, "?from=" + b.plusDays(30) + "&to=" + b.plusDays(30)).column("contributionId"))
                .containsExactly(h4);
        Csv none = export(p, "?from=" + b.plusDays(31));
        assertThat(none.rows()).isEmpty();
        assertThat(none.header()).isEqualTo(all.header());

        assertProblem(http.get("/api/projects/" + p + "/export/contributions?from=2026-02-30"), 400,
                "/problems/malformed-request", "Malformed request", "from");
        assertThat(http.get("/api/projects/no-such-" + System.nanoTime() + "/export/contributions").status())
                .isEqualTo(404);
    }

    @Test
    void spreadsheetSafeFormulasNeutralisedAndDutchSettingsOnRequest() throws Exception {
        String p = api.projectWith("csv-nl", List.of("acme", "beta"), "developer", "95.00");
        LocalDate b = base();
        String formula = "=HYPERLINK(\"http://evil.example\",\"invoice\")";
        Response booked = http.post("/api/projects/" + p + "/contributions", json("memberId", "acme",
                "kind", "MONEY", "amount", "1234.50", "date", b.plusDays(1), "reference", "INV-9",
                "description", formula));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);

        Csv standard = export(p, "");
        assertThat(standard.column("description")).containsExactly("'" + formula);
        assertThat(standard.column("amount")).containsExactly("1234.50");

        Response nl = http.get("/api/projects/" + p + "/export/contributions?csv=nl");
        assertThat(nl.status()).as(nl.toString()).isEqualTo(200);
        assertThat(nl.body()).startsWith("\uFEFFcontributionId;sequence;event;");
        List<String[]> lines;
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(CsvSchema.emptySchema().withColumnSeparator(';')).readValues(nl.body().substring(1))) {
            lines = it.readAll();
        }
        List<String> header = List.of(lines.get(0));
        String[] row = lines.get(1);
        assertThat(row[header.indexOf("amount")]).isEqualTo("1234,50");
        assertThat(row[header.indexOf("currentValue")]).isEqualTo("1234,50");
        assertThat(row[header.indexOf("description")]).isEqualTo("'" + formula);
        // A number is never quoted, so a spreadsheet reads it as a number.
        assertThat(nl.body()).contains(";1234,50;").doesNotContain("\"1234,50\"");

        assertProblem(http.get("/api/projects/" + p + "/export/contributions?csv=excel"), 400,
                "/problems/malformed-request", "Malformed request", "csv");
    }
}
