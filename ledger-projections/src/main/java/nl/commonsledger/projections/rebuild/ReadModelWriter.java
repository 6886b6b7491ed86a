package nl.commonsledger.projections.rebuild;

import nl.commonsledger.core.allocation.AllocationKeyVersion;
import nl.commonsledger.core.money.MinorUnits;
import nl.commonsledger.core.project.ContributionStatus;
import nl.commonsledger.core.project.ProjectEvent.SettlementRecorded;
import nl.commonsledger.core.rate.RateCardVersion;
import nl.commonsledger.projections.generation.Generation;
import nl.commonsledger.projections.ledger.BalanceBuckets;
import nl.commonsledger.projections.ledger.ContributionInsert;
import nl.commonsledger.projections.ledger.LedgerStore;
import nl.commonsledger.projections.ledger.ReadModelRows;
import nl.commonsledger.core.project.ProjectTerms;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Writes projects' images into a generation of read-model tables that does not serve, in large JDBC
 * batches, each batch in a transaction of its own: nobody reads these tables until the rebuild
 * switches to them, so they need not appear all at once, only completely before the switch.
 *
 * <p>These are the tables of {@code LedgerProjector} (other read models are rebuilt through their own
 * handlers, {@link HandlerReplay}). The rows are the ones the live projector would have written for the same events: the same
 * columns, figures from the replay under the final terms (rule 4), a reversed contribution at the
 * value it had when reversed and with no allocation, and per-quarter balance totals summed from the
 * same figures.
 */
public final class ReadModelWriter {

    private static final int BATCH = 50_000;

    private final JdbcTemplate jdbc;
    private final LedgerStore store;
    private final TransactionOperations transactions;

    public ReadModelWriter(JdbcTemplate jdbc, LedgerStore store, TransactionOperations transactions) {
        this.jdbc = jdbc;
        this.store = store;
        this.transactions = transactions;
    }

    /** Writes every image; {@code written} hears the number of rows after each batch. */
    public void write(Generation g, Iterable<ProjectImage> images, LongConsumer written) {
        Batches batches = new Batches(g, written);
        for (ProjectImage image : images) {
            if (image.created != null) {
                write(image, batches);
            }
        }
        batches.flush();
    }

    private void write(ProjectImage image, Batches out) {
        LedgerReplay replay = image.replay();
        String projectId = image.created.projectId();
        ProjectTerms terms = replay.terms();
        int scale = terms.scale();
        LocalDate createdOn = image.created.recordedAt().atZone(ZoneId.of(image.created.timeZone())).toLocalDate();
        out.add("INSERT INTO rm_project (project_id, name, currency, scale, time_zone, created_on, last_closed, "
                        + "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                projectId, image.created.name(), image.created.currency(), scale, image.created.timeZone(),
                Date.valueOf(createdOn), image.lastClosed, utc(image.created.recordedAt()));
        terms.members().forEach(m -> out.add("INSERT INTO rm_member (project_id, member_id, name, joined_on, left_on) "
                        + "VALUES (?, ?, ?, ?, ?)", projectId, m.memberId(), image.memberNames.get(m.memberId()),
                Date.valueOf(m.joinedOn()), date(m.leftOn())));
        for (AllocationKeyVersion v : terms.keys().versions()) {
            out.add(ReadModelRows.KEY_VERSION,
                    projectId, Date.valueOf(v.effectiveFrom()), v.method().name(), store.toJson(v.weights()));
        }
        for (RateCardVersion v : terms.rates().versions()) {
            out.add(ReadModelRows.RATE_VERSION,
                    projectId, Date.valueOf(v.effectiveFrom()), store.toJson(v.hourlyRates()));
        }

        BalanceBuckets buckets = new BalanceBuckets(projectId);
        Map<String, Figures> figures = replay.figures();
        // In the order of the primary keys, so that each table's tree grows at one edge and every page is
        // written once, instead of every commit rewriting pages all over a tree of random identifiers.
        List<Map.Entry<String, ProjectImage.ContributionRow>> byId = new ArrayList<>(image.contributions.entrySet());
        byId.sort(Map.Entry.comparingByKey());
        for (Map.Entry<String, ProjectImage.ContributionRow> entry : byId) {
            String id = entry.getKey();
            ProjectImage.ContributionRow row = entry.getValue();
            Contribution c = replay.contributions().get(id);
            Figures f = figures.get(id);
            out.add(ReadModelRows.CONTRIBUTION, new ContributionInsert(id, projectId, row.listPosition, c.memberId(),
                    c.kind(), c.amount() == null ? null : MinorUnits.toMinor(c.amount(), scale), c.hours(), c.role(),
                    c.date(), row.reference, row.description, ContributionStatus.of(c.reversed()), f.valueMinor(),
                    f.allocation(), row.recordedAt, row.recordedBy, row.updatedAt, row.updatedBy, row.events).parameters());
            if (!c.reversed()) {
                buckets.contribution(c.memberId(), c.kind(), c.date(), f.valueMinor(), f.allocation(), +1);
            }
        }
        for (ProjectImage.SettlementRow s : image.settlements) {
            SettlementRecorded e = s.event();
            long amount = MinorUnits.toMinor(e.amount(), scale);
            out.add(ReadModelRows.SETTLEMENT,
                    e.settlementId().toString(), projectId, s.listPosition(), e.from(), e.to(), amount,
                    Date.valueOf(e.date()), e.reference(), utc(e.recordedAt()), e.recordedBy());
            buckets.settlement(e.from(), e.to(), e.date(), amount);
        }
        buckets.asRows().forEach(row -> out.add(ReadModelRows.BALANCE_BUCKET, row));
    }

    /** Rows grouped by statement, sent as JDBC batches once enough have gathered. */
    private final class Batches {
        private final Generation g;
        private final LongConsumer written;
        private final Map<String, List<Object[]>> rows = new LinkedHashMap<>();
        private int pending;
        private long total;

        Batches(Generation g, LongConsumer written) {
            this.g = g;
            this.written = written;
        }

        void add(String sql, Object... values) {
            rows.computeIfAbsent(sql, s -> new ArrayList<>()).add(values);
            if (++pending >= BATCH) {
                flush();
            }
        }

        void flush() {
            if (pending == 0) {
                return;
            }
            transactions.executeWithoutResult(status ->
                    rows.forEach((sql, values) -> jdbc.batchUpdate(g.sql(sql), values)));
            total += pending;
            rows.clear();
            pending = 0;
            written.accept(total);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }
}
