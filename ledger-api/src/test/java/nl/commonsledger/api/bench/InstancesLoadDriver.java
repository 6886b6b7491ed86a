package nl.commonsledger.api.bench;

import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import nl.commonsledger.api.http.support.Ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static nl.commonsledger.api.http.support.Ledger.json;

/**
 * A load driver, not a test: bookings per second over real HTTP against instances of the service that
 * are already running (on one PostgreSQL), with no balancer in front: writer {@code w}'s
 * {@code n}-th booking goes to instance {@code (w + n) mod N}, so every instance serves every project;
 * or, with {@code -Dspread=project}, project {@code i}'s bookings all go to instance {@code i mod N},
 * as a balancer with affinity by project would send them.
 * Each booking carries an Idempotency-Key and is answered only after read-your-writes, as a client
 * sees it. After the run it checks that every project's balances hold exactly the bookings answered
 * 201 and that its projections equal a replay ({@code /audit}).
 *
 * <p>Arguments: seconds, writers, projects, then the port of each instance. The administrator's
 * password comes from {@code LEDGER_ADMIN_PASSWORD}, as for the service. Run: see docs/performance.md.
 */
public final class InstancesLoadDriver {

    private InstancesLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        int writers = Integer.parseInt(args[1]);
        int projectCount = Integer.parseInt(args[2]);
        String password = System.getenv().getOrDefault("LEDGER_ADMIN_PASSWORD", Http.ADMIN_PASSWORD);
        List<Http> instances = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            instances.add(new Http(Integer.parseInt(args[i])).as(Http.ADMIN, password));
        }
        Ledger setup = new Ledger(instances.get(0));
        List<String> projects = new ArrayList<>();
        for (int i = 0; i < projectCount; i++) {
            projects.add(setup.projectWith("bench", List.of("a", "b", "c", "d")));
        }
        LocalDate date = Ledger.base().plusDays(1);
        boolean byProject = "project".equals(System.getProperty("spread", "booking"));

        Map<String, AtomicLong> bookedPerProject = new ConcurrentHashMap<>();
        projects.forEach(p -> bookedPerProject.put(p, new AtomicLong()));
        Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
        AtomicLong pending = new AtomicLong();
        List<Double> latenciesMs = Collections.synchronizedList(new ArrayList<>());

        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long start = System.nanoTime();
        long deadline = start + seconds * 1_000_000_000L;
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            running.add(pool.submit(() -> {
                for (int n = 0; System.nanoTime() < deadline; n++) {
                    int project = (writer + n * writers) % projects.size();
                    String p = projects.get(project);
                    int instance = (byProject ? project : writer + n) % instances.size();
                    String body = json("memberId", "abcd".substring(n % 4, n % 4 + 1), "kind", "MONEY",
                            "amount", "1.00", "date", date, "reference", "W" + writer + "-" + n);
                    long sent = System.nanoTime();
                    Response r = instances.get(instance).post(
                            "/api/projects/" + p + "/contributions", body, "Idempotency-Key", p + "-" + writer + "-" + n);
                    latenciesMs.add((System.nanoTime() - sent) / 1e6);
                    answers.computeIfAbsent(r.status(), s -> new AtomicLong()).incrementAndGet();
                    if (r.status() == 201) {
                        bookedPerProject.get(p).incrementAndGet();
                        if (r.json().path("pending").asBoolean()) {
                            pending.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();

        long booked = bookedPerProject.values().stream().mapToLong(AtomicLong::get).sum();
        List<Double> sorted = new ArrayList<>(latenciesMs);
        Collections.sort(sorted);
        System.out.printf("%d instance(s), spread by %s, %d writers, %d projects, %.1f s: %d bookings answered 201 (%d pending), "
                        + "%.1f bookings/s; latency median %.1f ms, p95 %.1f ms; answers by status %s%n",
                instances.size(), byProject ? "project" : "booking", writers, projectCount, elapsed, booked, pending.get(), booked / elapsed,
                sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1), answers);

        // Every booking answered 201 is in the read models once, on every instance, and they equal a replay.
        for (int i = 0; i < projects.size(); i++) {
            String p = projects.get(i);
            Ledger on = new Ledger(instances.get(i % instances.size()));
            String expected = bookedPerProject.get(p).get() + ".00";
            long until = System.currentTimeMillis() + 60_000;
            String total = on.balances(p).path("totalValue").asText();
            while (!total.equals(expected) && System.currentTimeMillis() < until) {
                Thread.sleep(200);
                total = on.balances(p).path("totalValue").asText();
            }
            boolean matchesReplay = on.http.get("/api/projects/" + p + "/audit").json()
                    .path("projectionsMatchReplay").asBoolean();
            if (!total.equals(expected) || !matchesReplay) {
                throw new IllegalStateException(p + ": balances total " + total + ", answered 201: " + expected
                        + ", projections match replay: " + matchesReplay);
            }
        }
        System.out.println("Checked: every project's balances equal the bookings answered 201, and its replay.");
    }
}
