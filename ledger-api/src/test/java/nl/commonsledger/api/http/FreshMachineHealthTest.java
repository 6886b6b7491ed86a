package nl.commonsledger.api.http;

import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a fresh machine the data directory does not exist yet. The service must still report UP once it
 * is ready (a load balancer sends nothing to an instance that is DOWN): on H2 the store creates the
 * directory; on PostgreSQL nothing does, and the disk check must not look at it.
 */
class FreshMachineHealthTest {

    @Test
    void healthIsUpWhenTheDataDirectoryDidNotExist() {
        Path missing = TestData.newDir("fresh").resolve("not-yet-created");
        try (ConfigurableApplicationContext app = TestData.start(missing)) {
            Http.Response health = new Http(TestData.port(app)).as(null, null).get("/actuator/health");
            assertThat(health.status()).as(health.toString()).isEqualTo(200);
            assertThat(health.json().path("status").asText()).isEqualTo("UP");
        }
    }
}
