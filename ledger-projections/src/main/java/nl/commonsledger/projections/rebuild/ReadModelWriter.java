package nl.commonsledger.projections.rebuild;

import nl.commonsledger.core.allocation.AllocationKeyVersion;
import nl.commonsledger.core.money.MinorUnits;
import nl.commonsledger.core.project.ContributionStatus;
import nl.commonsledger.core.project.ProjectEvent;
import nl.commonsledger.core.project.ProjectEvent.ContributionCorrected;
import nl.commonsledger.core.project.ProjectEvent.ContributionRecorded;
import nl.commonsledger.core.project.ProjectEvent.ContributionReversed;
import nl.commonsledger.core.project.ProjectEvent.ProjectCreated;
import nl.commonsledger.core.project.ProjectEvent.SettlementRecorded;
import nl.commonsledger.core.project.ProjectTerms;
import nl.commonsledger.core.rate.RateCardVersion;
import nl.commonsledger.projections.generation.Generation;
import nl.commonsledger.projections.ledger.BalanceBuckets;
import nl.commonsledger.projections.ledger.ContributionInsert;
import nl.commonsledger.projections.ledger.LedgerStore;
import nl.commonsledger.projections.ledger.ReadModelRows;
import nl.commonsledger.projections.replay.LedgerReplay;
import nl.commonsledger.projections.replay.LedgerReplay.Contribution;
import nl.commonsledger.projections.replay.LedgerReplay.Figures;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The second pass of a rebuild: writes the ledger's tables of a generation that does not serve, from
 * the events read again and the {@link ProjectImage}s of the first pass, in large JDBC batches, each
 * in a transaction of its own. Nobody reads these tables until the rebuild switches to them, so they
 * need not appear all at once, only completely before the switch. The batches go to a thread of their
 * own, so that reading the next events and writing the last ones use both cores.
 *
 * <p>These are the tables of {@code LedgerProjector} (other read models are rebuilt through their own
 * handlers, {@link HandlerReplay}). The rows are the ones the live projector would have written for
 * the same events: the same columns, figures as {@link LedgerReplay#figures(Contribution, ProjectTerms)}
 * gives them under the final terms (rule 4), a reversed contribution at the value it had when
 * reversed and with no allocation, and per-quarter balance totals summed from the same figures.
 */
public final class ReadModelWriter {

    private static final int BATCH = 20_000;

    private final JdbcTemplate jdbc;
    private final LedgerStore store;
    private final TransactionOperations transactions;

    public ReadModelWriter(JdbcTemplate jdbc, LedgerStore store, TransactionOperations transactions) {
        this.jdbc = jdbc;
        this.store = store;
        this.transactions = transactions;
    }

    /**
     * Starts the second pass over these projects' events; {@code written} hears the number of rows
     * written after each batch.
     */
    public Pass start(Generation g, Map<String, ProjectImage> images, LongConsumer written) {
        return new Pass(g, images, written);
    }

    /**
     * One second pass: hand it the events from the first on, in the order the first pass read them, then
     * {@link #finish}. Events of a project past what the first pass saw of it are passed over.
     */
    public final class Pass implements AutoCloseable {
        private final Map<String, ProjectImage> images;
        private final Map<String, ProjectRows> projects = new HashMap<>();
        private final Batches out;

        private Pass(Generation g, Map<String, ProjectImage> images, LongConsumer written) {
            this.images = images;
            this.out = new Batches(g, written);
        }

        public void accept(ProjectEvent event, long sequence) {
            ProjectImage image = images.get(event.projectId());
            if (image == null || image.created == null || sequence > image.lastSequence) {
                return;
            }
            projects.computeIfAbsent(event.projectId(), id -> new ProjectRows(image)).accept(event, sequence, out);
        }

        /** Writes each project's own rows and balance totals, and waits for every batch. */
        public void finish() {
            for (Map.Entry<String, ProjectImage> entry : images.entrySet()) {
                ProjectImage image = entry.getValue();
                if (image.created != null) {
                    ProjectRows rows = projects.computeIfAbsent(entry.getKey(), id -> new ProjectRows(image));
                    rows.finish(out);
                }
            }
            out.finish();
        }

        /** Stops the writer thread, also when the pass ends before {@link #finish} (a failed rebuild). */
        @Override
        public void close() {
            out.close();
        }
    }

    /** What a contribution row shows besides its figures and the fields the replay keeps. */
    private static final class ContributionRow {
        final long listPosition;
        final List<Long> events = new ArrayList<>(1);
        final Instant recordedAt;
        final String recordedBy;
        String reference;
        String description;
        Instant updatedAt;
        String updatedBy;

        ContributionRow(long listPosition, Instant recordedAt, String recordedBy) {
            this.listPosition = listPosition;
            this.recordedAt = recordedAt;
            this.recordedBy = recordedBy;
        }

        void touched(long sequence, Instant at, String by) {
            events.add(sequence);
            updatedAt = at;
            updatedBy = by;
        }
    }

    /** A contribution that a later event changes, held until its last one. */
    private record Held(Contribution contribution, ContributionRow row) {
    }

    /** One project's second pass: its terms as they stand at each event, the contributions held, its totals. */
    private final class ProjectRows {
        private final ProjectImage image;
        private final String projectId;
        private final int scale;
        /** The terms as they stand at the event being read: a reversal freezes its value under them. */
        private final ProjectTerms running = new ProjectTerms();
        private final Map<String, Held> held = new HashMap<>();
        private final BalanceBuckets buckets;

        ProjectRows(ProjectImage image) {
            this.image = image;
            this.projectId = image.created.projectId();
            this.scale = image.terms.scale();
            this.buckets = new BalanceBuckets(projectId);
        }

        void accept(ProjectEvent event, long sequence, Batches out) {
            if (running.apply(event)) {
                return;
            }
            if (event instanceof ContributionRecorded e) {
                ContributionRow row = new ContributionRow(sequence, e.recordedAt(), e.recordedBy());
                row.reference = e.reference();
                row.description = e.description();
                row.touched(sequence, e.recordedAt(), e.recordedBy());
                String id = e.contributionId().toString();
                Contribution c = LedgerReplay.recorded(e);
                if (image.lastChange.containsKey(id)) {
                    held.put(id, new Held(c, row));
                } else {
                    write(c, row, out);
                }
            } else if (event instanceof ContributionCorrected e) {
                String id = e.contributionId().toString();
                Held h = held.get(id);
                h.row.reference = e.reference();
                h.row.description = e.description();
                h.row.touched(sequence, e.recordedAt(), e.recordedBy());
                changed(id, sequence, new Held(LedgerReplay.corrected(h.contribution, e), h.row), out);
            } else if (event instanceof ContributionReversed e) {
                String id = e.contributionId().toString();
                Held h = held.get(id);
                h.row.touched(sequence, e.recordedAt(), e.recordedBy());
                changed(id, sequence, new Held(LedgerReplay.reversed(h.contribution, running), h.row), out);
            } else if (event instanceof SettlementRecorded e) {
                long amount = MinorUnits.toMinor(e.amount(), scale);
                out.add(ReadModelRows.SETTLEMENT,
                        e.settlementId().toString(), projectId, sequence, e.from(), e.to(), amount,
                        Date.valueOf(e.date()), e.reference(), utc(e.recordedAt()), e.recordedBy());
                buckets.settlement(e.from(), e.to(), e.date(), amount);
            }
        }

        /** Holds the changed contribution on, or writes it at its last change. */
        private void changed(String id, long sequence, Held now, Batches out) {
            if (image.lastChange.get(id) == sequence) {
                held.remove(id);
                write(now.contribution, now.row, out);
            } else {
                held.put(id, now);
            }
        }

        private void write(Contribution c, ContributionRow row, Batches out) {
            Figures f = LedgerReplay.figures(c, image.terms);
            out.add(ReadModelRows.CONTRIBUTION, new ContributionInsert(c.contributionId(), projectId, row.listPosition,
                    c.memberId(), c.kind(), c.amount() == null ? null : MinorUnits.toMinor(c.amount(), scale), c.hours(),
                    c.role(), c.date(), row.reference, row.description, ContributionStatus.of(c.reversed()),
                    f.valueMinor(), f.allocation(), row.recordedAt, row.recordedBy, row.updatedAt, row.updatedBy,
                    row.events).parameters());
            if (!c.reversed()) {
                buckets.contribution(c.memberId(), c.kind(), c.date(), f.valueMinor(), f.allocation(), +1);
            }
        }

        /** The project's own rows, under its final terms, and its balance totals. */
        void finish(Batches out) {
            if (!held.isEmpty()) {
                throw new IllegalStateException("the second pass of project " + projectId + " missed the last change of "
                        + held.keySet());
            }
            ProjectTerms terms = image.terms;
            ProjectCreated created = image.created;
            LocalDate createdOn = created.recordedAt().atZone(ZoneId.of(created.timeZone())).toLocalDate();
            out.add("INSERT INTO rm_project (project_id, name, currency, scale, time_zone, created_on, last_closed, "
                            + "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    projectId, created.name(), created.currency(), scale, created.timeZone(),
                    Date.valueOf(createdOn), image.lastClosed, utc(created.recordedAt()));
            terms.members().forEach(m -> out.add("INSERT INTO rm_member (project_id, member_id, name, joined_on, "
                            + "left_on) VALUES (?, ?, ?, ?, ?)", projectId, m.memberId(), image.memberNames.get(m.memberId()),
                    Date.valueOf(m.joinedOn()), date(m.leftOn())));
            for (AllocationKeyVersion v : terms.keys().versions()) {
                out.add(ReadModelRows.KEY_VERSION,
                        projectId, Date.valueOf(v.effectiveFrom()), v.method().name(), store.toJson(v.weights()));
            }
            for (RateCardVersion v : terms.rates().versions()) {
                out.add(ReadModelRows.RATE_VERSION,
                        projectId, Date.valueOf(v.effectiveFrom()), store.toJson(v.hourlyRates()));
            }
            buckets.asRows().forEach(row -> out.add(ReadModelRows.BALANCE_BUCKET, row));
        }
    }

    /**
     * Rows grouped by statement, sent as JDBC batches once enough have gathered, on a thread of their
     * own; at most two batches wait for it, after which the pass itself writes the next (so memory stays
     * bounded when the database is the slower side).
     */
    private final class Batches implements AutoCloseable {
        private final Generation g;
        private final LongConsumer written;
        private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(2), r -> {
            Thread t = new Thread(r, "read-model-rebuild-writer");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
        private final List<Future<?>> sent = new ArrayList<>();
        private Map<String, List<Object[]>> rows = new LinkedHashMap<>();
        private int pending;
        private long total;

        Batches(Generation g, LongConsumer written) {
            this.g = g;
            this.written = written;
        }

        void add(String sql, Object... values) {
            rows.computeIfAbsent(sql, s -> new ArrayList<>()).add(values);
            if (++pending >= BATCH) {
                send();
            }
        }

        private void send() {
            if (pending == 0) {
                return;
            }
            Map<String, List<Object[]>> batch = rows;
            int count = pending;
            rows = new LinkedHashMap<>();
            pending = 0;
            failFast();
            sent.removeIf(Future::isDone);
            sent.add(writer.submit(() -> {
                transactions.executeWithoutResult(status ->
                        batch.forEach((sql, values) -> jdbc.batchUpdate(g.sql(sql), values)));
                synchronized (this) {
                    total += count;
                    written.accept(total);
                }
            }));
        }

        /** Sends what is left and waits for every batch; the first failure is rethrown. */
        void finish() {
            send();
            for (Future<?> f : sent) {
                await(f);
            }
        }

        private void failFast() {
            for (Future<?> f : sent) {
                if (f.isDone()) {
                    await(f);
                }
            }
        }

        private void await(Future<?> f) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing the read models", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }

        @Override
        public void close() {
            writer.shutdownNow();
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }
}
