package nl.commonsledger.api.bench;

import nl.commonsledger.api.LedgerApplication;
import nl.commonsledger.api.audit.LedgerAudit;
import nl.commonsledger.api.projection.ReadModelRebuild;
import nl.commonsledger.api.write.NewIds;
import nl.commonsledger.api.write.ResourceRef;
import nl.commonsledger.core.period.Quarter;
import nl.commonsledger.core.project.Attribution;
import nl.commonsledger.core.project.ContributionKind;
import nl.commonsledger.core.project.ProjectCommand.ImportContributions;
import nl.commonsledger.projections.ledger.LedgerProjector;
import nl.commonsledger.core.project.ProjectEvent;
import nl.commonsledger.projections.balance.Balances;
import nl.commonsledger.projections.replay.LedgerReplay;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A benchmark of the read models' rebuild, not a test. It starts the service on a fresh embedded
 * store, sets up one project (twelve members under a WEIGHTED key, a rate card) over HTTP, stops the
 * live projection, and stores {@code events} contributions through the command bus in imports of
 * 10,000 rows, with the ids an import over HTTP gives them (so the store fills fast: only the events and their digests are written). It then runs
 * the rebuild ({@link ReadModelRebuild}) and prints its time and rate, checks the rebuilt
 * {@code /balances} against the stored total, times {@code ?asOf=} and the journal export, and
 * {@code hledger balance} on that journal when hledger is installed.
 *
 * <p>Run: see docs/performance.md. Arguments: the number of contribution events (default 100,000),
 * then options passed on to the service.
 */
public final class RebuildBenchmark {

    private static final String PASSWORD = "load-driver-password";
    private static final String PROJECT = "import-load";
    private static final int IMPORT = 10_000;

