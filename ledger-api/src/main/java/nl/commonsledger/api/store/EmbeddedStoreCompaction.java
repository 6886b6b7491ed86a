package nl.commonsledger.api.store;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Gives the embedded (H2 file) store's dead pages back to the disk while the service runs.
 *
 * <p>Why it is needed: H2's MVStore never changes a page in place; each commit writes the pages it
 * touched as a new chunk, and the older copies become dead space. H2 reclaims it in its background
 * writer, but that thread only runs with a write delay, and the service commits with
 * {@code WRITE_DELAY=0} so that nothing acknowledged is lost on kill -9. Without this task the file
 * only ever grew (a 100,000-row import left 285 MB of which 52 MB were live).
 *
 * <p>What it does: every {@code ledger.store.compaction.check-every} it looks at the file, and once
 * the store has been quiet (hardly written) for {@code ledger.store.compaction.idle-after} and the
 * file is more than twice its live pages, it rewrites the chunks with the fewest live pages into new
 * ones and moves chunks down into the holes, so that the file's end can be cut off, in steps, for at
 * most {@code ledger.store.compaction.idle-pass}. These are the MVStore's own operations, the ones
 * its background writer and its file compaction use; a step holds the store's lock only for its own
 * writes, so a booking that arrives meanwhile waits at most one step. While the store is busy, each
 * check takes one small step instead (1 MB rewritten, 4 MB moved), as H2's own housekeeping does
 * under load. Chunks without live pages are reused after 5 s instead of H2's 45 s, during a pass too
 * (a booking may commit during it); that slows the growth under a stream of bookings (about a third
 * of what it was) but does not bound it. A normal shutdown defragments the file completely
 * ({@code DEFRAG_ALWAYS} in the URL).
 *
 * <p>Only on the embedded store: PostgreSQL reclaims its own space (autovacuum). On a thread of its
 * own, started and stopped with the service (before the connection pool closes).
 */
