package nl.commonsledger.api.bench;

import nl.commonsledger.api.LedgerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A load driver for single bookings over real HTTP, not a test. It starts the service on a fresh
 * embedded store, sets up one project (twelve members under a WEIGHTED key), and then, for each
 * number of connections asked for, keeps that many clients booking for a while: each client sends
 * one MONEY contribution of 1.00 with an {@code Idempotency-Key} of its own, waits for the answer
 * (which comes once the read models show the booking), and sends the next. It reports bookings a
 * second and the latency's median and p99 per level, and beside them the limit of the same store:
 * plain JDBC commits of one ~400-byte row each, with the service's durability setting, into an H2
 * file in the same folder, from 1 and from 16 threads.
 *
 * <p>It checks what it measured: every 201 must be a stored contribution (the project's
 * {@code totalValue} must be 1.00 times the 201s), and any other answer is counted and reported. It
 * prints the store's size after each level and, with {@code -DidleSeconds=n}, while idle afterwards.
 *
 * <p>Arguments: the seconds per level (default 20), then the numbers of connections (default 1 4
 * 16). With {@code -Dreport=docs/performance.md} it also writes its table between the markers
 * {@code <!-- booking-load-driver -->} and {@code <!-- /booking-load-driver -->} of that file,
 * with the machine, the command and the date. Clients and service share the machine's cores.
 */
public final class BookingLoadDriver {

    private static final String PROJECT = "booking-load";
    private static final String PASSWORD = "load-driver-password";
    private static final int WARM_UP_SECONDS = 10;

