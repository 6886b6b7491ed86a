package nl.commonsledger.api.http;

import nl.commonsledger.api.http.support.Http.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two commands on one project at the same moment must not both pass a check that only one may pass.
 * The project is one aggregate, so racing commands are serialised by its sequence numbers; these
 * tests fire the same refused-twice request from many threads at once, without Idempotency-Keys.
 */
class ConcurrentChecksTest extends ApiTestBase {

    private static final int RACERS = 8;

    private List<Response> race(Supplier<Response> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return request.get();
                }));
            }
            start.countDown();
            List<Response> out = new ArrayList<>();
            for (Future<Response> f : answers) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSameMemberAndReferenceRacingIsBookedOnce() throws Exception {
        String p = api.projectWith("race-ref", List.of("gm0001", "gm0002"));
        String body = json("memberId", "gm0001", "kind", "MONEY", "amount", "100.00",
                "date", base().plusDays(3).toString(), "reference", "INV-RACE-1");

        List<Response> answers = race(() -> http.post("/api/projects/" + p + "/contributions", body));

        assertThat(answers).filteredOn(r -> r.status() == 201).as("%s", answers).hasSize(1);
        assertThat(answers).filteredOn(r -> r.status() != 201).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.json().path("type").asText()).isEqualTo("/problems/duplicate-reference");
        });
        assertThat(api.contributions(p, "reference=INV-RACE-1")).hasSize(1);
    }

    @Test
    void theSameMemberJoiningRacingJoinsOnce() throws Exception {
        String p = api.projectWith("race-join", List.of("gm0001"));
        String body = json("memberId", "gm0009", "name", "Racer", "joinedOn", base().toString());

        List<Response> answers = race(() -> http.post("/api/projects/" + p + "/members", body));

        assertThat(answers).filteredOn(r -> r.status() == 201).as("%s", answers).hasSize(1);
        assertThat(answers).filteredOn(r -> r.status() != 201).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.json().path("type").asText()).isEqualTo("/problems/duplicate-member");
        });
        assertThat(api.project(p).path("members")).hasSize(2);
    }
}
