package nl.commonsledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.ApiTestBase;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static nl.commonsledger.api.audit.AuditSupport.PASSWORD;
import static nl.commonsledger.api.audit.AuditSupport.audit;
import static nl.commonsledger.api.audit.AuditSupport.createUser;
import static nl.commonsledger.api.http.support.Ledger.assertBalanced;
import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.fieldNames;
import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.http.support.Ledger.quarter;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/admin/projections/rebuild}: every read model follows from the event store alone. */
class ProjectionRebuildTest extends ApiTestBase {

    private static final long BOUND_MS = 30_000;

    private String project(String prefix, int n) {
        String p = api.projectWith(prefix, List.of("a", "b", "c"), "developer", "95.00", "tester", "80.00");
        LocalDate b = base();
        api.weightedKey(p, b.plusDays(10), "a", "1", "b", "2", "c", "4");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String m = List.of("a", "b", "c").get(i % 3);
            ids.add(i % 2 == 0
                    ? api.money(p, m, (i * 7 + 3) + ".1" + i % 10, b.plusDays(i * 9)).path("contributionId").asText()
                    : api.hours(p, m, i % 3 == 0 ? "CODE" : "HOURS", "1." + (i % 10) + "5", i % 4 == 1 ? "tester" : "developer",
                    b.plusDays(i * 9), "R-" + i).path("contributionId").asText());
        }
        api.correct(p, ids.get(0), json("kind", "HOURS", "hours", "2", "role", "tester", "date", b.plusDays(11),
                "reason", "was hours"));
        api.reverse(p, ids.get(1), "duplicate");
        api.join(p, "d", b.plusDays(50), "3");
        Response s = http.post("/api/projects/" + p + "/settlements", json("from", "b", "to", "a", "amount", "12.34",
                "date", b.plusDays(60)));
        assertThat(s.status()).as(s.toString()).isEqualTo(201);
        return p;
    }

    /** Everything a reader sees of a project. */
    private Map<String, Object> figures(String p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("project", api.project(p));
        out.put("balances", api.balances(p));
        out.put("through", api.balances(p, quarter(base())));
        out.put("contributions", api.contributions(p));
        out.put("suggested", http.get("/api/projects/" + p + "/settlements/suggested").json());
        Response journal = http.get("/api/projects/" + p + "/export/journal");
        assertThat(journal.status()).isEqualTo(200);
        out.put("journal", journal.body());
        return out;
    }

    private JsonNode status() {
        Response r = http.get("/api/admin/projections");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @Test
    void aRebuildChangesNoFigure() throws Exception {
        List<String> projects = List.of(project("rebuild-1", 8), project("rebuild-2", 4), project("rebuild-3", 2));
        Map<String, Map<String, Object>> before = new LinkedHashMap<>();
        Map<String, JsonNode> audits = new LinkedHashMap<>();
        for (String p : projects) {
            assertBalanced(api.balances(p));
            before.put(p, figures(p));
            JsonNode audit = audit(http, p);
            assertThat(audit.path("chainIntact").asBoolean()).isTrue();
            assertThat(audit.path("projectionsMatchReplay").asBoolean()).isTrue();
            audits.put(p, audit);
        }
        JsonNode live = status();
        assertThat(live.path("processors")).isNotEmpty();
        for (JsonNode processor : live.path("processors")) {
            assertThat(fieldNames(processor)).contains("name", "state", "position", "eventsBehind");
        }

        Response started = http.post("/api/admin/projections/rebuild", "");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.json().path("processors")).isNotEmpty();

        long deadline = System.currentTimeMillis() + BOUND_MS;
        List<String> seen = new ArrayList<>();
        JsonNode s;
        while (true) {
            s = status();
            JsonNode processor = s.path("processors").get(0);
            seen.add(processor.path("state").asText() + "/" + processor.path("eventsBehind").asLong());
            boolean done = true;
            for (JsonNode p : s.path("processors")) {
                done &= p.path("state").asText().equals("LIVE") && p.path("eventsBehind").asLong() == 0;
            }
            if (done) {
                break;
            }
            assertThat(System.currentTimeMillis()).as("rebuild finished within %d ms: %s", BOUND_MS, seen)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
        for (JsonNode p : s.path("processors")) {
            assertThat(p.path("position").asLong()).as("%s", s).isGreaterThanOrEqualTo(p.path("head").asLong());
        }

        for (String p : projects) {
            Map<String, Object> after = figures(p);
            for (String what : before.get(p).keySet()) {
                assertThat(after.get(what)).as("%s of %s after the rebuild", what, p).isEqualTo(before.get(p).get(what));
            }
            assertThat(audit(http, p)).as("audit of %s after the rebuild", p).isEqualTo(audits.get(p));
        }

        // Writes after the rebuild are projected as before.
        String p = projects.get(2);
        api.money(p, "c", "1.00", base().plusDays(70));
        JsonNode audit = audit(http, p);
        assertThat(audit.path("projectionsMatchReplay").asBoolean()).as("%s", audit).isTrue();
        assertThat(audit.path("eventCount").asLong()).isEqualTo(audits.get(p).path("eventCount").asLong() + 1);
    }

    @Test
    void onlyAnAdministratorRebuilds() {
        String p = api.projectWith("rebuild-access", List.of("a"));
        for (String role : List.of("AUDITOR", "BOARD")) {
            String user = createUser(http, role.toLowerCase(), role, null, List.of(p));
            Http as = http.as(user, PASSWORD);
            assertThat(as.post("/api/admin/projections/rebuild", "").status()).as(role).isEqualTo(403);
            assertThat(as.get("/api/admin/projections").status()).as(role).isEqualTo(403);
            // The same user does read the project's audit.
            assertThat(as.get("/api/projects/" + p + "/audit").status()).as(role).isEqualTo(200);
        }
        String finance = createUser(http, "finance", "FINANCE", "a", null);
        assertThat(http.as(finance, PASSWORD).post("/api/admin/projections/rebuild", "").status()).isEqualTo(403);
        assertThat(http.as(finance, PASSWORD).get("/api/admin/projections").status()).isEqualTo(403);
        assertThat(http.as(null, null).get("/api/admin/projections").status()).isEqualTo(401);
        assertThat(http.as(null, null).post("/api/admin/projections/rebuild", "").status()).isEqualTo(401);
    }
}
