package nl.commonsledger.api.http.support;

import nl.commonsledger.api.LedgerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Fresh data directories under {@code target/it-data} (never the application's default {@code ./data}),
 * each with a store of its own (an H2 file, or a PostgreSQL database: see {@link TestDatabase}), and
 * standalone starts of the application on one of them.
 */
public final class TestData {

    private static final Path ROOT = Path.of("target", "it-data").toAbsolutePath();

    static {
        // Only the latest run's stores are kept, for debugging; each run starts from empty directories.
        try {
            FileSystemUtils.deleteRecursively(ROOT);
            Files.createDirectories(ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestData() {
    }

    /** A new, empty directory. */
    public static Path newDir(String name) {
        try {
            return Files.createDirectories(ROOT.resolve(name + "-" + UUID.randomUUID()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The store of this directory, on the database this run tests (see {@link TestDatabase}). */
    public static String jdbcUrl(Path dir) {
        return TestDatabase.jdbcUrl(dir);
    }

    /**
     * Starts the application as {@code java -jar} would, on a random port and the given data directory.
     * The settings go in as command-line arguments: they outrank application.yml, as they do for the jar.
     */
    public static ConfigurableApplicationContext start(Path dir, String... properties) {
        return startOn(dir, jdbcUrl(dir), properties);
    }

    /** The same, on the given database URL for that data directory. */
    public static ConfigurableApplicationContext startOn(Path dir, String jdbcUrl, String... properties) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--LEDGER_DATA_DIR=" + dir.toAbsolutePath(),
                "--spring.datasource.url=" + jdbcUrl));
        for (String p : properties) {
            args.add("--" + p);
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(LedgerApplication.class)
                .run(args.toArray(String[]::new));
        String url = context.getEnvironment().getProperty("spring.datasource.url");
        if (url == null || !url.equals(jdbcUrl)) {
            context.close();
            throw new IllegalStateException("the application did not take the test's data directory: " + url);
        }
        return context;
    }

    public static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
