package nl.commonsledger.api.finance;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.ApiTestBase;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import nl.commonsledger.api.http.support.Ledger;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static nl.commonsledger.api.http.support.Ledger.assertProblem;
import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.http.support.Ledger.line;
import static nl.commonsledger.api.http.support.Ledger.uid;
import static org.assertj.core.api.Assertions.assertThat;

/** Bulk import over HTTP: the file formats, all or nothing, dry runs, idempotency and who may import. */
class ImportApiTest extends ApiTestBase {

    static Response importCsv(Http http, String p, String csv, String... headers) {
        return importCsv(http, p, "", csv.getBytes(StandardCharsets.UTF_8), headers);
    }

    static Response importCsv(Http http, String p, String query, byte[] csv, String... headers) {
        return http.send("POST", "/api/projects/" + p + "/contributions/import" + query,
                BodyPublishers.ofByteArray(csv), "text/csv", headers);
    }

    static long eventCount(Http http, String p) {
        Response r = http.get("/api/projects/" + p + "/events?limit=1000");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        long n = r.json().path("items").size();
        String next = r.json().path("next").isNull() ? null : r.json().path("next").asText();
        while (next != null) {
            r = http.get("/api/projects/" + p + "/events?limit=1000&after=" + next);
            n += r.json().path("items").size();
            next = r.json().path("next").isNull() ? null : r.json().path("next").asText();
        }
        return n;
    }

    private String project() {
        return api.projectWith("imp", List.of("gm0363", "gm0599"), "developer", "95.00");
    }

    @Test
    void aDutchExportWithBomSemicolonsDecimalCommasAndAQuotedLineBreakImports() {
        String p = project();
        LocalDate d = base().plusDays(3);
        String csv = "\uFEFFDate;MEMBERID;kind;Amount;hours;role;reference;description\r\n"
                + d + ";gm0363;MONEY;1.250,00;;;INV-1;\"Hosting; first line\nsecond line\"\r\n"
                + d + ";gm0599;HOURS;;37,5;developer;;\r\n"
                + d + ";gm0363;MONEY;12,5;;;INV-2;\r\n";
        Response r = importCsv(http, p, csv);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode body = r.json();
        assertThat(body.path("imported").asInt()).isEqualTo(3);
        assertThat(body.path("contributionIds")).hasSize(3);
        // 1250.00 + 37.5 h × 95.00 + 12.50
        assertThat(body.path("totalValue").asText()).isEqualTo("4825.00");

        JsonNode first = api.contribution(p, body.path("contributionIds").get(0).asText());
        assertThat(first.path("amount").asText()).isEqualTo("1250.00");
        assertThat(first.path("description").asText()).isEqualTo("Hosting; first line\nsecond line");
        JsonNode second = api.contribution(p, body.path("contributionIds").get(1).asText());
        assertThat(second.path("hours").asText()).isEqualTo("37.50");
        assertThat(second.path("value").asText()).isEqualTo("3562.50");

        JsonNode balances = api.balances(p);
        assertThat(balances.path("totalValue").asText()).isEqualTo("4825.00");
        assertThat(line(balances, "gm0363").path("contributed").path("MONEY").asText()).isEqualTo("1262.50");
        Ledger.assertBalanced(balances);
    }

    @Test
    void aJsonArrayImportsLikeTheSameSingleBookings() {
        String p = project();
        LocalDate d = base().plusDays(1);
        String body = "[" + json("memberId", "gm0363", "kind", "MONEY", "amount", "10.01", "date", d, "reference", "A")
                + "," + json("memberId", "gm0599", "kind", "CODE", "hours", "2", "role", "developer", "date", d,
                "reference", "https://git.example.org/mr/1") + "]";
        Response r = http.post("/api/projects/" + p + "/contributions/import", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().path("totalValue").asText()).isEqualTo("200.01");
        assertThat(eventCount(http, p)).isEqualTo(1 + 2 + 1 + 2);
    }

