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
 * {@code /audit} and {@code ?asOf=} replay the history: asked again while nothing changed they are
 * answered from what is known for the project's head, costing no replay and none of the caller's
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
    void repeatedReadsAreAnsweredFromTheHeadAndCostNothing() {
        String p = api.projectWith("cheap", List.of("a", "b"));
        api.money(p, "a", "10.00", base());
        Http reader = auditor(p);
        Response first = reader.get("/api/projects/" + p + "/audit");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        String asOf = Instant.now().toString();
        for (int i = 0; i < 60; i++) {
            Response again = reader.get("/api/projects/" + p + "/audit");
            assertThat(again.status()).as("audit #%d: %s", i, again).isEqualTo(200);
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(reader.get("/api/projects/" + p + "/balances?asOf=" + asOf).status()).isEqualTo(200);
        }
        // A new event moves the head: the audit is computed afresh and counts it.
        api.money(p, "b", "5.00", base());
        Response after = reader.get("/api/projects/" + p + "/audit");
        assertThat(after.json().path("eventCount").asLong())
                .isEqualTo(first.json().path("eventCount").asLong() + 1);
        assertThat(after.json().path("chainIntact").asBoolean()).isTrue();
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
