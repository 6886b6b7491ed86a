package nl.commonsledger.api.http.support;

import nl.commonsledger.api.LedgerApplication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The application in a process of its own, started as {@code java -jar} would start it (same class
 * path as the tests), so that a test can end it as an operating system ends a crashed instance:
 * {@link #kill()} is {@code kill -9}, with no shutdown hook, no graceful release of anything.
 */
public final class InstanceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private InstanceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts an instance on the data directory's store and waits until its health answers UP. */
    public static InstanceProcess start(Path dir, Duration startTimeout, String... properties) {
        int port = freePort();
        Path log = dir.resolve("instance-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-Ddisable-axoniq-console-message=true",
                "-cp", System.getProperty("java.class.path"),
                LedgerApplication.class.getName(),
                "--server.port=" + port,
                "--LEDGER_DATA_DIR=" + dir.toAbsolutePath(),
                "--spring.datasource.url=" + TestData.jdbcUrl(dir)));
        String profiles = System.getProperty("spring.profiles.active");
        if (profiles != null) {
            command.add("--spring.profiles.active=" + profiles);
        }
        for (String p : properties) {
            command.add("--" + p);
        }
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            InstanceProcess instance = new InstanceProcess(process, port, log);
            instance.awaitHealthy(startTimeout);
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** {@code kill -9}: the process ends at once; its connections drop, its claims stay in the database. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitHealthy(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the instance ended while starting; see " + log);
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the instance was not healthy within " + timeout + "; see " + log);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
