package nl.commonsledger.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.support.Http.Response;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static nl.commonsledger.api.http.support.Ledger.assertBalanced;
import static nl.commonsledger.api.http.support.Ledger.assertProblem;
import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.http.support.Ledger.map;
import static nl.commonsledger.api.http.support.Ledger.uid;
import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency-Key: replays, refusals that leave no trace, and one booking under concurrent retries. */
class IdempotencyApiTest extends ApiTestBase {

    private static final String KEY = "Idempotency-Key";
    private static final String REPLAYED = "Idempotent-Replayed";

    @Test
    void theSameKeyAndBodyReplaysTheFirstAnswer() {
        String p = api.projectWith("idem", List.of("a", "b"));
        String d = base().plusDays(20).toString();
        String key = UUID.randomUUID().toString();
        String body = "{\"memberId\":\"a\",\"kind\":\"MONEY\",\"amount\":\"12.5\",\"date\":\"" + d
                + "\",\"reference\":\"INV-1\"}";
        String sameBodyReordered = "{\n  \"reference\" : \"INV-1\",\n\t\"date\":\"" + d + "\",  \"amount\": \"12.5\","
                + " \"kind\":\"MONEY\" ,\"memberId\" :\"a\"\n}\n";

        Response first = api.record(p, body, KEY, key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header(REPLAYED)).isNull();

        Response again = api.record(p, body, KEY, key);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header(REPLAYED)).isEqualTo("true");
        assertThat(again.contentType()).startsWith("application/json");
        assertThat(again.json()).isEqualTo(first.json());

        Response reordered = api.record(p, sameBodyReordered, KEY, key);
        assertThat(reordered.status()).isEqualTo(201);
        assertThat(reordered.header(REPLAYED)).isEqualTo("true");
        assertThat(reordered.json()).isEqualTo(first.json());

