package nl.commonsledger.api.projection;

import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import nl.commonsledger.api.http.support.Ledger;
import nl.commonsledger.api.http.support.TestData;
import nl.commonsledger.core.project.ProjectEvent.ContributionRecorded;
import nl.commonsledger.projections.generation.ReadModel;
import nl.commonsledger.projections.ledger.LedgerProjector;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read model beside the ledger's, in the same processing group, that fails on one new
 * contribution: the event is parked whole, so the ledger's read models do not show it either (its
 * pending row is taken back), and after the fix a retry projects it exactly once in both.
 */
class SecondReadModelTest {

    private static ConfigurableApplicationContext app;
    private static Http http;
    private static Ledger api;

    @BeforeAll
    static void start() {
        app = TestData.start(TestData.newDir("second-read-model"), "test.second-read-model=true");
        http = new Http(TestData.port(app));
        api = new Ledger(http);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void anEventThatFailsInOneReadModelIsParkedWholeAndRetriedOnceInAll() {
        assertThat(app.getBeansOfType(FailingReadModel.class)).hasSize(1);
        LocalDate b = base();
        String p = api.projectWith("second", List.of("a", "b"));
        api.money(p, "a", "100.00", b.plusDays(1));
        int seenBefore = FailingReadModel.SEEN.get();

        Response poisoned = api.record(p, json("memberId", "b", "kind", "MONEY", "amount", "40.00",
                "date", b.plusDays(2), "reference", "poison"));
        assertThat(poisoned.status()).as(poisoned.toString()).isEqualTo(201);
        assertThat(poisoned.json().path("pending").asBoolean()).as(poisoned.toString()).isTrue();

        // The ledger's tables do not show a part of the parked event.
        Response behind = http.get("/api/projects/" + p + "/balances");
        assertThat(behind.header(ParkedProjectHeader.HEADER)).startsWith("parked");
        assertThat(behind.json().path("totalValue").asText()).isEqualTo("100.00");
        assertThat(http.get("/api/projects/" + p + "/contributions").json().path("items")).hasSize(1);

        FailingReadModel.ARMED.set(false);
        Response retried = http.post("/api/admin/projections/parked/retry", "");
        assertThat(retried.json().path("released").asInt()).as(retried.toString()).isEqualTo(1);

        Response after = http.get("/api/projects/" + p + "/balances");
        assertThat(after.header(ParkedProjectHeader.HEADER)).isNull();
        assertThat(after.json().path("totalValue").asText()).isEqualTo("140.00");
        assertThat(http.get("/api/projects/" + p + "/contributions").json().path("items")).hasSize(2);
        assertThat(FailingReadModel.SEEN.get()).isEqualTo(seenBefore + 1);
        assertThat(http.get("/api/projects/" + p + "/audit").json().path("projectionsMatchReplay").asBoolean())
                .isTrue();
    }
}
