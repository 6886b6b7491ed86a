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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A load driver for bulk import, not a test: it starts the service on a fresh embedded store, sets
 * up one project (twelve members under a WEIGHTED key, a rate card), and imports a generated CSV of
 * {@code rows} contributions over HTTP: first as a dry run, then for real. The import answers once
 * the read models show it (read-your-writes), so the time to the answer is the time from upload
 * until {@code /balances} shows the rows; the driver then reads {@code /balances} and checks its
 * total. It prints the heap in use after the import and the size of the store's files.
 *
 * <p>Run: see docs/performance.md. Arguments: the number of rows (default 10,000), then the number
 * of imports of that size (default 1), then options passed on to the service. With
 * {@code -DwarmUps=n} it first makes n imports of the same size into another project, not counted.
 */
public final class ImportLoadDriver {

    private static final String PROJECT = "import-load";
    private static final String WARM_UP = "import-warm-up";
    private static final String PASSWORD = "load-driver-password";

    private ImportLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int imports = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int warmUps = Integer.getInteger("warmUps", 0);
        Path dir = Files.createTempDirectory("ledger-import-load");
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--LEDGER_DATA_DIR=" + dir,
                "--ledger.admin-password=" + PASSWORD,
                "--ledger.security.bcrypt-strength=10",
                "--logging.level.root=WARN"));
        arguments.addAll(List.of(args).subList(Math.min(2, args.length), args.length));
        ConfigurableApplicationContext app = new SpringApplicationBuilder(LedgerApplication.class)
                .run(arguments.toArray(String[]::new));
        try {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            Http http = new Http("http://localhost:" + port);
            LocalDate start = LocalDate.now(ZoneId.of("Europe/Amsterdam")).minusYears(2).withDayOfMonth(1);
            if (warmUps > 0) {
                // The same imports into a project of their own, not counted: the first requests of a
                // fresh JVM run interpreted code, which a service that has been up for a while does not.
                List<String> members = setUp(http, WARM_UP, start);
                BigDecimal expected = BigDecimal.ZERO.setScale(2);
                for (int n = 0; n < warmUps; n++) {
                    Generated file = generate(rows, members, start, new Random(1042 + n), "W" + n);
                    expected = expected.add(file.total());
                    System.out.printf("Warm-up %d (project %s, not counted)%n", n + 1, WARM_UP);
                    importOnce(http, WARM_UP, file, expected);
                }
            }
            List<String> members = setUp(http, PROJECT, start);
            BigDecimal expected = BigDecimal.ZERO.setScale(2);
            List<Double> measured = new ArrayList<>();
            for (int n = 0; n < imports; n++) {
                Generated file = generate(rows, members, start, new Random(42 + n), "B" + n);
                expected = expected.add(file.total());
                System.out.printf("Import %d:%n", n + 1);
                measured.add(importOnce(http, PROJECT, file, expected));
            }
            List<Double> sorted = measured.stream().sorted().toList();
            System.out.printf("Until /balances showed all rows, over %d imports: median %.0f ms, max %.0f ms%n",
                    sorted.size(), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
            Runtime rt = Runtime.getRuntime();
            System.gc();
            System.out.printf("Heap in use after the imports: %,d MB of max %,d MB%n",
                    (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
            System.out.printf("Store files while running: %,d KB%n", sizeKb(dir));
            reportWhileIdle(dir);
        } finally {
            app.close();
        }
        System.out.printf("Store files after shutdown: %,d KB (%s)%n", sizeKb(dir), dir);
    }

    /**
     * Sends the file as a dry run and then for real, and waits until {@code /balances} shows the
     * project's {@code expected} total; answers the milliseconds from the upload until then.
     */
    private static double importOnce(Http http, String project, Generated file, BigDecimal expected)
            throws InterruptedException {
        byte[] csv = file.csv().getBytes(StandardCharsets.UTF_8);
        System.out.printf("  %,d bytes of CSV%n", csv.length);
        long dryStart = System.nanoTime();
        String dry = http.post("/api/projects/" + project + "/contributions/import?dryRun=true", "text/csv", csv);
        System.out.printf("  dry run: %.0f ms  %s%n", (System.nanoTime() - dryStart) / 1e6,
                dry.substring(0, Math.min(dry.length(), 120)));

        long importStart = System.nanoTime();
        String answer = http.post("/api/projects/" + project + "/contributions/import", "text/csv", csv);
        double importMs = (System.nanoTime() - importStart) / 1e6;
        // The answer waits for the read models for at most 10 s; poll /balances until its total
        // shows every row, which is what "until /balances shows them" measures.
        String total = "\"totalValue\":\"" + expected.toPlainString() + "\"";
        while (!http.get("/api/projects/" + project + "/balances").contains(total)) {
            Thread.sleep(20);
        }
        double untilBalancesMs = (System.nanoTime() - importStart) / 1e6;
        System.out.printf("  import answered after %.0f ms; /balances showed all rows (totalValue %s) after "
                + "%.0f ms: %,.0f rows/s%n", importMs, expected, untilBalancesMs, file.rows() / (untilBalancesMs / 1000));
        System.out.printf("  answer: %s...%n", answer.substring(0, Math.min(answer.length(), 60)));
        return untilBalancesMs;
    }

    /** The file, the value of its rows (amounts, and hours × 95.00: exact, so no rounding), and how many. */
    private record Generated(String csv, BigDecimal total, int rows) {
    }

    /** Two thirds MONEY, one third HOURS, over twelve members and two years, each with a reference. */
    static Generated generate(int rows, List<String> members, LocalDate start, Random random, String batch) {
        StringBuilder csv = new StringBuilder("memberId,kind,amount,hours,role,date,reference,description\n");
        long days = LocalDate.now(ZoneId.of("Europe/Amsterdam")).toEpochDay() - start.toEpochDay();
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (int i = 0; i < rows; i++) {
            String member = members.get(random.nextInt(members.size()));
            LocalDate date = start.plusDays(random.nextInt((int) days));
            if (i % 3 == 0) {
                BigDecimal hours = BigDecimal.valueOf(100 + random.nextInt(4000), 2);
                total = total.add(hours.multiply(new BigDecimal("95.00")).setScale(2));
                csv.append(member).append(",HOURS,,").append(hours).append(",developer,");
            } else {
                BigDecimal amount = BigDecimal.valueOf(100 + random.nextInt(10_000_000), 2);
                total = total.add(amount);
                csv.append(member).append(",MONEY,").append(amount).append(",,,");
            }
            csv.append(date).append(',').append(batch).append("-INV-").append(i).append(",Invoice ").append(i)
                    .append('\n');
        }
        return new Generated(csv.toString(), total, rows);
    }

    static List<String> setUp(Http http, String project, LocalDate start) {
        http.post("/api/projects", "application/json", ("{\"projectId\":\"" + project
                + "\",\"name\":\"Import load\"}").getBytes(StandardCharsets.UTF_8));
        List<String> members = new ArrayList<>();
        StringBuilder weights = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            String id = String.format("gm%04d", 363 + i);
            members.add(id);
            http.post("/api/projects/" + project + "/members", "application/json", ("{\"memberId\":\"" + id
                    + "\",\"name\":\"Gemeente " + i + "\",\"joinedOn\":\"" + start + "\"}").getBytes(StandardCharsets.UTF_8));
            weights.append(i == 0 ? "" : ",").append('"').append(id).append("\":\"").append(50_000 + 37_000L * i).append('"');
        }
        http.put("/api/projects/" + project + "/allocation-key", ("{\"method\":\"WEIGHTED\",\"effectiveFrom\":\""
                + start + "\",\"weights\":{" + weights + "}}"));
        http.put("/api/projects/" + project + "/rate-card", "{\"effectiveFrom\":\"" + start
                + "\",\"hourlyRates\":{\"developer\":\"95.00\"}}");
        return members;
    }

    /**
     * With {@code -DidleSeconds=n} the service stands idle for n seconds, as a laptop's would between
     * imports, and the store's size is printed every 10 s: how far its idle compaction shrinks it.
     */
    static void reportWhileIdle(Path dir) throws IOException, InterruptedException {
        int idleSeconds = Integer.getInteger("idleSeconds", 0);
        for (int waited = 10; waited <= idleSeconds; waited += 10) {
            Thread.sleep(10_000);
            System.out.printf("Store files after %d s idle: %,d KB%n", waited, sizeKb(dir));
        }
    }

    static long sizeKb(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum() >> 10;
        }
    }

    /** A minimal client signed in as the administrator; fails loudly on anything but 2xx. */
    record Http(String base) {
        private static final HttpClient CLIENT = HttpClient.newHttpClient();

        String get(String path) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        }

        /** Writes the answer to a file, not to the heap: the benchmark shares its heap with the service. */
        long download(String path, java.nio.file.Path file) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
            try {
                HttpResponse<java.nio.file.Path> r = CLIENT.send(request.timeout(java.time.Duration.ofMinutes(10)).build(),
                        HttpResponse.BodyHandlers.ofFile(file));
                if (r.statusCode() / 100 != 2) {
                    throw new IllegalStateException(r.statusCode() + " " + java.nio.file.Files.readString(file));
                }
                return java.nio.file.Files.size(file);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        String post(String path, String contentType, byte[] body) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        }

        String put(String path, String json) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json)));
        }

        private String send(HttpRequest.Builder request) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
            try {
                HttpResponse<String> r = CLIENT.send(request.timeout(java.time.Duration.ofMinutes(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 != 2) {
                    throw new IllegalStateException(r.statusCode() + " " + r.body().substring(0, Math.min(500, r.body().length())));
                }
                return r.body();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
