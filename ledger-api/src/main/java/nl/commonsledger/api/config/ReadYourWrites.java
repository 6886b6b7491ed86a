package nl.commonsledger.api.config;

import nl.commonsledger.projections.ledger.LedgerProjector;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;

/**
 * Read-your-writes for a client that books and then reads. Read models are kept by a tracking
 * (streaming) processor, after the command's commit, so a write is visible only once the processor
 * has passed it. A write therefore notes the head of the event store before and after its command
 * ({@link #head()}), and before answering waits until the processor's committed tokens cover that
 * window ({@link #awaitProjection}). The tokens are read from the token table, which commits in the
 * same transaction as the read models, so "covered" means "visible", on any instance.
 *
 * <p>A waiting request checks again as soon as this instance's ledger processor commits a batch
 * ({@link #projectionCommitted}), and every few milliseconds besides, for a processor that runs on
 * another instance.
 *
 * <p>The wait is bounded: if the projection is stuck, the client gets its answer after the bound
 * instead of hanging (its write is durable either way, and is answered as stored but pending), and
 * the delay is logged.
 */
@Component
public class ReadYourWrites {

    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);
    private static final long BOUND_MS = 10_000;
    private static final long POLL_MS = 5;
    private static final long HOUSEKEEPING_POLL_MS = 50;

    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final String tokensSql;
    private final String lastStoredSql;
    private final String storedAtSql;
    /** How many batches this instance's ledger processor has committed; guarded by this. */
    private long commits;

    public ReadYourWrites(EventStore eventStore, JdbcTemplate jdbc, @Qualifier("serializer") Serializer serializer,
                          EventSchema events, TokenSchema tokens) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.serializer = serializer;
        // The tables and columns as the storage engine and token store are configured with them.
        this.tokensSql = "SELECT " + tokens.tokenColumn() + ", " + tokens.tokenTypeColumn() + " FROM "
                + tokens.tokenTable() + " WHERE " + tokens.processorNameColumn() + " = ?";
        this.lastStoredSql = "SELECT MAX(" + events.globalIndexColumn() + ") FROM " + events.domainEventTable()
                + " WHERE " + events.globalIndexColumn() + " > ? AND " + events.globalIndexColumn() + " <= ?";
        this.storedAtSql = "SELECT COUNT(*) FROM " + events.domainEventTable() + " WHERE " + events.globalIndexColumn()
                + " IN (";
    }

    /** The global index of the newest stored event, or -1 for an empty store. */
    public long head() {
        TrackingToken token = eventStore.createHeadToken();
        return token == null ? -1 : token.position().orElse(-1);
    }

    /**
     * The lowest position the ledger processor's segments have committed (the read models hold every
     * event up to it), or -1 if it has none yet.
     */
    public long projectedPosition() {
        List<TrackingToken> tokens = ledgerTokens();
        return tokens.isEmpty() || tokens.contains(null) ? -1
                : tokens.stream().mapToLong(t -> t.position().orElse(-1)).min().orElse(-1);
    }

    private synchronized long commitsSeen() {
        return commits;
    }

    /** Called after each commit of the ledger processor in this instance: the waiting requests check at once. */
    public synchronized void projectionCommitted() {
        commits++;
        notifyAll();
    }

    /**
     * Waits until every event with a global index in (before, after] is in the read models. Returns
     * whether they are; false after the bound.
     */
    public boolean awaitProjection(long before, long after) {
        if (after <= before) {
            return true;
        }
        long start = System.currentTimeMillis();
        long deadline = start + BOUND_MS;
        int polls = 0;
        long seen = commitsSeen();
        while (!covered(before, after)) {
            polls++;
            if (System.currentTimeMillis() > deadline) {
                log.warn("Read models are more than {} ms behind event {}; answering that the write is pending",
                        BOUND_MS, after);
                return false;
            }
            synchronized (this) {
                try {
                    // A commit since the last check is reason enough to check again at once.
                    if (commits == seen) {
                        wait(POLL_MS);
                    }
                    seen = commits;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        log.debug("Read models passed event {} after {} ms ({} polls)", after, System.currentTimeMillis() - start, polls);
        return true;
    }

    /**
     * Waits, at most the bound, until the ledger processor has reached the event store's head as it is
     * now. For housekeeping that should not take the CPU from the projection that readers and writers
     * are waiting for (a snapshot after a bulk import loads and writes the project's whole state); it
     * asks rarely, being in no hurry.
     */
    public void awaitCaughtUp() {
        long head = head();
        long deadline = System.currentTimeMillis() + BOUND_MS;
        try {
            while (projectedPosition() < head && System.currentTimeMillis() < deadline) {
                Thread.sleep(HOUSEKEEPING_POLL_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<TrackingToken> ledgerTokens() {
        return jdbc.query(tokensSql,
                (rs, i) -> {
                    byte[] data = rs.getBytes(1);
                    return data == null ? null : (TrackingToken) serializer.deserialize(
                            new SimpleSerializedObject<>(data, byte[].class, rs.getString(2), null));
                },
                LedgerProjector.PROCESSING_GROUP);
    }

    /**
     * Whether every event stored in (before, after] is in the read models. Only stored events count:
     * an index that a failed append used up stays a gap in the token forever, and must not be waited for.
     */
    private boolean covered(long before, long after) {
        // One number, not every index: a bulk import stores thousands of events in one window.
        Long last = jdbc.queryForObject(lastStoredSql, Long.class, before, after);
        if (last == null) {
            return true;
        }
        List<TrackingToken> tokens = ledgerTokens();
        if (tokens.isEmpty()) {
            return false;
        }
        for (TrackingToken token : tokens) {
            GapAwareTrackingToken position = WrappedToken.unwrap(token, GapAwareTrackingToken.class).orElse(null);
            if (Objects.isNull(position) || position.getIndex() < last || storedIn(position.getGaps(), before, last)) {
                return false;
            }
        }
        return true;
    }

    /** Whether an event of (before, last] is stored at one of the token's gaps (not yet projected). */
    private boolean storedIn(SortedSet<Long> gaps, long before, long last) {
        List<Long> window = gaps.subSet(before + 1, last + 1).stream().toList();
        if (window.isEmpty()) {
            return false;
        }
        Integer n = jdbc.queryForObject(storedAtSql
                + String.join(",", Collections.nCopies(window.size(), "?")) + ")", Integer.class,
                window.toArray());
        return n != null && n > 0;
    }
}
