package nl.commonsledger.api.http;

import nl.commonsledger.api.http.support.ConcurrentWriters;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import nl.commonsledger.api.http.support.Ledger;
import nl.commonsledger.api.http.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many concurrent writers on one project, across many snapshot points, never stall the service: no
 * request waits for a database connection (the pool's wait is cut to 5 s here, so a wait would
 * surface as an error instead of a slow answer), none is answered with an error, and every booking is
 * stored exactly once. Once, a snapshot taken under the aggregate's lock waited for a connection that
 * the writers queued behind that lock were holding.
 */
class NoStallTest {

    private static final int WRITERS = 32;
    private static final int BOOKINGS_EACH = 8;

    @Test
    void thirtyTwoWritersOnOneProjectAcrossSnapshots() throws Exception {
        try (ConfigurableApplicationContext app = TestData.start(TestData.newDir("no-stall"),
                "ledger.snapshot-every=20", "spring.datasource.hikari.connection-timeout=5000")) {
            Http http = new Http(TestData.port(app));
            Ledger api = new Ledger(http);
            String p = api.projectWith("stall", List.of("a", "b", "c"));
            LocalDate date = base().plusDays(1);
            List<Response> answers = ConcurrentWriters.run(WRITERS, BOOKINGS_EACH, (writer, i) ->
                    http.post("/api/projects/" + p + "/contributions",
                            json("memberId", "abc".substring(i % 3, i % 3 + 1), "kind", "MONEY",
                                    "amount", "1.00", "date", date, "reference", "W" + writer + "-" + i),
                            "Idempotency-Key", p + "-" + writer + "-" + i));
            Set<String> booked = new HashSet<>();
            for (Response r : answers) {
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
                // A booking the projection has not shown within its bound is answered as pending.
                assertThat(booked.add(ConcurrentWriters.bookedId(r))).as(r.toString()).isTrue();
            }
            int total = WRITERS * BOOKINGS_EACH;
            assertThat(http.get("/api/projects/" + p + "/balances").json().path("totalValue").asText())
                    .isEqualTo(total + ".00");
            assertThat(http.get("/api/projects/" + p + "/audit").json().path("projectionsMatchReplay").asBoolean())
                    .isTrue();
        }
    }
}
