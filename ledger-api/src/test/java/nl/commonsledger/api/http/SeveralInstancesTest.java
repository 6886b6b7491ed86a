package nl.commonsledger.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.support.ConcurrentWriters;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import nl.commonsledger.api.http.support.InstanceProcess;
import nl.commonsledger.api.http.support.Ledger;
import nl.commonsledger.api.http.support.TestData;
import nl.commonsledger.api.http.support.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static nl.commonsledger.api.http.support.Ledger.assertBalanced;
import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three instances on one PostgreSQL, with concurrent writers on all three to the same two projects,
 * and the instance that holds the ledger projection killed with {@code kill -9} a third of the way
 * through. Every booking is answered 201 (a client whose instance died retries with its
 * Idempotency-Key on another), stored once and projected once; a key holds across instances; a
 * booking answered as visible is visible on another instance at once; and another instance takes
 * over the projection within the token claim's timeout.
 */
// Only on PostgreSQL: the killed instance is a process of its own, and an H2 file opens in one process only.
@Tag(TestDatabase.POSTGRES_ONLY)
class SeveralInstancesTest {

    private static final int WRITERS = 6;
    private static final int BOOKINGS_EACH = 24;
    private static final int DOOMED = 0;
    /** Axon's token claim timeout (10 s, as configured) plus its claim interval (5 s), with room for a busy machine. */
    private static final Duration TAKE_OVER_BOUND = Duration.ofSeconds(30);

