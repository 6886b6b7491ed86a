package nl.commonsledger.api.audit;

import nl.commonsledger.api.http.ApiTestBase;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static nl.commonsledger.api.http.support.Ledger.assertProblem;
import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.http.support.Ledger.uid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /audit} and {@code ?asOf=} replay the history. An as-of read asked again while nothing changed
 * is answered from what is known for the project's head, costing no replay and none of the caller's
 * budget; replays past the budget (30 at once by default) are 429 with Retry-After, for that caller
 * only.
 */
class ExpensiveReadsTest extends ApiTestBase {

    private Http auditor(String p) {
        String name = uid("reader");
        Response created = http.post("/api/users", json("username", name, "password", AuditSupport.PASSWORD,
                "roles", List.of("AUDITOR"), "projects", List.of(p)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return http.as(name, AuditSupport.PASSWORD);
    }

    @Test
    void repeatedAsOfReadsAreAnsweredFromTheHeadAndCostNothing() {
        String p = api.projectWith("cheap", List.of("a", "b"));
        api.money(p, "a", "10.00", base());
        Http reader = auditor(p);
        String asOf = Instant.now().toString();
        Response first = reader.get("/api/projects/" + p + "/balances?asOf=" + asOf);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        // Far more than the budget of 30 replays: all answered, because none needs a replay.
        for (int i = 0; i < 100; i++) {
            Response again = reader.get("/api/projects/" + p + "/balances?asOf=" + asOf);
            assertThat(again.status()).as("as-of read #%d: %s", i, again).isEqualTo(200);
            assertThat(again.body()).isEqualTo(first.body());
        }
        // A new event moves the head: the same question is answered afresh, from the history as it is.
        api.money(p, "b", "5.00", base());
        String now = Instant.now().toString();
        assertThat(reader.get("/api/projects/" + p + "/balances?asOf=" + asOf).body()).isEqualTo(first.body());
        assertThat(reader.get("/api/projects/" + p + "/balances?asOf=" + now).json().path("totalValue").asText())
                .isEqualTo("15.00");
    }

    @Test
    void auditsAreBudgetedAndAlwaysReadWhatIsStored() {
        String p = api.projectWith("audited", List.of("a"));
        api.money(p, "a", "10.00", base());
        Http reader = auditor(p);
        Response refused = null;
        for (int i = 0; i < 100 && refused == null; i++) {
            Response r = reader.get("/api/projects/" + p + "/audit");
            if (r.status() != 200) {
                refused = r;
            } else {
                assertThat(r.json().path("chainIntact").asBoolean()).isTrue();
            }
        }
        assertThat(refused).as("100 audits at once are refused some").isNotNull();
        assertProblem(refused, 429, "/problems/too-many-requests", "Too many expensive reads");
        assertThat(refused.header("Retry-After")).matches("[1-9]\\d*");
    }

    @Test
    void replaysPastTheBudgetAre429ForThatCallerOnly() {
        String p = api.projectWith("budget", List.of("a"));
        api.money(p, "a", "10.00", base());
        Http greedy = auditor(p);
        Instant start = Instant.now();
        Response refused = null;
        for (int i = 0; i < 100 && refused == null; i++) {
            // A distinct moment each time, so that nothing is known yet.
            Response r = greedy.get("/api/projects/" + p + "/balances?asOf=" + start.plusMillis(i));
            if (r.status() != 200) {
                refused = r;
            }
        }
        assertThat(refused).as("a caller asking for 100 replays at once is refused some").isNotNull();
        assertProblem(refused, 429, "/problems/too-many-requests", "Too many expensive reads");
        assertThat(refused.header("Retry-After")).matches("[1-9]\\d*");
        assertThat(refused.contentType()).containsIgnoringCase("charset=UTF-8");
        // Another caller still gets its replays.
        assertThat(auditor(p).get("/api/projects/" + p + "/audit").status()).isEqualTo(200);
    }
}
