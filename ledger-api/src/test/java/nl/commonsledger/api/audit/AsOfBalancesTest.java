package nl.commonsledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.commonsledger.api.http.ApiTestBase;
import nl.commonsledger.api.http.support.Http.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static nl.commonsledger.api.audit.AuditSupport.events;
import static nl.commonsledger.api.http.support.Ledger.assertBalanced;
import static nl.commonsledger.api.http.support.Ledger.assertProblem;
import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.enc;
import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.http.support.Ledger.quarter;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /balances?asOf=}: the ledger as it stood at a moment (events recorded up to it). */
class AsOfBalancesTest extends ApiTestBase {

    /** A balances answer without its asOf/through echo, to compare figures with figures. */
    private static JsonNode figures(JsonNode balances) {
        ObjectNode copy = balances.deepCopy();
        copy.remove("asOf");
        copy.remove("through");
        return copy;
    }

    private JsonNode asOf(String p, String instant, String through) {
        Response r = http.get("/api/projects/" + p + "/balances?asOf=" + enc(instant)
                + (through == null ? "" : "&through=" + through));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    /** The instant of the newest event, and a pause so that the next write is recorded strictly later. */
    private Instant mark(String p) throws InterruptedException {
        List<JsonNode> events = events(http, p);
        Instant last = Instant.parse(events.get(events.size() - 1).path("recordedAt").asText());
        Thread.sleep(5);
        return last;
    }

    @Test
    void balancesAsTheyWereReadAtThatMoment() throws Exception {
        String p = api.projectWith("asof", List.of("a", "b", "c"), "developer", "95.00");
        LocalDate b = base();
        LocalDate later = b.plusDays(100);
        assertThat(quarter(later)).isNotEqualTo(quarter(b));
        String m1 = api.money(p, "a", "300.00", b.plusDays(5), "INV-1").path("contributionId").asText();
        String h2 = api.hours(p, "b", "HOURS", "2", "developer", b.plusDays(6), null).path("contributionId").asText();
        JsonNode atT1 = api.balances(p);
        JsonNode throughAtT1 = api.balances(p, quarter(b));
        Instant t1 = mark(p);
        assertThat(atT1.path("totalValue").asText()).isEqualTo("490.00");

        // Later: a correction, a reversal, a new contribution in the next quarter, a WEIGHTED key dated back.
        api.correct(p, m1, json("kind", "MONEY", "amount", "400.00", "date", b.plusDays(5), "reference", "INV-1",
                "reason", "second invoice page"));
        api.reverse(p, h2, "not for this project");
        api.money(p, "c", "90.00", later);
        JsonNode atT2 = api.balances(p);
        Instant t2 = mark(p);
        api.weightedKey(p, b, "a", "1", "b", "2", "c", "3");
        api.join(p, "d", later, "1");
        JsonNode now = api.balances(p);
        assertBalanced(now);
        assertThat(figures(now)).isNotEqualTo(figures(atT1)).isNotEqualTo(figures(atT2));

        // asOf the noted instants: exactly what was read then.
        JsonNode asOfT1 = asOf(p, t1.toString(), null);
        assertThat(figures(asOfT1)).isEqualTo(figures(atT1));
        assertBalanced(asOfT1);
        if (asOfT1.has("asOf")) {
            assertThat(Instant.parse(asOfT1.path("asOf").asText())).isEqualTo(t1);
        }
        assertThat(figures(asOf(p, t2.toString(), null))).isEqualTo(figures(atT2));
        // Between t1 and the next event it is still t1's ledger; the same instant with an offset reads the same.
        assertThat(figures(asOf(p, t1.plusMillis(1).toString(), null))).isEqualTo(figures(atT1));
        String t1Amsterdam = t1.atOffset(ZoneOffset.ofHours(2)).toString();
        assertThat(t1Amsterdam).contains("+02:00");
        assertThat(figures(asOf(p, t1Amsterdam, null))).isEqualTo(figures(atT1));
        // Now (or later): the current figures.
        assertThat(figures(asOf(p, Instant.now().plusSeconds(3600).toString(), null))).isEqualTo(figures(now));

        // Combined with through: the quarter as it was read at t1.
        JsonNode throughAsOf = asOf(p, t1.toString(), quarter(b));
        assertThat(figures(throughAsOf)).isEqualTo(figures(throughAtT1));
        assertThat(throughAsOf.path("through").asText()).isEqualTo(quarter(b));
        // The next quarter at t2 holds c's 90.00, dated in it; the first quarter at t2 does not.
        assertThat(asOf(p, t2.toString(), quarter(later)).path("totalValue").asText()).isEqualTo("490.00");
        assertThat(asOf(p, t2.toString(), quarter(b)).path("totalValue").asText()).isEqualTo("400.00");
    }

    @Test
    void beforeTheProjectExistedAndMalformedInstants() throws Exception {
        String p = api.projectWith("asof-edge", List.of("a", "b"));
        Instant created = Instant.parse(events(http, p).get(0).path("recordedAt").asText());
        Response before = http.get("/api/projects/" + p + "/balances?asOf=" + enc(created.minusMillis(1).toString()));
        assertProblem(before, 404, "/problems/not-found", "Not found");
        assertThat(http.get("/api/projects/" + p + "/balances?asOf=2000-01-01T00:00:00Z").status()).isEqualTo(404);
        // At the very instant of its creation it exists, without members yet (events recorded ≤ asOf).
        JsonNode atCreation = asOf(p, created.toString(), null);
        assertThat(atCreation.path("totalValue").asText()).isEqualTo("0.00");
        if (!events(http, p).get(1).path("recordedAt").asText().equals(created.toString())) {
            assertThat(atCreation.path("members")).isEmpty();
        }
        // An unknown project.
        assertThat(http.get("/api/projects/no-such-" + System.nanoTime() + "/balances?asOf=" + enc(Instant.now().toString()))
                .status()).isEqualTo(404);

        String path = "/api/projects/" + p + "/balances?asOf=";
        for (String bad : List.of("2026-01-01T00:00:00", "2026-01-01", "yesterday", "2026-13-01T00:00:00Z", "")) {
            assertProblem(http.get(path + enc(bad)), 400, "/problems/malformed-request", "Malformed request", "asOf");
        }
        assertProblem(http.get(path + enc(Instant.now().toString()) + "&through=2026-Q5"), 400,
                "/problems/malformed-request", "Malformed request", "through");
    }
}