    private RebuildBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("ledger-rebuild");
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--LEDGER_DATA_DIR=" + dir,
                "--ledger.admin-password=" + PASSWORD, "--ledger.security.bcrypt-strength=10",
                "--logging.level.root=WARN", "--logging.level.nl.commonsledger.api.projection=INFO",
                // Snapshots and the start-up rebuild are not what this measures.
                "--ledger.snapshot-every=100000000", "--ledger.rebuild-when-behind=100000000"));
        arguments.addAll(List.of(args).subList(Math.min(1, args.length), args.length));
        System.out.printf("Plain JDBC limit: %,.0f contribution rows/s (%,d rows of the read model's shape, batches of "
                + "5,000, a commit per 20,000, into an H2 file beside the store)%n", plainJdbcRowsPerSecond(dir, events), events);
        ConfigurableApplicationContext app = new SpringApplicationBuilder(LedgerApplication.class)
                .run(arguments.toArray(String[]::new));
        try {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            ImportLoadDriver.Http http = new ImportLoadDriver.Http("http://localhost:" + port);
            LocalDate start = LocalDate.now(ZoneId.of("Europe/Amsterdam")).minusYears(2).withDayOfMonth(1);
            List<String> members = ImportLoadDriver.setUp(http, PROJECT, start);
            StreamingEventProcessor processor = app.getBean(EventProcessingConfiguration.class)
                    .eventProcessor(LedgerProjector.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
            processor.shutDown();

            CommandGateway commands = app.getBean(CommandGateway.class);
            Random random = new Random(42);
            long days = LocalDate.now(ZoneId.of("Europe/Amsterdam")).toEpochDay() - start.toEpochDay();
            BigDecimal total = BigDecimal.ZERO.setScale(2);
            long storeStart = System.nanoTime();
            for (int done = 0; done < events; done += IMPORT) {
                List<ImportContributions.Row> rows = new ArrayList<>();
                // The ids an import over HTTP gives its rows: in the file's order, after earlier imports'.
                UUID importId = NewIds.next();
                for (int i = 0; i < Math.min(IMPORT, events - done); i++) {
                    String member = members.get(random.nextInt(members.size()));
                    LocalDate date = start.plusDays(random.nextInt((int) days));
                    if (i % 3 == 0) {
                        BigDecimal hours = BigDecimal.valueOf(100 + random.nextInt(4000), 2);
                        total = total.add(hours.multiply(new BigDecimal("95.00")).setScale(2));
                        rows.add(new ImportContributions.Row(i + 2, ResourceRef.RowIds.BLOCK.of(importId, i), member, ContributionKind.HOURS,
                                null, hours, "developer", date, "R" + done + "-" + i, "Timesheet " + i));
                    } else {
                        BigDecimal amount = BigDecimal.valueOf(100 + random.nextInt(10_000_000), 2);
                        total = total.add(amount);
                        rows.add(new ImportContributions.Row(i + 2, ResourceRef.RowIds.BLOCK.of(importId, i), member, ContributionKind.MONEY,
                                amount, null, null, date, "R" + done + "-" + i, "Invoice " + i));
                    }
                }
                commands.sendAndWait(new ImportContributions(PROJECT, rows, false,
                        new Attribution("admin", Instant.now())), 10, TimeUnit.MINUTES);
            }
            System.out.printf("Stored %,d contribution events in %.1f s (projection stopped)%n", events,
                    (System.nanoTime() - storeStart) / 1e9);

            ReadModelRebuild rebuild = app.getBean(ReadModelRebuild.class);
            long rebuildStart = System.nanoTime();
            if (!rebuild.start()) {
                throw new IllegalStateException("a rebuild is already running");
            }
            ReadModelRebuild.Progress progress;
            while ((progress = rebuild.progress()).running()) {
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - rebuildStart) / 1e9;
            System.out.printf("Rebuild: %s, %,d events folded, %,d rows written, in %.2f s: %,.0f events/s%n",
                    progress.state(), progress.eventsFolded(), progress.rowsWritten(), seconds,
                    progress.eventsFolded() / seconds);
            if (!progress.state().equals("DONE")) {
                throw new IllegalStateException("rebuild " + progress);
            }

            String balances = http.get("/api/projects/" + PROJECT + "/balances");
            String expected = "\"totalValue\":\"" + total.toPlainString() + "\"";
            System.out.printf("/balances after the rebuild shows the stored total %s: %b%n", total,
                    balances.contains(expected));
            // The everyday reads on the long history: 100 of each to warm up, then 200 timed (median, p99).
            String quarter = Quarter.of(LocalDate.now(ZoneId.of("Europe/Amsterdam")).minusYears(1)).toString();
            for (String read : List.of("/balances", "/periods/" + quarter + "/statement", "/contributions?limit=100",
                    "/contributions?limit=100&memberId=" + members.get(7))) {
                List<Double> ms = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    long t = System.nanoTime();
                    http.get("/api/projects/" + PROJECT + read);
                    if (i >= 100) {
                        ms.add((System.nanoTime() - t) / 1e6);
                    }
                }
                ms.sort(null);
                System.out.printf("GET %s: median %.1f ms, p99 %.1f ms (200 after 100 to warm up)%n", read,
                        ms.get(100), ms.get(197));
            }
            for (int i = 0; i < 3; i++) {
                long t = System.nanoTime();
                http.get("/api/projects/" + PROJECT + "/balances?asOf=" + Instant.now());
                System.out.printf("?asOf= (run %d): %.0f ms%n", i + 1, (System.nanoTime() - t) / 1e6);
            }
            // The as-of read in process: its two passes (BalanceReplay), and beside it, while it fits in the
            // heap, the fold that holds every contribution (LedgerReplay), which must give the same balances.
            LedgerAudit audit = app.getBean(LedgerAudit.class);
            for (int i = 0; i < 3; i++) {
                long r = System.nanoTime();
                Balances twoPasses = audit.balances(PROJECT, Instant.now(), null).orElseThrow();
                long b = System.nanoTime();
                System.out.printf("  in process (run %d): two passes %.0f ms", i + 1, (b - r) / 1e6);
                if (events <= 100_000) {
                    LedgerReplay replay = new LedgerReplay();
                    app.getBean(EventStore.class).readEvents(PROJECT, 0).asStream()
                            .forEach(m -> replay.apply((ProjectEvent) m.getPayload()));
                    Balances held = replay.balances(null);
                    System.out.printf(", every contribution held %.0f ms, the same balances: %b",
                            (System.nanoTime() - b) / 1e6, held.equals(twoPasses));
                }
                System.out.println();
            }
            long a = System.nanoTime();
            String report = http.get("/api/projects/" + PROJECT + "/audit");
            System.out.printf("/audit: %.0f ms, chain intact and read models equal to the replay: %b%n",
                    (System.nanoTime() - a) / 1e6, report.contains("\"chainIntact\":true")
                            && report.contains("\"projectionsMatchReplay\":true"));
            long t = System.nanoTime();
            Path file = dir.resolve("journal.ledger");
            long bytes = http.download("/api/projects/" + PROJECT + "/export/journal", file);
            System.out.printf("Journal export: %.0f ms, %,d bytes%n", (System.nanoTime() - t) / 1e6, bytes);
            if (Boolean.getBoolean("bench.skipHledger")) {
                return;
            }
            try {
                long h = System.nanoTime();
                Process hledger = new ProcessBuilder("hledger", "-f", file.toString(), "balance", "members", "--flat")
                        .redirectErrorStream(true).redirectOutput(dir.resolve("hledger.out").toFile()).start();
                int rc = hledger.waitFor();
                System.out.printf("hledger balance on the journal: rc %d in %.1f s%n", rc, (System.nanoTime() - h) / 1e9);
            } catch (java.io.IOException e) {
                System.out.println("hledger balance: not installed");
            }
        } finally {
            app.close();
        }
    }

    /**
     * The store's own limit for what the rebuild writes: {@code rows} rows of the contribution table's
     * shape (its columns, primary key and index, ids in time order) by plain JDBC, with the service's
     * durability setting, in a database of their own.
     */
    private static double plainJdbcRowsPerSecond(Path dir, int rows) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("plain") + "/plain;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement statement = c.createStatement()) {
            statement.execute("CREATE TABLE contribution (contribution_id VARCHAR(36) PRIMARY KEY, "
                    + "project_id VARCHAR(64) NOT NULL, list_position BIGINT NOT NULL, member_id VARCHAR(64) NOT NULL, "
                    + "kind VARCHAR(8) NOT NULL, amount_minor BIGINT, hours NUMERIC(9, 2), role VARCHAR(200), "
                    + "business_date DATE NOT NULL, reference VARCHAR(200), description VARCHAR(2000), "
                    + "status VARCHAR(16) NOT NULL, value_minor BIGINT NOT NULL, allocation VARCHAR(4000), "
                    + "recorded_at TIMESTAMP WITH TIME ZONE NOT NULL, recorded_by VARCHAR(255) NOT NULL, "
                    + "updated_at TIMESTAMP WITH TIME ZONE NOT NULL, updated_by VARCHAR(255) NOT NULL, "
                    + "event_sequences VARCHAR(100000) NOT NULL)");
            statement.execute("CREATE INDEX contribution_project ON contribution (project_id, list_position)");
            c.setAutoCommit(false);
            String allocation = String.join(";", java.util.stream.IntStream.range(0, 12)
                    .mapToObj(m -> String.format("member-%02d=123456", m)).toList());
            java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
            long start = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO contribution VALUES "
                    + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    insert.setString(1, new UUID(0x0190_0000_0000_7000L + ((long) i << 16), i).toString());
                    insert.setString(2, PROJECT);
                    insert.setLong(3, i + 15);
                    insert.setString(4, String.format("member-%02d", i % 12));
                    insert.setString(5, "MONEY");
                    insert.setLong(6, 12_345 + i);
                    insert.setNull(7, java.sql.Types.NUMERIC);
                    insert.setNull(8, java.sql.Types.VARCHAR);
                    insert.setObject(9, LocalDate.of(2025, 1, 1).plusDays(i % 700));
                    insert.setString(10, "R-" + i);
                    insert.setString(11, "Invoice " + i);
                    insert.setString(12, "EFFECTIVE");
                    insert.setLong(13, 12_345 + i);
                    insert.setString(14, allocation);
                    insert.setObject(15, now);
                    insert.setString(16, "admin");
                    insert.setObject(17, now);
                    insert.setString(18, "admin");
                    insert.setString(19, String.valueOf(i + 15));
                    insert.addBatch();
                    if ((i + 1) % 5_000 == 0) {
                        insert.executeBatch();
                    }
                    if ((i + 1) % 20_000 == 0) {
                        c.commit();
                    }
                }
                insert.executeBatch();
                c.commit();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            statement.execute("SHUTDOWN");
            return rows / seconds;
        }
    }
}