    private BookingLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int[] levels = args.length > 1
                ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 4, 16};
        Path dir = Files.createTempDirectory("ledger-booking-load");

        List<String> limit = new ArrayList<>();
        limit.add(String.format("%,.0f", plainJdbcCommitsPerSecond(dir.resolve("plain"), 1, 5)));
        limit.add(String.format("%,.0f", plainJdbcCommitsPerSecond(dir.resolve("plain16"), 16, 5)));

        Path store = dir.resolve("service");
        ConfigurableApplicationContext app = new SpringApplicationBuilder(LedgerApplication.class).run(
                "--server.port=0",
                "--LEDGER_DATA_DIR=" + store,
                "--ledger.admin-password=" + PASSWORD,
                "--ledger.security.bcrypt-strength=10",
                "--logging.level.root=WARN");
        List<String> rows = new ArrayList<>();
        long booked = 0;
        Map<Integer, Long> others = new TreeMap<>();
        try {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            String base = "http://localhost:" + port;
            ImportLoadDriver.setUp(new ImportLoadDriver.Http(base), PROJECT,
                    LocalDate.now(ZoneId.of("Europe/Amsterdam")).minusYears(1).withDayOfMonth(1));
            Level warmUp = run(base, 4, WARM_UP_SECONDS);
            booked += warmUp.booked();
            warmUp.others().forEach((status, n) -> others.merge(status, n, Long::sum));
            System.out.printf("Warm-up: %d connections for %d s, %,d bookings (not counted)%n", 4, WARM_UP_SECONDS,
                    warmUp.booked());
            for (int connections : levels) {
                Level level = run(base, connections, seconds);
                booked += level.booked();
                level.others().forEach((status, n) -> others.merge(status, n, Long::sum));
                String row = String.format("| %d | %,.0f | %.1f ms | %.1f ms | %,d | %,d KB |", connections,
                        level.booked() / (double) seconds, level.percentileMs(50), level.percentileMs(99),
                        level.booked(), ImportLoadDriver.sizeKb(store));
                System.out.println(row);
                rows.add(row);
            }
            String balances = new ImportLoadDriver.Http(base).get("/api/projects/" + PROJECT + "/balances");
            Matcher total = Pattern.compile("\"totalValue\":\"([0-9.]+)\"").matcher(balances);
            BigDecimal expected = BigDecimal.valueOf(booked).setScale(2);
            BigDecimal shown = total.find() ? new BigDecimal(total.group(1)) : null;
            String check = expected.equals(shown)
                    ? String.format("every 201 a stored contribution (%,d answered 201, totalValue %s)", booked, shown)
                    : String.format("MISMATCH: %,d answered 201 but totalValue is %s", booked, shown);
            String otherAnswers = others.isEmpty() ? "no other answers" : "other answers: " + others;
            System.out.println(check + "; " + otherAnswers);
            rows.add("");
            rows.add("Checked: " + check + "; " + otherAnswers + ".");
            ImportLoadDriver.reportWhileIdle(store);
        } finally {
            app.close();
        }
        System.out.printf("Store files after shutdown: %,d KB (%s)%n", ImportLoadDriver.sizeKb(store), dir);

        List<String> table = new ArrayList<>();
        table.add("| connections | bookings/s | p50 | p99 | bookings | store files after the level |");
        table.add("|---:|---:|---:|---:|---:|---:|");
        table.addAll(rows);
        table.add("");
        table.add("Plain JDBC on the same disk in the same run (one ~400-byte row per commit, `WRITE_DELAY=0`): "
                + limit.get(0) + " commits/s from 1 thread, " + limit.get(1) + " from 16.");
        table.forEach(System.out::println);
        String report = System.getProperty("report");
        if (report != null) {
            writeReport(Path.of(report), seconds, levels, table);
        }
    }

    /** What one level measured: bookings answered 201, their latencies, and every other status. */
    private record Level(long booked, long[] nanos, Map<Integer, Long> others) {
        double percentileMs(int percentile) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(nanos.length * percentile / 100.0) - 1;
            return nanos[Math.max(0, index)] / 1e6;
        }
    }

    /** {@code connections} clients booking for {@code seconds}, each waiting for its answer. */
    private static Level run(String base, int connections, int seconds) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String authorization = "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create(base + "/api/projects/" + PROJECT + "/contributions");
        String yesterday = LocalDate.now(ZoneId.of("Europe/Amsterdam")).minusDays(1).toString();
        AtomicBoolean stop = new AtomicBoolean();
        List<long[]> latencies = new ArrayList<>();
        List<Map<Integer, Long>> statuses = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            String member = String.format("gm%04d", 363 + c % 12);
            long[][] mine = {new long[1 << 16]};
            int[] count = {0};
            Map<Integer, Long> other = new TreeMap<>();
            statuses.add(other);
            Thread thread = new Thread(() -> {
                while (!stop.get()) {
                    HttpRequest request = HttpRequest.newBuilder(uri)
                            .header("Authorization", authorization)
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"memberId\":\"" + member
                                    + "\",\"kind\":\"MONEY\",\"amount\":\"1.00\",\"date\":\"" + yesterday + "\"}"))
                            .build();
                    long start = System.nanoTime();
                    int status;
                    try {
                        status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (IOException e) {
                        status = -1;
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (status == 201) {
                        if (count[0] == mine[0].length) {
                            mine[0] = Arrays.copyOf(mine[0], mine[0].length * 2);
                        }
                        mine[0][count[0]++] = System.nanoTime() - start;
                    } else {
                        other.merge(status, 1L, Long::sum);
                    }
                }
                synchronized (latencies) {
                    latencies.add(Arrays.copyOf(mine[0], count[0]));
                }
            }, "booking-client-" + c);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        Map<Integer, Long> others = new TreeMap<>();
        statuses.forEach(map -> map.forEach((status, n) -> others.merge(status, n, Long::sum)));
        return new Level(all.length, all, others);
    }

    /**
     * The store's own limit: {@code threads} threads each committing one ~400-byte row per
     * transaction for {@code seconds}, into an H2 file with the service's durability setting.
     */
    private static double plainJdbcCommitsPerSecond(Path dir, int threads, int seconds) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("plain") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        try (Connection setUp = DriverManager.getConnection(url, "sa", "");
             Statement statement = setUp.createStatement()) {
            statement.execute("CREATE TABLE booking (id UUID PRIMARY KEY, payload VARCHAR(1000))");
            AtomicBoolean stop = new AtomicBoolean();
            long[] commits = new long[threads];
            List<Thread> writers = new ArrayList<>();
            String payload = "x".repeat(400);
            for (int t = 0; t < threads; t++) {
                int me = t;
                writers.add(new Thread(() -> {
                    try (Connection connection = DriverManager.getConnection(url, "sa", "");
                         PreparedStatement insert = connection.prepareStatement("INSERT INTO booking VALUES (?, ?)")) {
                        while (!stop.get()) {
                            insert.setObject(1, UUID.randomUUID());
                            insert.setString(2, payload);
                            insert.executeUpdate();
                            commits[me]++;
                        }
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            writers.forEach(Thread::start);
            Thread.sleep(seconds * 1000L);
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
            statement.execute("SHUTDOWN");
            return Arrays.stream(commits).sum() / (double) seconds;
        }
    }

    private static void writeReport(Path file, int seconds, int[] levels, List<String> table) throws IOException {
        String begin = "<!-- booking-load-driver -->";
        String end = "<!-- /booking-load-driver -->";
        String text = Files.readString(file);
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException(file + " has no " + begin + " … " + end + " section");
        }
        String machine = String.format("%d cores (%s), %s %s, Java %s, max heap %,d MB",
                Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        String command = "java -Xmx" + (Runtime.getRuntime().maxMemory() >> 20) + "m -cp … "
                + BookingLoadDriver.class.getName() + " " + seconds + " "
                + String.join(" ", Arrays.stream(levels).mapToObj(String::valueOf).toList());
        String section = begin + "\n\n"
                + "Written by the driver on " + ZonedDateTime.now(ZoneId.of("UTC"))
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")) + ", " + machine
                + ", " + seconds + " s per level after a " + WARM_UP_SECONDS + " s warm-up at 4 connections:\n"
                + "`" + command + "`\n\n"
                + String.join("\n", table) + "\n\n";
        Files.writeString(file, text.substring(0, from) + section + text.substring(to));
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
