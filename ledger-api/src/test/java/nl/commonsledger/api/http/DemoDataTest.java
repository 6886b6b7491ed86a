package nl.commonsledger.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Ledger;
import nl.commonsledger.api.http.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.util.List;

import static nl.commonsledger.api.http.support.Ledger.assertBalanced;
import static nl.commonsledger.api.http.support.Ledger.dec;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code ledger.demo=true} on an empty store: the zaaksysteem consortium, balanced. */
class DemoDataTest {

    @Test
    void demoConsortiumIsBookedAndBalanced() {
        try (ConfigurableApplicationContext app = TestData.start(TestData.newDir("demo"), "ledger.demo=true")) {
            Ledger api = new Ledger(new Http(TestData.port(app)));
            // The demo is booked before the application reports ready; a write through the API then
            // waits until the read models have caught up with everything stored before it.
            api.createProject("sync");

            JsonNode project = api.project("zaaksysteem");
            assertThat(project.path("members")).hasSize(12);
            assertThat(project.path("allocationKey").path("method").asText()).isEqualTo("WEIGHTED");
            assertThat(project.path("allocationKey").path("weights").path("gm0363").asText()).isEqualTo("931298");

            JsonNode balances = api.balances("zaaksysteem");
            assertThat(balances.path("members")).hasSize(12);
            assertBalanced(balances);
            assertThat(dec(balances.path("totalValue"))).isGreaterThan(BigDecimal.ZERO);

            List<JsonNode> contributions = api.contributions("zaaksysteem");
            assertThat(contributions.size()).isGreaterThanOrEqualTo(5 * 13);
            assertThat(contributions.stream().filter(c -> c.path("status").asText().equals("REVERSED")).count())
                    .isEqualTo(1);
            assertThat(api.contributions("zaaksysteem", "kind=CODE")).isNotEmpty();

            // The first quarter is settled and closed: the board page opens on a frozen statement.
            String first = project.path("periods").get(0).path("period").asText();
            assertThat(project.path("periods").get(0).path("status").asText()).isEqualTo("CLOSED");
            JsonNode statement = api.http.get("/api/projects/zaaksysteem/periods/" + first + "/statement").json();
            assertThat(statement.path("status").asText()).isEqualTo("CLOSED");
            assertThat(statement.path("digest").asText()).matches("[0-9a-f]{64}");
            assertThat(statement.path("totals").path("settlementsPaid").asText()).isEqualTo("8000.00");
        }
    }
}