        List<JsonNode> stored = api.contributions(p);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).path("contributionId")).isEqualTo(first.json().path("contributionId"));

        // Same key, different body: 422, nothing stored.
        Response otherBody = api.record(p, body.replace("12.5", "12.6"), KEY, key);
        assertProblem(otherBody, 422, "/problems/invalid-values", "Invalid values", KEY);
        // An extra field is a different body too.
        Response extraField = api.record(p, body.replace("}", ",\"description\":\"x\"}"), KEY, key);
        assertProblem(extraField, 422, "/problems/invalid-values", "Invalid values", KEY);
        // Same key on another path: 422, nothing stored.
        String other = api.projectWith("idem-other", List.of("a"));
        Response otherPath = api.record(other, body, KEY, key);
        assertProblem(otherPath, 422, "/problems/invalid-values", "Invalid values", KEY);
        Response otherMethod = http.put("/api/projects/" + p + "/rate-card",
                json("effectiveFrom", base(), "hourlyRates", map("developer", "95.00")), KEY, key);
        assertProblem(otherMethod, 422, "/problems/invalid-values", "Invalid values", KEY);

        assertThat(api.contributions(p)).hasSize(1);
        assertThat(api.contributions(other)).isEmpty();
        assertThat(api.project(p).path("rateCard").path("versions")).isEmpty();
        // A new key books anew (the reference is taken, so that one is refused as a duplicate).
        assertProblem(api.record(p, body, KEY, UUID.randomUUID().toString()), 409, "/problems/duplicate-reference",
                "Conflicts with the ledger", "reference");
        assertThat(api.contributions(p)).hasSize(1);
    }

    @Test
    void aRefusedRequestLeavesNoTrace() {
        String p = api.projectWith("idem-refused", List.of("a", "b"));
        LocalDate d = base().plusDays(20);
        api.money(p, "a", "1.00", d, "TAKEN");
        String key = UUID.randomUUID().toString();

        assertProblem(api.record(p, json("memberId", "a", "kind", "MONEY", "amount", "0", "date", d), KEY, key),
                422, "/problems/amount-not-positive", "Invalid values", "amount");
        assertProblem(api.record(p, json("memberId", "a", "kind", "MONEY", "amount", "5.00"), KEY, key),
                422, "/problems/invalid-values", "Invalid values", "date");
        assertProblem(api.record(p, "{\"memberId\":", KEY, key), 400, "/problems/malformed-request",
                "Malformed request");
        assertProblem(api.record(p, json("memberId", "a", "kind", "MONEY", "amount", "5.00", "date", d,
                "reference", "TAKEN"), KEY, key), 409, "/problems/duplicate-reference", "Conflicts with the ledger",
                "reference");
        assertThat(api.contributions(p)).hasSize(1);

        String fixed = json("memberId", "a", "kind", "MONEY", "amount", "5.00", "date", d, "reference", "NEW");
        Response booked = api.record(p, fixed, KEY, key);
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        assertThat(booked.header(REPLAYED)).isNull();
        assertThat(booked.json().path("amount").asText()).isEqualTo("5.00");
        Response replay = api.record(p, fixed, KEY, key);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header(REPLAYED)).isEqualTo("true");
        assertThat(replay.json()).isEqualTo(booked.json());
        assertThat(api.contributions(p)).hasSize(2);
    }

    @Test
    void creatingAProjectReplays() {
        String p = uid("idem-create");
        String create = json("projectId", p, "name", "Idempotent project");
        String key = UUID.randomUUID().toString();
        Response created = http.post("/api/projects", create, KEY, key);
        assertThat(created.status()).isEqualTo(201);
        // The retry gets the first answer, not "already exists".
        assertReplays(() -> http.post("/api/projects", create, KEY, key), created);
        // Without the key (or with another), the project does exist already.
        assertProblem(http.post("/api/projects", create), 409, "/problems/project-already-exists",
                "Conflicts with the ledger");
        assertProblem(http.post("/api/projects", create, KEY, UUID.randomUUID().toString()), 409,
                "/problems/project-already-exists", "Conflicts with the ledger");
    }

    @Test
    void everyOtherPostAndPutReplays() {
        String p = api.createProject("idem-all");
        LocalDate b = base();

        String join = json("memberId", "a", "name", "A", "joinedOn", b);
        String k2 = UUID.randomUUID().toString();
        Response joined = http.post("/api/projects/" + p + "/members", join, KEY, k2);
        assertThat(joined.status()).isEqualTo(201);
        assertReplays(() -> http.post("/api/projects/" + p + "/members", join, KEY, k2), joined);
        api.join(p, "b", b);

        String rates = json("effectiveFrom", b, "hourlyRates", map("developer", "95.00"));
        String k3 = UUID.randomUUID().toString();
        Response rated = http.put("/api/projects/" + p + "/rate-card", rates, KEY, k3);
        assertThat(rated.status()).isEqualTo(200);
        assertReplays(() -> http.put("/api/projects/" + p + "/rate-card", rates, KEY, k3), rated);

        String key = json("method", "WEIGHTED", "effectiveFrom", b, "weights", map("a", "1", "b", "3"));
        String k4 = UUID.randomUUID().toString();
        Response keyed = http.put("/api/projects/" + p + "/allocation-key", key, KEY, k4);
        assertThat(keyed.status()).isEqualTo(200);
        // The project changes in between; the replay still answers as the first time.
        api.join(p, "c", b.plusDays(5), "2");
        assertReplays(() -> http.put("/api/projects/" + p + "/allocation-key", key, KEY, k4), keyed);

        JsonNode c = api.money(p, "a", "40.00", b.plusDays(10));
        String id = c.path("contributionId").asText();
        String correction = json("kind", "MONEY", "amount", "60.00", "date", b.plusDays(10), "reason", "typo");
        String k5 = UUID.randomUUID().toString();
        Response corrected = http.post("/api/projects/" + p + "/contributions/" + id + "/corrections", correction,
                KEY, k5);
        assertThat(corrected.status()).isEqualTo(200);
        assertReplays(() -> http.post("/api/projects/" + p + "/contributions/" + id + "/corrections", correction,
                KEY, k5), corrected);

        String k6 = UUID.randomUUID().toString();
        Response reversed = http.post("/api/projects/" + p + "/contributions/" + id + "/reversal",
                json("reason", "void"), KEY, k6);
        assertThat(reversed.status()).isEqualTo(200);
        assertReplays(() -> http.post("/api/projects/" + p + "/contributions/" + id + "/reversal",
                json("reason", "void"), KEY, k6), reversed);

        String k7 = UUID.randomUUID().toString();
        Response left = http.post("/api/projects/" + p + "/members/c/leave", json("leftOn", b.plusDays(30)), KEY, k7);
        assertThat(left.status()).isEqualTo(200);
        assertReplays(() -> http.post("/api/projects/" + p + "/members/c/leave", json("leftOn", b.plusDays(30)),
                KEY, k7), left);

        assertThat(api.contribution(p, id).path("history")).as("one correction, one reversal").hasSize(3);
        assertThat(api.project(p).path("members")).hasSize(3);
    }

    @Test
    void keysMustBeOneTo255VisibleAsciiCharacters() {
        String p = api.projectWith("idem-keys", List.of("a"));
        String body = json("memberId", "a", "kind", "MONEY", "amount", "1.00", "date", base().plusDays(1));
        for (String bad : List.of("has space", "x".repeat(256), "tab\there")) {
            assertProblem(api.record(p, body, KEY, bad), 400, "/problems/malformed-request", "Malformed request",
                    KEY);
        }
        assertThat(api.contributions(p)).isEmpty();
        String longest = "k".repeat(200) + UUID.randomUUID().toString().substring(0, 8) + "~!#$%^&*()_+{}|:<>?".repeat(2)
                + "x".repeat(9);
        assertThat(longest).hasSize(255);
        Response ok = api.record(p, body, KEY, longest);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
        assertReplays(() -> api.record(p, body, KEY, longest), ok);
        assertThat(api.contributions(p)).hasSize(1);
    }

    @Test
    void concurrentRetriesWithOneKeyBookOnce() throws Exception {
        String p = api.projectWith("idem-race", List.of("a", "b", "c"));
        String key = UUID.randomUUID().toString();
        String body = json("memberId", "b", "kind", "MONEY", "amount", "99.99", "date", base().plusDays(3),
                "reference", "RACE-1");
        int threads = 8;
        List<Response> answers = race(threads, i -> api.record(p, body, KEY, key));

        // Never two bookings, whatever the answers.
        List<JsonNode> stored = api.contributions(p);
        assertThat(stored).as("bookings after the race; answers: %s", answers).hasSize(1);
        String booked = stored.get(0).path("contributionId").asText();
        assertBalanced(api.balances(p));

        int fresh = 0;
        for (Response r : answers) {
            if (r.status() == 409) {
                // Acceptable for a loser only while the winner is still being handled.
                assertProblem(r, 409, "/problems/conflict", "Conflict");
                continue;
            }
            assertThat(r.status()).as("every answer is the booking or 'still being handled'; got %s among %s",
                    r, answers).isEqualTo(201);
            assertThat(r.json().path("contributionId").asText()).isEqualTo(booked);
            if (r.header(REPLAYED) == null) {
                fresh++;
            }
        }
        assertThat(fresh).as("exactly one answer booked").isEqualTo(1);
        String id = booked;

        // After the race, a retry replays.
        Response retry = api.record(p, body, KEY, key);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header(REPLAYED)).isEqualTo("true");
        assertThat(retry.json().path("contributionId").asText()).isEqualTo(id);
    }

    @Test
    void concurrentDifferentRequestsAreAllBooked() throws Exception {
        String p = api.projectWith("race-many", List.of("a", "b", "c"));
        int threads = 8;
        List<Response> answers = race(threads, i -> api.record(p,
                json("memberId", List.of("a", "b", "c").get(i % 3), "kind", "MONEY", "amount", (i + 1) + ".01",
                        "date", base().plusDays(i), "reference", "PAR-" + i), KEY, UUID.randomUUID().toString()));
        for (Response r : answers) {
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
        assertThat(api.contributions(p)).hasSize(threads);
        JsonNode balances = api.balances(p);
        assertBalanced(balances);
        assertThat(balances.path("totalValue").asText()).isEqualTo("36.08");
    }

    private interface Call {
        Response call(int i);
    }

    private static List<Response> race(int threads, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.call(n);
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : futures) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertReplays(Supplier<Response> retry, Response first) {
        Response again = retry.get();
        assertThat(again.status()).as("replay of %s: %s", first, again).isEqualTo(first.status());
        assertThat(again.header(REPLAYED)).isEqualTo("true");
        assertThat(again.json()).isEqualTo(first.json());
    }
}