@Component
@ConditionalOnExpression("'${spring.datasource.url:}'.startsWith('jdbc:h2:file:')")
public class EmbeddedStoreCompaction implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreCompaction.class);

    /** A file this small is not worth compacting (H2's own minimum chunk housekeeping is similar). */
    private static final long SMALL_FILE = 16L << 20;
    /** Bytes of live pages one step rewrites, and bytes of chunks it moves. */
    private static final int STEP_BYTES = 16 << 20;
    /** Percent of the file in chunks, and of their pages alive, at which a pass stops. */
    private static final int DENSE = 90;
    /** Writes to the file between two checks that still count as quiet (a token claim now and then). */
    private static final long IDLE_WRITES = 20;
    /**
     * How long a chunk that no longer holds live pages is kept before its space is reused, while the
     * service runs (H2 keeps them 45 s). Safe because each check syncs the file when it was written:
     * the chunks that made an old one dead are on the disk long before its space is written again.
     */
    private static final int RETENTION_MS = 5_000;
    /** Live bytes one step under load rewrites, and bytes of chunks it moves: small, for the lock is the bookings' too. */
    private static final int BUSY_REWRITE_BYTES = 1 << 20;
    private static final int BUSY_MOVE_BYTES = 4 << 20;

    private final DataSource dataSource;
    private final Duration checkEvery;
    private final long idleAfterNanos;
    private final long idlePassNanos;
    private volatile ScheduledExecutorService thread;

    /** The database's store, found once through a pool connection; the checks then need none. */
    private MVStore openStore;
    private long writesAtLastCheck = -1;
    private long quietSinceNanos = System.nanoTime();

    public EmbeddedStoreCompaction(DataSource dataSource,
                                   @Value("${ledger.store.compaction.check-every:1s}") Duration checkEvery,
                                   @Value("${ledger.store.compaction.idle-after:30s}") Duration idleAfter,
                                   @Value("${ledger.store.compaction.idle-pass:20s}") Duration idlePass) {
        this.dataSource = dataSource;
        this.checkEvery = checkEvery;
        this.idleAfterNanos = idleAfter.toNanos();
        this.idlePassNanos = idlePass.toNanos();
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "store-compaction");
            t.setDaemon(true);
            return t;
        });
        long every = checkEvery.toMillis();
        executor.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
        thread = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = thread;
        thread = null;
        if (executor != null) {
            executor.shutdown();
            try {
                // The pass in progress ends after its current step (a second or two); shutdown waits.
                executor.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    void check() {
        try {
            MVStore store = mvStore();
            if (store == null || store.isClosed()) {
                return;
            }
            FileStore<?> file = store.getFileStore();
            long writes = file.getWriteCount();
            long now = System.nanoTime();
            if (writes != writesAtLastCheck) {
                file.sync();
            }
            boolean busy = writesAtLastCheck < 0 || writes - writesAtLastCheck > IDLE_WRITES;
            if (busy) {
                quietSinceNanos = now;
            }
            writesAtLastCheck = writes;
            if (!worthCompacting(file)) {
                return;
            }
            if (busy) {
                // Under a stream of writes: a small step each check, as H2's own housekeeping would take.
                step(store, BUSY_REWRITE_BYTES, BUSY_MOVE_BYTES);
                return;
            }
            if (now - quietSinceNanos < idleAfterNanos) {
                return;
            }
            log.debug("Compacting the embedded store: {} KB, about {} KB of it live",
                    file.size() >> 10, liveBytes(file) >> 10);
            Result result = compact(store, idlePassNanos, this::isRunning);
            writesAtLastCheck = file.getWriteCount();
            log.info("Compacted the embedded store from {} KB to {} KB in {} ms",
                    result.bytesBefore() >> 10, result.bytesAfter() >> 10, result.took().toMillis());
        } catch (RuntimeException | SQLException e) {
            // Compaction is housekeeping: a failure leaves the store as large as it was, never wrong.
            log.warn("Could not compact the embedded store: {}", e.toString());
        }
    }

    /** What one compaction did: the file's size before and after, and how long it took. */
    public record Result(long bytesBefore, long bytesAfter, int steps, Duration took) {
    }

    /**
     * Compacts in steps until the file is dense or {@code forNanos} has passed (at least one step).
     * Dense: nine tenths of the file in chunks, nine tenths of their pages alive.
     * Public for the test, which calls it directly instead of waiting for idleness.
     */
    public static Result compact(MVStore store, long forNanos) {
        return compact(store, forNanos, () -> true);
    }

    private static Result compact(MVStore store, long forNanos, BooleanSupplier goOn) {
        FileStore<?> file = store.getFileStore();
        long start = System.nanoTime();
        long before = file.size();
        int steps = 0;
        // The retention stays as it is (never 0, as H2's own file compaction sets it when it has the
        // store to itself): with a booking committing meanwhile, a chunk it has just written must not
        // be moved or overwritten; H2 checks that only with assertions on (a test run found it).
        store.setRetentionTime(RETENTION_MS);
        do {
            boolean rewritten = step(store, STEP_BYTES, STEP_BYTES);
            steps++;
            if (!rewritten && file.getFillRate() >= DENSE) {
                break;
            }
        } while (System.nanoTime() - start < forNanos && goOn.getAsBoolean());
        return new Result(before, file.size(), steps, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * One step, in the order of H2's own file compaction: rewrite the live pages of the sparsest chunks
     * (up to {@code rewriteBytes}), sync, then move up to {@code moveBytes} of chunks from the file's
     * end into its holes and cut the end off. Returns whether any chunk was rewritten.
     */
    private static boolean step(MVStore store, int rewriteBytes, int moveBytes) {
        boolean rewritten = store.compact(DENSE, rewriteBytes);
        store.getFileStore().sync();
        ((RandomAccessStore) store.getFileStore()).compactMoveChunks(100, moveBytes, store);
        return rewritten;
    }

    /** The file is more than twice the size of its live pages. */
    static boolean worthCompacting(FileStore<?> file) {
        long size = file.size();
        return size > SMALL_FILE && liveBytes(file) * 2 < size;
    }

    /** An estimate: the share of the file in chunks, times the share of those chunks' pages alive. */
    static long liveBytes(FileStore<?> file) {
        return file.size() / 100 * file.getFillRate() / 100 * file.getChunksFillRate();
    }

    /** The store, with the service's retention set; looked up again only if it was closed. */
    private MVStore mvStore() throws SQLException {
        if (openStore != null && !openStore.isClosed()) {
            return openStore;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isWrapperFor(JdbcConnection.class)) {
                return null;
            }
            Object session = connection.unwrap(JdbcConnection.class).getSession();
            openStore = session instanceof SessionLocal local ? local.getDatabase().getStore().getMvStore() : null;
        }
        if (openStore != null) {
            openStore.setRetentionTime(RETENTION_MS);
        }
        return openStore;
    }
}
