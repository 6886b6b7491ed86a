package nl.commonsledger.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import nl.commonsledger.api.http.support.Ledger;
import nl.commonsledger.api.http.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static nl.commonsledger.api.http.support.Ledger.assertBalanced;
import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Nothing answered with 2xx is lost when the service stops and starts again on the same data directory. */
class RestartTest {

    @Test
    void everythingIsStillThereAfterARestart() {
        Path dir = TestData.newDir("restart");
        String key = UUID.randomUUID().toString();
        LocalDate b = base();
        String p;
        String body = json("memberId", "b", "kind", "HOURS", "hours", "3.5", "role", "developer",
                "date", b.plusDays(30), "description", "retried after the restart");
        JsonNode projectBefore;
        List<JsonNode> contributionsBefore;
        JsonNode balancesBefore;
        JsonNode projectsBefore;
        Response booked;

        try (ConfigurableApplicationContext first = TestData.start(dir)) {
            Ledger api = new Ledger(new Http(TestData.port(first)));
            p = api.projectWith("restart", List.of("a", "b", "c"), "developer", "95.00");
            api.weightedKey(p, b.plusDays(10), "a", "2", "b", "1", "c", "1");
            api.money(p, "a", "1000.00", b.plusDays(1), "INV-1");
            String corrected = api.money(p, "c", "10.00", b.plusDays(20)).path("contributionId").asText();
            api.correct(p, corrected, json("kind", "MONEY", "amount", "12.00", "date", b.plusDays(21), "reason", "r"));
            String reversed = api.hours(p, "a", "CODE", "1", "developer", b.plusDays(22), "MR-1")
                    .path("contributionId").asText();
            api.reverse(p, reversed, "duplicate");
            booked = api.record(p, body, "Idempotency-Key", key);
            assertThat(booked.status()).as(booked.toString()).isEqualTo(201);

            projectBefore = api.project(p);
            contributionsBefore = api.contributions(p);
            balancesBefore = api.balances(p);
            projectsBefore = api.http.get("/api/projects").json();
            assertThat(contributionsBefore).hasSize(4);
            assertBalanced(balancesBefore);
        }

        try (ConfigurableApplicationContext second = TestData.start(dir)) {
            Ledger api = new Ledger(new Http(TestData.port(second)));
            assertThat(api.http.get("/api/projects").json()).isEqualTo(projectsBefore);
            assertThat(api.project(p)).isEqualTo(projectBefore);
            assertThat(api.contributions(p)).isEqualTo(contributionsBefore);
            for (JsonNode c : contributionsBefore) {
                assertThat(api.contribution(p, c.path("contributionId").asText()).path("history")).isNotEmpty();
            }
            assertThat(api.balances(p)).isEqualTo(balancesBefore);

            // The client retries the request it sent before the restart: the first answer again, no second booking.
            Response retried = api.record(p, body, "Idempotency-Key", key);
            assertThat(retried.status()).isEqualTo(201);
            assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(retried.json()).isEqualTo(booked.json());
            assertThat(api.contributions(p)).hasSize(4);

            // And the ledger goes on: the rules still hold against the history loaded from disk.
            Response duplicate = api.record(p, json("memberId", "a", "kind", "MONEY", "amount", "1.00",
                    "date", b.plusDays(2), "reference", "INV-1"));
            assertThat(duplicate.status()).isEqualTo(409);
            api.money(p, "b", "5.00", b.plusDays(40));
            assertThat(api.contributions(p)).hasSize(5);
            assertBalanced(api.balances(p));
        }
    }
}
