package nl.commonsledger.api.projection;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import nl.commonsledger.api.http.support.Ledger;
import nl.commonsledger.api.http.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild fills the other generation of read-model tables while the current one serves: during
 * it, every booking is answered 201 with its figures (not pending), and every read of the balances
 * answers 200 with balanced figures that include every booking already answered. Afterwards the
 * rebuilt read models equal a replay.
 */
class RebuildWithoutGoingDarkTest {

    private static final int IMPORTED = 20_000;

    @Test
    void readsAndWritesKeepAnsweringWithCorrectFiguresDuringARebuild() throws Exception {
        try (ConfigurableApplicationContext app = TestData.start(TestData.newDir("rebuild-live"))) {
            Http http = new Http(TestData.port(app));
            Ledger api = new Ledger(http);
            String p = api.projectWith("rebuild-live", List.of("a", "b", "c"));
            LocalDate date = base().plusDays(1);
            StringBuilder rows = new StringBuilder("[");
            for (int i = 0; i < IMPORTED; i++) {
                rows.append(i == 0 ? "" : ",").append(json("memberId", "abc".substring(i % 3, i % 3 + 1),
                        "kind", "MONEY", "amount", "1.00", "date", date, "reference", "IMP-" + i));
            }
            Response imported = http.post("/api/projects/" + p + "/contributions/import", rows.append(']').toString(),
                    "Idempotency-Key", p + "-import");
            assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
            awaitTotal(http, p, IMPORTED);

            AtomicBoolean rebuilding = new AtomicBoolean(true);
            AtomicInteger answeredBookings = new AtomicInteger();
            AtomicInteger duringRebuild = new AtomicInteger();
            ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
            Thread writer = new Thread(() -> {
                for (int i = 0; rebuilding.get() && i < 10_000; i++) {
                    Response r = http.post("/api/projects/" + p + "/contributions", json("memberId", "a",
                            "kind", "MONEY", "amount", "1.00", "date", date, "reference", "LIVE-" + i),
                            "Idempotency-Key", p + "-live-" + i);
                    if (r.status() != 201 || r.json().path("pending").asBoolean(false)
                            || !r.json().path("value").asText().equals("1.00")) {
                        wrong.add("booking: " + r);
                    }
                    answeredBookings.incrementAndGet();
                }
            });
            Thread reader = new Thread(() -> {
                while (rebuilding.get()) {
                    int answeredBefore = answeredBookings.get();
                    Response r = http.get("/api/projects/" + p + "/balances");
                    if (r.status() != 200) {
                        wrong.add("balances: " + r);
                        continue;
                    }
                    BigDecimal total = new BigDecimal(r.json().path("totalValue").asText());
                    long sum = 0;
                    for (JsonNode m : r.json().path("members")) {
                        sum += new BigDecimal(m.path("balance").asText()).movePointRight(2).longValueExact();
                    }
                    if (sum != 0 || total.compareTo(BigDecimal.valueOf(IMPORTED + answeredBefore)) < 0) {
                        wrong.add("balances missing an answered booking or unbalanced (" + answeredBefore
                                + " answered): " + r.body());
                    }
                    duringRebuild.incrementAndGet();
                }
            });
            writer.start();
            reader.start();
            Thread.sleep(200);
            Response started = http.post("/api/admin/projections/rebuild", "");
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            JsonNode progress;
            List<String> states = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 120_000;
            do {
                Thread.sleep(20);
                progress = http.get("/api/admin/projections").json().path("rebuild");
                String state = progress.path("state").asText();
                if (states.isEmpty() || !states.get(states.size() - 1).equals(state)) {
                    states.add(state);
                }
            } while (!List.of("DONE", "FAILED").contains(progress.path("state").asText())
                    && System.currentTimeMillis() < deadline);
            int readsWhileRebuilding = duringRebuild.get();
            Thread.sleep(300);
            rebuilding.set(false);
            writer.join();
            reader.join();

            assertThat(progress.path("state").asText()).as("%s", progress).isEqualTo("DONE");
            assertThat(states).as("states seen").contains("DONE");
            assertThat(progress.path("eventsFolded").asLong()).isGreaterThanOrEqualTo(IMPORTED);
            assertThat(wrong).as("answers during the rebuild").isEmpty();
            assertThat(readsWhileRebuilding).as("reads made while the rebuild ran").isPositive();
            awaitTotal(http, p, IMPORTED + answeredBookings.get());
            JsonNode audit = http.get("/api/projects/" + p + "/audit").json();
            assertThat(audit.path("projectionsMatchReplay").asBoolean()).as("%s", audit).isTrue();
        }
    }

    private static void awaitTotal(Http http, String p, int units) throws InterruptedException {
        String expected = units + ".00";
        long deadline = System.currentTimeMillis() + 60_000;
        String total;
        do {
            total = http.get("/api/projects/" + p + "/balances").json().path("totalValue").asText();
            if (total.equals(expected)) {
                return;
            }
            Thread.sleep(20);
        } while (System.currentTimeMillis() < deadline);
        assertThat(total).isEqualTo(expected);
    }
}
