package nl.commonsledger.api.metrics;

import nl.commonsledger.api.http.ApiTestBase;
import nl.commonsledger.api.http.support.Http.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.future;
import static nl.commonsledger.api.http.support.Ledger.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees: Prometheus metrics (Axon's and the ledger's own), build information, and
 * every actuator endpoint but health for ADMIN only.
 */
class OperatorViewTest extends ApiTestBase {

    @Test
    void metricsCountBookingsRejectionsReplaysAndWaits() {
        String p = api.projectWith("metrics", List.of("a", "b"));
        String body = json("memberId", "a", "kind", "MONEY", "amount", "10.00", "date", base().plusDays(1));
        String key = "metrics-" + UUID.randomUUID();
        assertThat(api.record(p, body, "Idempotency-Key", key).status()).isEqualTo(201);
        assertThat(api.record(p, body, "Idempotency-Key", key).header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(api.record(p, json("memberId", "a", "kind", "MONEY", "amount", "10.00", "date", future()))
                .status()).isEqualTo(422);

        Response metrics = http.get("/actuator/prometheus");
        assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
        assertThat(metrics.body())
                .containsPattern("ledger_commands_total\\{command=\"RecordContribution\"[^}]*} [1-9]")
                .containsPattern("ledger_rejections_total\\{reason=\"DATE_IN_FUTURE\"[^}]*} [1-9]")
                .containsPattern("ledger_idempotent_replays_total(\\{[^}]*})? [1-9]")
                .containsPattern("ledger_read_your_writes_seconds_count\\{outcome=\"visible\"[^}]*} [1-9]")
                // Axon's own: commands handled; the ledger processor's events and lag.
                .contains("commandBus")
                .containsPattern("eventProcessor_successCounter_total\\{processorName=\"ledger\"[^}]*} [1-9]")
                .containsPattern("eventProcessor_latency\\{processorName=\"ledger\"[^}]*} ");
    }

    @Test
    void infoTellsTheVersion() {
        Response info = http.get("/actuator/info");
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().path("build").path("artifact").asText()).isEqualTo("ledger-api");
        assertThat(info.json().path("build").path("version").asText()).isNotBlank();
    }

    @Test
    void onlyAnAdministratorReadsTheActuatorBeyondHealth() {
        String board = "board-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "a-long-enough-test-password";
        String p = api.createProject("ops");
        assertThat(http.post("/api/users", json("username", board, "password", password, "roles", List.of("BOARD"),
                "projects", List.of(p))).status()).isEqualTo(201);
        for (String endpoint : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/info")) {
            assertThat(http.as(null, null).get(endpoint).status()).as(endpoint).isEqualTo(401);
            assertThat(http.as(board, password).get(endpoint).status()).as(endpoint).isEqualTo(403);
        }
        assertThat(http.as(null, null).get("/actuator/health").json().path("status").asText()).isEqualTo("UP");
    }
}
