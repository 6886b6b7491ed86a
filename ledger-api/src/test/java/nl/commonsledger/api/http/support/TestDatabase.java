package nl.commonsledger.api.http.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The database the tests run on, chosen per test JVM by the system property
 * {@value #PROPERTY}: {@code h2} (the default) gives each data directory its own H2 file, as the
 * service runs on a laptop; {@code postgres} gives each data directory a fresh database of its own on
 * one embedded PostgreSQL for the whole JVM, as the service runs in production. The build runs the
 * whole suite once on each (ledger-api's pom), with the same Flyway migrations.
 *
 * <p>Since every application context is started on a data directory of its own (or on one it shares
 * on purpose, for a restart or a second instance), "a fresh directory" means "an empty store" on both
 * databases.
 */
public final class TestDatabase {

    public static final String PROPERTY = "ledger.test.database";

    /** A test that needs PostgreSQL itself (several processes on one database): only the PostgreSQL run has it. */
    public static final String POSTGRES_ONLY = "postgres-only";

    /** A test of the embedded H2 store itself: the PostgreSQL run leaves it out. */
    public static final String H2_ONLY = "h2-only";

    private static final Map<Path, String> DATABASES = new ConcurrentHashMap<>();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabase() {
    }

    public static boolean postgres() {
        String chosen = System.getProperty(PROPERTY, "h2");
        return switch (chosen) {
            case "h2" -> false;
            case "postgres" -> true;
            default -> throw new IllegalStateException(PROPERTY + " must be h2 or postgres, not " + chosen);
        };
    }

    /**
     * The JDBC URL of the store that belongs to this data directory: its H2 file, or its own PostgreSQL
     * database, created empty the first time the directory is asked about (so a restart on the same
     * directory finds its store again).
     */
    static String jdbcUrl(Path dir) {
        Path key = dir.toAbsolutePath();
        if (!postgres()) {
            return "jdbc:h2:file:" + key + "/ledger;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        }
        String database = DATABASES.computeIfAbsent(key, d -> createDatabase("ledger_" + COUNTER.incrementAndGet()));
        // The user is in the URL: the application's own username (sa, for H2) does not exist here, and
        // PostgreSQL's driver lets the URL's user win. The server trusts local connections.
        return server().getJdbcUrl("postgres", database);
    }

    /**
     * The one embedded PostgreSQL of this JVM, started on first use. It is never closed by a test:
     * Spring keeps application contexts cached (and connected) until the JVM ends, so the server's own
     * shutdown hook stops it, after them.
     */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setRegisterShutdownHook(true)
                        // Every cached context keeps a pool of up to ten connections, and the multi-instance
                        // tests run several at once.
                        .setServerConfig("max_connections", "300")
                        // The tests stop applications, never this server, so a crash-safe disk buys nothing
                        // here but time. (Durability on PostgreSQL is PostgreSQL's: see docs/operations.md.)
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
        }
        return server;
    }

    private static String createDatabase(String name) {
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
            return name;
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }
}