    @Test
    void anImportsTotalIsItsOwnRowsAlsoBesideBookingsAndImportsMadeJustBeforeAndAfter() {
        String p = project();
        LocalDate d = base().plusDays(2);
        api.money(p, "gm0363", "1000.00", d);
        String first = "[" + json("memberId", "gm0363", "kind", "MONEY", "amount", "10.00", "date", d) + ","
                + json("memberId", "gm0599", "kind", "MONEY", "amount", "20.00", "date", d) + "]";
        String second = "[" + json("memberId", "gm0599", "kind", "MONEY", "amount", "3.00", "date", d) + "]";
        String key = UUID.randomUUID().toString();
        Response one = http.send("POST", "/api/projects/" + p + "/contributions/import", BodyPublishers.ofString(first),
                "application/json", "Idempotency-Key", key);
        Response two = http.post("/api/projects/" + p + "/contributions/import", second);
        api.money(p, "gm0599", "500.00", d);

        assertThat(one.status()).as(one.toString()).isEqualTo(201);
        assertThat(one.json().path("totalValue").asText()).isEqualTo("30.00");
        assertThat(two.json().path("totalValue").asText()).isEqualTo("3.00");
        Response replay = http.send("POST", "/api/projects/" + p + "/contributions/import", BodyPublishers.ofString(first),
                "application/json", "Idempotency-Key", key);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json()).isEqualTo(one.json());
        assertThat(api.balances(p).path("totalValue").asText()).isEqualTo("1533.00");
    }

    @Test
    void oneBadRowStoresNothingAndTheReportNamesThatRow() {
        String p = project();
        long before = eventCount(http, p);
        LocalDate d = base().plusDays(1);
        String csv = "memberId,kind,amount,date,reference\n"
                + "gm0363,MONEY,100.00," + d + ",R1\n"
                + "gm0363,MONEY,100.00," + d + ",R2\n"
                + "gm0363,MONEY,-5.00," + d + ",R3\n"
                + "gm0363,MONEY,100.00," + d + ",R4\n";
        Response r = importCsv(http, p, csv);
        JsonNode problem = assertRows(r, 4);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("amount");
        assertThat(problem.path("errors").get(0).path("message").asText()).contains("-5.00");
        assertThat(eventCount(http, p)).isEqualTo(before);
        assertThat(api.balances(p).path("totalValue").asText()).isEqualTo("0.00");
    }

    @Test
    void aDecimalCommaThatIsNoAmountIsNamedAsTheClerkWroteIt() {
        String p = project();
        String csv = "memberId;kind;amount;date\ngm0363;MONEY;12,5,0;" + base() + "\n";
        JsonNode problem = assertRows(importCsv(http, p, csv), 2);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("amount");
        assertThat(problem.path("errors").get(0).path("message").asText()).contains("'12,5,0'");
        assertThat(problem.path("detail").asText()).contains("row 2, amount: '12,5,0'");
    }

    @Test
    void aDryRunAnswersWhatWouldBeImportedAndNeverStoresOrClaimsTheKey() {
        String p = project();
        long before = eventCount(http, p);
        String csv = "memberId,kind,amount,date\ngm0363,MONEY,100.00," + base() + "\ngm0599,MONEY,0.5," + base() + "\n";
        String key = uid("key");
        Response dry = importCsv(http, p, "?dryRun=true", csv.getBytes(StandardCharsets.UTF_8), "Idempotency-Key", key);
        assertThat(dry.status()).as(dry.toString()).isEqualTo(200);
        assertThat(Ledger.strings(dry.json())).containsEntry("dryRun", "true").containsEntry("valid", "true")
                .containsEntry("wouldImport", "2").containsEntry("totalValue", "100.50");
        assertThat(eventCount(http, p)).isEqualTo(before);

        Response bad = importCsv(http, p, "?dryRun=true",
                ("memberId,kind,amount,date\ngm0363,MONEY,1.00," + Ledger.future() + "\n").getBytes(StandardCharsets.UTF_8));
        assertRows(bad, 2);
        assertThat(eventCount(http, p)).isEqualTo(before);

        // The key was not claimed by the dry run: the real import with it books.
        Response real = importCsv(http, p, "", csv.getBytes(StandardCharsets.UTF_8), "Idempotency-Key", key);
        assertThat(real.status()).as(real.toString()).isEqualTo(201);
        assertThat(real.header("Idempotent-Replayed")).isNull();
        assertThat(eventCount(http, p)).isEqualTo(before + 2);
    }

    @Test
    void aRetriedImportWithTheSameKeyBooksOnce() {
        String p = project();
        long before = eventCount(http, p);
        String csv = "memberId,kind,amount,date,reference\ngm0363,MONEY,100.00," + base() + ",X1\n";
        String key = uid("key");
        Response first = importCsv(http, p, csv, "Idempotency-Key", key);
        Response again = importCsv(http, p, csv, "Idempotency-Key", key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(eventCount(http, p)).isEqualTo(before + 1);

        Response other = importCsv(http, p, csv.replace("100.00", "200.00"), "Idempotency-Key", key);
        assertProblem(other, 422, "/problems/invalid-values", "Invalid values", "Idempotency-Key");
    }

    @Test
    void theFileItselfMustNameKnownColumnsAndHoldRows() {
        String p = project();
        assertProblem(importCsv(http, p, "memberId,kind,amount,date,colour\n"), 422, "/problems/invalid-values",
                "Invalid values", "file");
        assertProblem(importCsv(http, p, ""), 422, "/problems/invalid-values", "Invalid values", "file");
        assertProblem(importCsv(http, p, "memberId,kind,amount,date\n"), 422, "/problems/nothing-to-import",
                "Invalid values", "rows");
        assertProblem(http.post("/api/projects/" + p + "/contributions/import", "[]"), 422,
                "/problems/nothing-to-import", "Invalid values", "rows");
        assertProblem(http.post("/api/projects/" + p + "/contributions/import", "{\"memberId\":\"gm0363\"}"), 400,
                "/problems/malformed-request", "Malformed request", "body");
        assertProblem(importCsv(http, p, "?dryRun=maybe", "memberId\n".getBytes(StandardCharsets.UTF_8)), 400,
                "/problems/malformed-request", "Malformed request", "dryRun");
    }

    @Test
    void aFinanceUserImportsOnlyItsOwnOrganisationsRows() {
        String p = project();
        String user = uid("fin");
        Response created = http.post("/api/users", json("username", user, "password", "finance-password-1",
                "roles", List.of("FINANCE"), "organisation", "gm0363"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Http finance = http.as(user, "finance-password-1");
        long before = eventCount(http, p);
        String own = "memberId,kind,amount,date\ngm0363,MONEY,1.00," + base() + "\n";
        Response mixed = importCsv(finance, p, own + "gm0599,MONEY,1.00," + base() + "\n");
        assertProblem(mixed, 403, "/problems/forbidden", "Forbidden");
        Response mixedDry = importCsv(finance, p, "?dryRun=true",
                (own + "gm0599,MONEY,1.00," + base() + "\n").getBytes(StandardCharsets.UTF_8));
        assertProblem(mixedDry, 403, "/problems/forbidden", "Forbidden");
        assertThat(eventCount(http, p)).isEqualTo(before);
        Response ownOnly = importCsv(finance, p, own);
        assertThat(ownOnly.status()).as(ownOnly.toString()).isEqualTo(201);
    }

    /** A 422 row report naming exactly these rows, each entry {row, field, message}. */
    static JsonNode assertRows(Response r, int... rows) {
        JsonNode b = assertProblem(r, 422, "/problems/invalid-rows", "Invalid rows");
        List<Integer> named = new ArrayList<>();
        for (JsonNode e : b.path("errors")) {
            assertThat(Ledger.fieldNames(e)).as("error entry %s", e).containsExactlyInAnyOrder("row", "field", "message");
            assertThat(e.path("message").asText()).as("message of %s", e).isNotBlank();
            named.add(e.path("row").asInt());
        }
        assertThat(named.stream().distinct().toList()).as("rows named by %s", r)
                .containsExactlyElementsOf(java.util.Arrays.stream(rows).boxed().toList());
        return b;
    }
}
