package nl.commonsledger.api.finance;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.ApiTestBase;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static nl.commonsledger.api.http.support.Ledger.assertProblem;
import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.http.support.Ledger.uid;
import static org.assertj.core.api.Assertions.assertThat;

/** A member's books against the ledger: every kind of difference named, nothing stored. */
class ReconciliationApiTest extends ApiTestBase {

    @Test
    void everyKindOfDifferenceIsNamedWithCountsAndSums() {
        String p = api.projectWith("rec", List.of("gm0363", "gm0599"), "developer", "95.00");
        LocalDate d = base().plusDays(10);
        String same = api.money(p, "gm0363", "100.00", d, "INV-SAME").path("contributionId").asText();
        String amount = api.money(p, "gm0363", "200.00", d, "INV-AMOUNT").path("contributionId").asText();
        String date = api.money(p, "gm0363", "300.00", d, "INV-DATE").path("contributionId").asText();
        String both = api.money(p, "gm0363", "400.00", d, "INV-BOTH").path("contributionId").asText();
        String ledgerOnly = api.money(p, "gm0363", "50.00", d, "INV-LEDGER").path("contributionId").asText();
        String noReference = api.hours(p, "gm0363", "HOURS", "2", "developer", d, null).path("contributionId").asText();
        api.money(p, "gm0363", "60.00", d, "INV-TWICE");
        String reversed = api.money(p, "gm0363", "70.00", d, "INV-REVERSED").path("contributionId").asText();
        api.reverse(p, reversed, "booked twice");
        api.money(p, "gm0599", "80.00", d, "INV-OTHER-MEMBER");
        api.money(p, "gm0363", "90.00", base().plusDays(60), "INV-LATER");
        long eventsBefore = ImportApiTest.eventCount(http, p);

        // Dutch books: semicolons, decimal commas, a BOM.
        String books = "\uFEFFReference;Date;Amount\n"
                + "INV-SAME;" + d + ";100,00\n"
                + "INV-AMOUNT;" + d + ";210,00\n"
                + "INV-DATE;" + d.plusDays(1) + ";300\n"
                + "INV-BOTH;" + d.plusDays(2) + ";1.400,00\n"
                + "INV-BOOKS;" + d + ";12,34\n"
                + ";" + d + ";5,00\n"
                + "INV-TWICE;" + d + ";60,00\n"
                + "INV-TWICE;" + d + ";60,00\n"
                + "INV-REVERSED;" + d + ";70,00\n";
        Response r = reconcile(http, p, "gm0363", "?from=" + base() + "&to=" + base().plusDays(30), books,
                "Idempotency-Key", uid("ignored"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode report = r.json();
        assertThat(report.path("memberId").asText()).isEqualTo("gm0363");
        assertThat(report.path("from").asText()).isEqualTo(base().toString());

        assertThat(report.path("matched")).hasSize(1);
        assertThat(report.path("matched").get(0).path("contributionId").asText()).isEqualTo(same);
        assertThat(report.path("matched").get(0).path("amount").asText()).isEqualTo("100.00");

        JsonNode differing = report.path("differing");
        assertThat(differing).hasSize(3);
        assertThat(differing.get(0).path("contributionId").asText()).isEqualTo(amount);
        assertThat(strings(differing.get(0).path("differences"))).containsExactly("amount");
        assertThat(differing.get(0).path("ledger").path("value").asText()).isEqualTo("200.00");
        assertThat(differing.get(0).path("books").path("amount").asText()).isEqualTo("210.00");
        assertThat(differing.get(1).path("contributionId").asText()).isEqualTo(date);
        assertThat(strings(differing.get(1).path("differences"))).containsExactly("date");
        assertThat(differing.get(1).path("books").path("date").asText()).isEqualTo(d.plusDays(1).toString());
        assertThat(differing.get(2).path("contributionId").asText()).isEqualTo(both);
        assertThat(strings(differing.get(2).path("differences"))).containsExactly("date", "amount");

        List<String> onlyInLedger = new ArrayList<>();
        report.path("onlyInLedger").forEach(c -> onlyInLedger.add(c.path("contributionId").asText()));
        // INV-TWICE is twice in the books, so neither line pairs; the reversed one is not in the ledger's
        // effective history, the other member's and the later one are out of scope.
        assertThat(onlyInLedger).hasSize(3).contains(ledgerOnly, noReference);

        List<String> onlyInBooks = new ArrayList<>();
        report.path("onlyInBooks").forEach(b -> onlyInBooks.add(b.path("reference").isNull() ? null
                : b.path("reference").asText()));
        assertThat(onlyInBooks).containsExactly("INV-BOOKS", null, "INV-TWICE", "INV-TWICE", "INV-REVERSED");

        JsonNode totals = report.path("totals");
        assertThat(totals.path("matched").path("count").asInt()).isEqualTo(1);
        assertThat(totals.path("matched").path("amount").asText()).isEqualTo("100.00");
        assertThat(totals.path("differing").path("count").asInt()).isEqualTo(3);
        assertThat(totals.path("differing").path("ledgerValue").asText()).isEqualTo("900.00");
        assertThat(totals.path("differing").path("booksAmount").asText()).isEqualTo("1910.00");
        assertThat(totals.path("onlyInLedger").path("count").asInt()).isEqualTo(3);
        assertThat(totals.path("onlyInLedger").path("value").asText()).isEqualTo("300.00"); // 50 + 2 × 95 + 60
        assertThat(totals.path("onlyInBooks").path("count").asInt()).isEqualTo(5);
        assertThat(totals.path("onlyInBooks").path("amount").asText()).isEqualTo("207.34");

        assertThat(ImportApiTest.eventCount(http, p)).as("a reconciliation stores nothing").isEqualTo(eventsBefore);
    }

    @Test
    void jsonBooksWorkAndBadLinesAreNamedByRow() {
        String p = api.projectWith("rec", List.of("gm0363", "gm0599"), "developer", "95.00");
        LocalDate d = base().plusDays(3);
        api.money(p, "gm0363", "10.00", d, "A");
        Response ok = http.post("/api/projects/" + p + "/members/gm0363/reconciliation",
                "[" + json("reference", "A", "date", d, "amount", "10") + "]");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().path("matched")).hasSize(1);

        Response bad = http.post("/api/projects/" + p + "/members/gm0363/reconciliation",
                "[" + json("reference", "A", "date", d, "amount", "10") + ","
                        + json("reference", "B", "date", "2025-02-30", "amount", "1") + ","
                        + json("reference", "C", "date", d, "amount", "1.001") + "]");
        JsonNode problem = ImportApiTest.assertRows(bad, 2, 3);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("date");
    }

    @Test
    void financeOfAnotherMemberMayNotReconcile() {
        String p = api.projectWith("rec", List.of("gm0363", "gm0599"), "developer", "95.00");
        String user = uid("fin");
        Response created = http.post("/api/users", json("username", user, "password", "finance-password-1",
                "roles", List.of("FINANCE"), "organisation", "gm0599"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Http finance = http.as(user, "finance-password-1");
        String books = "reference,date,amount\n";
        assertProblem(reconcile(finance, p, "gm0363", "", books), 403, "/problems/forbidden", "Forbidden");
        assertThat(reconcile(finance, p, "gm0599", "", books).status()).isEqualTo(200);
        assertProblem(reconcile(http, p, "gm9999", "", books), 404, "/problems/not-found", "Not found");
    }

    @Test
    void theMembersExportListsWhatItGaveAndWhatItBearsWithItsShare() {
        String p = api.projectWith("exp", List.of("gm0363", "gm0599"), "developer", "95.00");
        LocalDate d = base().plusDays(5);
        String own = api.money(p, "gm0363", "100.01", d, "=HYPERLINK(1)").path("contributionId").asText();
        String other = api.money(p, "gm0599", "10.00", d, "INV-9").path("contributionId").asText();
        String later = api.money(p, "gm0599", "20.00", base().plusDays(50), "INV-10").path("contributionId").asText();
        Response r = http.get("/api/projects/" + p + "/members/gm0363/export?from=" + base() + "&to="
                + base().plusDays(30));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/csv");
        assertThat(r.body()).startsWith("\uFEFFcontributionId,date,period,memberId,kind,reference,description,status,value,share");
        List<String> lines = r.body().lines().toList();
        assertThat(lines).hasSize(3);
        // Its own invoice: the value and its share of it (one cent to the member whose id sorts first);
        // the formula-like reference is neutralised.
        assertThat(lines.get(1)).startsWith(own + "," + d).contains(",gm0363,MONEY,'=HYPERLINK(1),")
                .endsWith(",EFFECTIVE,100.01,50.01");
        assertThat(lines.get(2)).startsWith(other + ",").endsWith(",EFFECTIVE,10.00,5.00");
        assertThat(r.body()).doesNotContain(later);
        Response nl = http.get("/api/projects/" + p + "/members/gm0363/export?csv=nl");
        assertThat(nl.body()).contains(";100,01;50,01");
    }

    private static Response reconcile(Http http, String p, String m, String query, String csv, String... headers) {
        return http.send("POST", "/api/projects/" + p + "/members/" + m + "/reconciliation" + query,
                BodyPublishers.ofString(csv, StandardCharsets.UTF_8), "text/csv", headers);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
