package nl.commonsledger.api.simulation;

import com.zaxxer.hikari.HikariDataSource;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.TestData;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Application instances on one H2 store, each a Spring context with its own buses, web server and
 * connection pool, as {@code TwoInstancesTest} runs them. A crash is a context close with Tomcat's
 * immediate shutdown: requests in flight are cut off, not drained. (Axon's own shutdown still runs;
 * a real {@code kill -9} of a process would cost a JVM start per fault, too slow for the build.)
 */
final class Cluster implements AutoCloseable {

    private final Path dir;
    private final String[] properties;
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final List<Http> https = new ArrayList<>();
    private int restarts;

    private Cluster(Path dir, String[] properties) {
        this.dir = dir;
        this.properties = properties;
    }

    /** Starts {@code instances} instances on a fresh store, one after the other (Flyway runs in the first). */
    static Cluster start(int instances, List<String> extraProperties) {
        List<String> props = new ArrayList<>(List.of(
                "server.shutdown=immediate",
                "spring.main.banner-mode=off",
                // Nothing here reads the API description; leaving it out makes every start a little shorter.
                "springdoc.api-docs.enabled=false",
                "springdoc.swagger-ui.enabled=false",
                // The simulation audits after nearly every step, as one administrator.
                "ledger.expensive-reads.burst=1000000",
                "ledger.expensive-reads.per-minute=1000000",
                // The test-only decorator that can plant a bug; it does nothing unless simulation.planted-bug is set.
                "spring.main.sources=" + PlantedBug.class.getName()));
        props.addAll(extraProperties);
        Cluster cluster = new Cluster(TestData.newDir("simulation"), props.toArray(String[]::new));
        for (int i = 0; i < instances; i++) {
            cluster.contexts.add(null);
            cluster.https.add(null);
            cluster.startInstance(i);
        }
        return cluster;
    }

    int size() {
        return contexts.size();
    }

    int restarts() {
        return restarts;
    }

    Http http(int instance) {
        return https.get(Math.floorMod(instance, https.size()));
    }

    /** Stops the instance without draining its requests. */
    void crash(int instance) {
        ConfigurableApplicationContext context = contexts.set(instance, null);
        if (context != null) {
            context.close();
        }
    }

    void startInstance(int instance) {
        ConfigurableApplicationContext context = TestData.startOn(dir, jdbcUrl(dir), properties);
        contexts.set(instance, context);
        https.set(instance, new Http(TestData.port(context)));
    }

    /**
     * The store of {@link TestData#jdbcUrl}, through H2's {@code retry:} file system. The instances
     * share one H2 database in this JVM, and a crash interrupts the crashed instance's request
     * threads; an interrupt during a write closes a plain file channel ({@code ClosedByInterruptException}),
     * which would break the store for the other instance too, a failure only this in-process setup
     * has (a killed process takes no other process's file with it). {@code retry:} reopens the channel.
     */
    static String jdbcUrl(Path dir) {
        return TestData.jdbcUrl(dir).replace("jdbc:h2:file:", "jdbc:h2:retry:");
    }

    void restart(int instance) {
        crash(instance);
        startInstance(instance);
        restarts++;
    }

    /**
     * Drops the instance's pooled database connections: idle ones are closed at once, those in use
     * as soon as they are handed back, so the next transactions run on new connections.
     */
    void dropConnections(int instance) {
        DataSource dataSource = contexts.get(instance).getBean(DataSource.class);
        try {
            dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
        } catch (SQLException e) {
            throw new IllegalStateException("not a Hikari pool: " + dataSource, e);
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < contexts.size(); i++) {
            crash(i);
        }
    }
}
