package nl.commonsledger.api.bench;

import nl.commonsledger.api.LedgerApplication;
import nl.commonsledger.core.allocation.KeyMethod;
import nl.commonsledger.core.project.Attribution;
import nl.commonsledger.core.project.ContributionKind;
import nl.commonsledger.core.project.ProjectCommand.CreateProject;
import nl.commonsledger.core.project.ProjectCommand.JoinMember;
import nl.commonsledger.core.project.ProjectCommand.RecordContribution;
import nl.commonsledger.core.project.ProjectCommand.SetAllocationKey;
import nl.commonsledger.core.project.ProjectCommand.SetRateCard;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A load driver, not a test: it starts the service on a fresh embedded store, books a long history
 * into one project, and measures over real HTTP what docs/performance.md reports: the latency of a
 * booking (with read-your-writes), of balances from the read models and {@code ?asOf=} from the event
 * store, of {@code /audit}, and the events per second of a projection rebuild.
 *
 * <p>Run: see docs/performance.md. Argument: the number of contributions to book (default 100,000).
 */
public final class LedgerLoadDriver {

    private static final String PROJECT = "load";
    private static final String PASSWORD = "load-driver-password";

    private LedgerLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        int contributions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("ledger-load");
        // Command-line arguments, so that they win over any application.properties on the class path;
        // arguments after the count are passed on (e.g. --spring.profiles.active=postgres and a URL).
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--LEDGER_DATA_DIR=" + dir,
                "--ledger.admin-password=" + PASSWORD,
                "--ledger.security.bcrypt-strength=10",
                "--logging.level.root=WARN"));
        arguments.addAll(List.of(args).subList(Math.min(1, args.length), args.length));
        ConfigurableApplicationContext app = new SpringApplicationBuilder(LedgerApplication.class)
                .run(arguments.toArray(String[]::new));
        try {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            Http http = new Http("http://localhost:" + port);
            CommandGateway commands = app.getBean(CommandGateway.class);
            Clock clock = app.getBean(Clock.class);

            long seedStart = System.nanoTime();
            long events = seed(commands, clock, contributions);
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            Instant midway = clock.instant();
            waitUntilLive(http, 600);
            System.out.printf("Booked %d events in %.1f s through the command gateway (%.0f events/s)%n",
                    events, seedSeconds, events / seedSeconds);

            Map<String, String> figures = new LinkedHashMap<>();
            figures.put("POST contribution (book + read-your-writes), median / p95 ms",
                    percentiles(200, () -> http.post("/api/projects/" + PROJECT + "/contributions",
                            "{\"memberId\":\"gm0363\",\"kind\":\"MONEY\",\"amount\":\"12.50\",\"date\":\""
                                    + LocalDate.now(clock).minusDays(1) + "\"}")));
            figures.put("GET balances (read models), median / p95 ms",
                    percentiles(20, () -> http.get("/api/projects/" + PROJECT + "/balances")));
            figures.put("GET balances?asOf=now (replay of all events), median / p95 ms",
                    percentiles(5, () -> http.get("/api/projects/" + PROJECT + "/balances?asOf=" + clock.instant())));
            figures.put("GET balances?asOf=<end of seeding>, median / p95 ms",
                    percentiles(5, () -> http.get("/api/projects/" + PROJECT + "/balances?asOf=" + midway)));
            figures.put("GET audit (chain + replay + compare), median / p95 ms",
                    percentiles(3, () -> http.get("/api/projects/" + PROJECT + "/audit")));

            long rebuildStart = System.nanoTime();
            http.post("/api/admin/projections/rebuild", "");
            waitUntilLive(http, 1200);
            double rebuildSeconds = (System.nanoTime() - rebuildStart) / 1e9;
            figures.put("Rebuild of all read models, s (events/s)",
                    String.format("%.1f (%.0f)", rebuildSeconds, (events + 200) / rebuildSeconds));

            System.out.println("| measurement (" + events + " events in one project) | figure |");
            System.out.println("|---|---:|");
            figures.forEach((k, v) -> System.out.println("| " + k + " | " + v + " |"));
        } finally {
            app.close();
        }
    }

    /** One project, twelve members under a WEIGHTED key, a rate card, and {@code n} contributions. */
    private static long seed(CommandGateway commands, Clock clock, int n) {
        Attribution by = new Attribution("load", clock.instant());
        LocalDate start = LocalDate.now(clock).minusYears(2).withDayOfMonth(1);
        commands.sendAndWait(new CreateProject(PROJECT, "Load", "EUR", "Europe/Amsterdam", by));
        List<String> members = new ArrayList<>();
        Map<String, BigDecimal> weights = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            String id = String.format("gm%04d", 363 + i);
            members.add(id);
            weights.put(id, BigDecimal.valueOf(50_000 + 37_000L * i));
            commands.sendAndWait(new JoinMember(PROJECT, id, "Gemeente " + i, start, null, by));
        }
        commands.sendAndWait(new SetAllocationKey(PROJECT, KeyMethod.WEIGHTED, start, weights, by));
        commands.sendAndWait(new SetRateCard(PROJECT, start, Map.of("developer", new BigDecimal("95.00")), by));
        Random random = new Random(42);
        long days = LocalDate.now(clock).toEpochDay() - start.toEpochDay();
        for (int i = 0; i < n; i++) {
            LocalDate date = start.plusDays(random.nextInt((int) days));
            String member = members.get(random.nextInt(members.size()));
            Attribution now = new Attribution("load", clock.instant());
            if (i % 3 == 0) {
                commands.sendAndWait(new RecordContribution(PROJECT, UUID.randomUUID(), member, ContributionKind.HOURS,
                        null, BigDecimal.valueOf(100 + random.nextInt(4000), 2), "developer", date, null, null, now));
            } else {
                commands.sendAndWait(new RecordContribution(PROJECT, UUID.randomUUID(), member, ContributionKind.MONEY,
                        BigDecimal.valueOf(100 + random.nextInt(10_000_000), 2), null, null, date, null, null, now));
            }
        }
        return n + 15L;
    }

    private static void waitUntilLive(Http http, int maxSeconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + maxSeconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            String status = http.get("/api/admin/projections");
            if (status.contains("\"state\":\"LIVE\"") && status.contains("\"eventsBehind\":0")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("projections not live after " + maxSeconds + " s");
    }

    private static String percentiles(int runs, Supplier<String> call) {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            call.get();
            ms.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(ms);
        double median = ms.get(ms.size() / 2);
        double p95 = ms.get(Math.min(ms.size() - 1, (int) Math.ceil(ms.size() * 0.95) - 1));
        return String.format("%.1f / %.1f", median, p95);
    }

    /** A minimal client signed in as the administrator; fails loudly on anything but 2xx. */
    private record Http(String base) {
        private static final HttpClient CLIENT = HttpClient.newHttpClient();

        String get(String path) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        }

        String post(String path, String json) {
            return send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        private String send(HttpRequest.Builder request) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
            try {
                HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 != 2) {
                    throw new IllegalStateException(r.statusCode() + " " + r.body());
                }
                return r.body();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
