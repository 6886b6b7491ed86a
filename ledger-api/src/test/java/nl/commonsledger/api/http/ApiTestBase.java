package nl.commonsledger.api.http;

import nl.commonsledger.api.LedgerApplication;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Ledger;
import nl.commonsledger.api.http.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

/**
 * One application, started once for every test class that extends this one (Spring caches the
 * context: same configuration, same {@code @DynamicPropertySource} method), on one fresh data
 * directory for the whole run. Tests keep out of each other's way by using projects with random ids.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTestBase {

    private static final Path SHARED_DATA_DIR = TestData.newDir("shared");

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("LEDGER_DATA_DIR", () -> SHARED_DATA_DIR.toString());
        registry.add("spring.datasource.url", () -> TestData.jdbcUrl(SHARED_DATA_DIR));
        // Every class here audits as the one administrator, so the administrator's replay budget must
        // refill faster than the default (one a second) as the whole suite runs through it; the burst
        // of 30 stays, which is what the budget's own tests exceed on purpose, with callers of their own.
        registry.add("ledger.expensive-reads.per-minute", () -> "1200");
    }

    @LocalServerPort
    protected int port;

    protected Http http;
    protected Ledger api;

    @BeforeEach
    void connect() {
        http = new Http(port);
        api = new Ledger(http);
    }
}
