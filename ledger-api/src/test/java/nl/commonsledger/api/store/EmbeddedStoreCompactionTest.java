package nl.commonsledger.api.store;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compaction on an H2 file store written as the service writes it (one commit per change,
 * {@code WRITE_DELAY=0}): the file shrinks, and every row committed before and during the pass is
 * there after the store is closed and opened again.
 */
class EmbeddedStoreCompactionTest {

    private static final int ROWS = 2_000;
    private static final int UPDATES = 6_000;

    @TempDir
    Path dir;

    @Test
    void aCompactionShrinksTheFileAndKeepsEveryCommittedRowIncludingThoseWrittenMeanwhile() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("ledger") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        long expectedSum;
        int insertedMeanwhile;
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            expectedSum = fillWithDeadPages(connection);
            // The compaction reuses a chunk's space only 5 s after its last live page went.
            Thread.sleep(6_000);
            MVStore store = mvStore(connection);
            long before = store.getFileStore().size();
            assertThat(EmbeddedStoreCompaction.worthCompacting(store.getFileStore()))
                    .as("a file of %d KB, mostly dead pages, is worth compacting", before >> 10).isTrue();

            // A writer keeps committing while the pass runs, as a booking arriving meanwhile would.
            AtomicInteger inserted = new AtomicInteger();
            AtomicReference<Throwable> writerFailed = new AtomicReference<>();
            // Stopped by a flag, not an interrupt: an interrupt during file I/O closes H2's channel.
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> insertUntilStopped(url, stop, inserted, writerFailed));
            writer.start();
            EmbeddedStoreCompaction.Result result;
            try {
                result = EmbeddedStoreCompaction.compact(store, TimeUnit.SECONDS.toNanos(20));
            } finally {
                stop.set(true);
                writer.join();
            }
            assertThat(writerFailed.get()).isNull();
            insertedMeanwhile = inserted.get();
            assertThat(insertedMeanwhile).as("rows committed during the pass").isPositive();

            assertThat(result.bytesBefore()).isGreaterThanOrEqualTo(before);
            assertThat(result.bytesAfter())
                    .as("compacted from %d KB", before >> 10).isLessThan(before / 2);
            assertThat(store.getFileStore().size())
                    .as("the file with the rows written meanwhile").isLessThan(before / 2);
        }

        try (Connection reopened = DriverManager.getConnection(url, "sa", "");
             Statement statement = reopened.createStatement()) {
            try (ResultSet sums = statement.executeQuery("SELECT COUNT(*), SUM(amount) FROM booking")) {
                sums.next();
                assertThat(sums.getInt(1)).isEqualTo(ROWS);
                assertThat(sums.getLong(2)).isEqualTo(expectedSum);
            }
            try (ResultSet meanwhile = statement.executeQuery("SELECT COUNT(*) FROM meanwhile")) {
                meanwhile.next();
                assertThat(meanwhile.getInt(1)).isEqualTo(insertedMeanwhile);
            }
        }
    }

    /** ROWS rows, then UPDATES single-row commits: each writes a new chunk and leaves dead pages. */
    private static long fillWithDeadPages(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE booking (id INT PRIMARY KEY, amount BIGINT, note VARCHAR(400))");
            statement.execute("CREATE TABLE meanwhile (id INT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(400))");
        }
        String note = "x".repeat(400);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO booking VALUES (?, ?, ?)")) {
            for (int id = 0; id < ROWS; id++) {
                insert.setInt(1, id);
                insert.setLong(2, 0);
                insert.setString(3, note);
                insert.executeUpdate();
            }
        }
        long sum = 0;
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE booking SET amount = amount + ? WHERE id = ?")) {
            for (int i = 0; i < UPDATES; i++) {
                update.setLong(1, i);
                update.setInt(2, (i * 7919) % ROWS);
                update.executeUpdate();
                sum += i;
            }
        }
        return sum;
    }

    private static void insertUntilStopped(String url, AtomicBoolean stop, AtomicInteger inserted,
                                           AtomicReference<Throwable> failed) {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO meanwhile (note) VALUES (?)")) {
            while (!stop.get()) {
                insert.setString(1, "booked while compacting");
                insert.executeUpdate();
                inserted.incrementAndGet();
            }
        } catch (SQLException | RuntimeException e) {
            failed.set(e);
        }
    }

    private static MVStore mvStore(Connection connection) throws SQLException {
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        return session.getDatabase().getStore().getMvStore();
    }
}