    @Test
    void killingTheInstanceThatProjectsLosesNothingAndDoublesNothing() throws Exception {
        Path dir = TestData.newDir("several-instances");
        // The process starts first, so it is the one that claims the projection's segment.
        try (InstanceProcess doomed = InstanceProcess.start(dir, Duration.ofMinutes(2));
             ConfigurableApplicationContext second = TestData.start(dir);
             ConfigurableApplicationContext third = TestData.start(dir)) {
            JdbcTemplate db = second.getBean(JdbcTemplate.class);
            assertThat(projectionOwner(db)).as("the first instance holds the projection").startsWith(doomed.pid() + "@");

            List<Http> instances = List.of(new Http(doomed.port()), new Http(TestData.port(second)),
                    new Http(TestData.port(third)));
            Ledger setup = new Ledger(instances.get(1));
            List<String> projects = List.of(setup.projectWith("several", List.of("a", "b", "c")),
                    setup.projectWith("several", List.of("a", "b", "c")));
            LocalDate date = base().plusDays(1);

            int total = WRITERS * BOOKINGS_EACH;
            AtomicInteger answered = new AtomicInteger();
            Set<Integer> dead = ConcurrentHashMap.newKeySet();
            CompletableFuture<Duration> takeOver = new CompletableFuture<>();
            Map<String, String> pendingIds = new ConcurrentHashMap<>();

            List<Response> answers = ConcurrentWriters.run(WRITERS, BOOKINGS_EACH, (writer, i) -> {
                String p = projects.get(writer % 2);
                String body = json("memberId", "abc".substring(i % 3, i % 3 + 1), "kind", "MONEY",
                        "amount", "1.00", "date", date, "reference", "W" + writer + "-" + i);
                String key = p + "-" + writer + "-" + i;
                int[] answeredBy = new int[1];
                Response booking = sendWithFailover(instances, dead, (writer + i) % 3, answeredBy,
                        http -> http.post("/api/projects/" + p + "/contributions", body, "Idempotency-Key", key));
                assertThat(booking.status()).as(booking.toString()).isEqualTo(201);
                String id = ConcurrentWriters.bookedId(booking);
                int bookedOn = answeredBy[0];
                if (booking.json().path("pending").asBoolean()) {
                    pendingIds.put(id, p);
                } else {
                    // Read-your-writes across instances: the read models live in the one database.
                    Response read = sendWithFailover(instances, dead, bookedOn + 1, answeredBy,
                            http -> http.get("/api/projects/" + p + "/contributions/" + id));
                    assertThat(answeredBy[0]).isNotEqualTo(bookedOn);
                    assertThat(read.status()).as("booked on %d, read on %d: %s", bookedOn, answeredBy[0], read)
                            .isEqualTo(200);
                }
                if (i % 4 == 0) {
                    // The same key on another instance: the first answer again, not a second booking.
                    Response again = sendWithFailover(instances, dead, bookedOn + 1, answeredBy,
                            http -> http.post("/api/projects/" + p + "/contributions", body, "Idempotency-Key", key));
                    assertThat(again.status()).as(again.toString()).isEqualTo(201);
                    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
                    assertThat(ConcurrentWriters.bookedId(again)).isEqualTo(id);
                }
                if (answered.incrementAndGet() == total / 3) {
                    killAndWatch(doomed, dead, db, takeOver);
                }
                return booking;
            });

            Duration tookOver = takeOver.get(TAKE_OVER_BOUND.toSeconds() + 30, TimeUnit.SECONDS);
            System.out.printf("Projection taken over %d ms after kill -9; %d of %d bookings answered pending%n",
                    tookOver.toMillis(), pendingIds.size(), total);
            assertThat(tookOver).as("take-over after kill -9").isLessThan(TAKE_OVER_BOUND);
            assertThat(projectionOwner(db)).doesNotStartWith(doomed.pid() + "@");

            Set<String> booked = new HashSet<>();
            for (Response r : answers) {
                assertThat(booked.add(ConcurrentWriters.bookedId(r))).as("booked twice: %s", r).isTrue();
            }
            assertThat(booked).hasSize(total);

            Http survivor = instances.get(1);
            awaitLive(instances.subList(1, 3));
            for (Map.Entry<String, String> pending : pendingIds.entrySet()) {
                assertThat(awaitFound(survivor, "/api/projects/" + pending.getValue() + "/contributions/" + pending.getKey()))
                        .as("a booking answered pending, once projected; its event %s, the projection's token %s",
                                storedEvent(db, pending.getKey()), db.queryForList(
                                        "SELECT convert_from(token, 'UTF8') FROM token_entry", String.class))
                        .isEqualTo(200);
            }
            for (String p : projects) {
                int perProject = total / 2;
                Long stored = db.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "AND payload_type LIKE '%ContributionRecorded'", Long.class, p);
                assertThat(stored).as("stored once each").isEqualTo(perProject);
                for (int n : List.of(1, 2)) {
                    Ledger on = new Ledger(instances.get(n));
                    Set<String> listed = on.contributions(p).stream().map(c -> c.path("contributionId").asText())
                            .collect(Collectors.toSet());
                    assertThat(listed).hasSize(perProject).isSubsetOf(booked);
                    JsonNode balances = on.balances(p);
                    assertThat(balances.path("totalValue").asText()).as("projected once each").isEqualTo(perProject + ".00");
                    assertBalanced(balances);
                }
                assertThat(survivor.get("/api/projects/" + p + "/audit").json().path("projectionsMatchReplay").asBoolean())
                        .isTrue();
            }
        }
    }

    private interface Call {
        Response send(Http http);
    }

    /** Sends to the given instance, or, when it does not answer (killed), to the next one alive. */
    private static Response sendWithFailover(List<Http> instances, Set<Integer> dead, int first, int[] answeredBy,
                                             Call call) {
        UncheckedIOException last = null;
        for (int attempt = 0; attempt < 2 * instances.size(); attempt++) {
            int target = nextAlive(dead, first + attempt);
            try {
                answeredBy[0] = target;
                return call.send(instances.get(target));
            } catch (UncheckedIOException e) {
                last = e;
            }
        }
        throw last;
    }

    private static int nextAlive(Set<Integer> dead, int from) {
        for (int n = 0; n < 3; n++) {
            int candidate = (from + n) % 3;
            if (!dead.contains(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no instance alive");
    }

    /** Kills the instance that projects, then measures how long until another holds its claim. */
    private static void killAndWatch(InstanceProcess doomed, Set<Integer> dead, JdbcTemplate db,
                                     CompletableFuture<Duration> takeOver) {
        String gone = doomed.pid() + "@";
        assertThat(projectionOwner(db)).as("the instance about to be killed still projects").startsWith(gone);
        try {
            doomed.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long killedAt = System.nanoTime();
        dead.add(DOOMED);
        CompletableFuture.runAsync(() -> {
            while (System.nanoTime() - killedAt < TAKE_OVER_BOUND.toNanos() * 2) {
                String owner = projectionOwner(db);
                if (owner != null && !owner.startsWith(gone)) {
                    takeOver.complete(Duration.ofNanos(System.nanoTime() - killedAt));
                    return;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            takeOver.completeExceptionally(new AssertionError("no instance took over the projection"));
        });
    }

    /** Where the event that booked a contribution is stored (global index, project, sequence), for a failure's message. */
    private static List<String> storedEvent(JdbcTemplate db, String contributionId) {
        return db.queryForList("SELECT global_index || ' ' || aggregate_identifier || ' ' || sequence_number "
                + "FROM domain_event_entry WHERE convert_from(payload, 'UTF8') LIKE ?", String.class,
                "%" + contributionId + "%");
    }

    private static String projectionOwner(JdbcTemplate db) {
        List<String> owners = db.queryForList("SELECT owner FROM token_entry WHERE processor_name = 'ledger'", String.class);
        assertThat(owners).as("one segment").hasSize(1);
        return owners.get(0);
    }

    /**
     * The status of a read that must succeed once the projection has caught up. The processor's own
     * report of its position is not the commit of its batch, so this polls the read itself (for at
     * most 30 s: a booking that stays 404 is lost).
     */
    private static int awaitFound(Http http, String path) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        int status = http.get(path).status();
        while (status == 404 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            status = http.get(path).status();
        }
        return status;
    }

    /**
     * Waits until the instance that now holds the projection's segment reports it live. (Each instance
     * reports its own processor: one without a segment shows no position of its own.)
     */
    private static void awaitLive(List<Http> survivors) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        List<JsonNode> statuses = List.of();
        while (System.currentTimeMillis() < deadline) {
            statuses = survivors.stream()
                    .map(http -> http.get("/api/admin/projections").json().path("processors").path(0)).toList();
            for (JsonNode status : statuses) {
                if (status.path("segments").asInt() > 0 && status.path("state").asText().equals("LIVE")
                        && status.path("eventsBehind").asLong() == 0) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the projection did not catch up: " + statuses);
    }
}
