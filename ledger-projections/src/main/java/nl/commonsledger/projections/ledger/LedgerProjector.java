package nl.commonsledger.projections.ledger;

import nl.commonsledger.core.allocation.AllocationKeyVersion;
import nl.commonsledger.core.money.CurrencyScale;
import nl.commonsledger.core.money.MinorUnits;
import nl.commonsledger.core.project.ContributionKind;
import nl.commonsledger.core.project.ContributionStatus;
import nl.commonsledger.core.project.ProjectEvent.AllocationKeyVersionSet;
import nl.commonsledger.core.project.ProjectEvent.ContributionCorrected;
import nl.commonsledger.core.project.ProjectEvent.ContributionRecorded;
import nl.commonsledger.core.project.ProjectEvent.ContributionReversed;
import nl.commonsledger.core.project.ProjectEvent.MemberJoined;
import nl.commonsledger.core.project.ProjectEvent.MemberLeft;
import nl.commonsledger.core.project.ProjectEvent.PeriodClosed;
import nl.commonsledger.core.project.ProjectEvent.ProjectCreated;
import nl.commonsledger.core.project.ProjectEvent.RateCardVersionSet;
import nl.commonsledger.core.project.ProjectEvent.SettlementRecorded;
import nl.commonsledger.core.project.ProjectTerms;
import nl.commonsledger.projections.generation.Generation;
import nl.commonsledger.projections.generation.ReadModelTables;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
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
import java.util.SortedMap;

import static nl.commonsledger.projections.ledger.LedgerStore.sqlDate;

/**
 * Keeps every read model of the ledger: projects, members, terms, contributions with their value and
 * allocation, settlements and closed periods. One handler class for one processing group, so that
 * the tables that depend on each other (a contribution's allocation on the members and key) are
 * updated in event order within one transaction, together with the processor's token.
 *
 * <p>Rule 4: a join, leave, key version or rate version dated in the past re-values and re-divides
 * every effective contribution from that date on ({@link #recompute}).
 *
 * <p>New contributions, by far the most frequent event (an import brings thousands at once), are not
 * written one by one: within a processor's batch their rows wait in {@link Pending} and go to the
 * database as one JDBC batch, with the balance totals of the whole batch summed per bucket, when the
 * batch commits or before any other event is handled (which may read them). The project's terms
 * are read once per batch and read again only after an event that changes them.
 */
@Component
@ProcessingGroup(LedgerProjector.PROCESSING_GROUP)
public class LedgerProjector {

    public static final String PROCESSING_GROUP = "ledger";

    private static final String PENDING = LedgerProjector.class.getName() + ".pending";

    private final LedgerStore store;
    private final JdbcTemplate jdbc;
    private final ReadModelTables tables;

    public LedgerProjector(LedgerStore store) {
        this.store = store;
        this.jdbc = store.jdbc();
        this.tables = new ReadModelTables(jdbc);
    }

    @EventHandler
    void on(ProjectCreated e) {
        Generation g = writeFirst();
        LocalDate createdOn = e.recordedAt().atZone(ZoneId.of(e.timeZone())).toLocalDate();
        jdbc.update(g.sql("INSERT INTO rm_project (project_id, name, currency, scale, time_zone, created_on, recorded_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)"),
                e.projectId(), e.name(), e.currency(), CurrencyScale.of(e.currency()).orElseThrow(), e.timeZone(),
                sqlDate(createdOn), utc(e.recordedAt()));
    }

    @EventHandler
    void on(MemberJoined e) {
        Generation g = writeFirst();
        ProjectTerms terms = store.terms(g, e.projectId());
        jdbc.update(g.sql("INSERT INTO rm_member (project_id, member_id, name, joined_on) VALUES (?, ?, ?, ?)"),
                e.projectId(), e.memberId(), e.name(), sqlDate(e.joinedOn()));
        // Under a WEIGHTED key the join is followed by one key-version event for every version that
        // weighs the new member (the one dated joinedOn and every later WEIGHTED one). Until all of
        // them have arrived the stored key would lack the member's weight from some date on, so the
        // versions the join implies are written now, by the same rule the aggregate applied; the
        // events that follow then restate stored versions and change nothing.
        for (AllocationKeyVersion v : terms.keyVersionsForJoin(e.memberId(), e.joinedOn(), e.weight())) {
            writeKeyVersion(g, e.projectId(), v);
            terms.apply(new AllocationKeyVersionSet(e.projectId(), v.effectiveFrom(), v.method(), v.weights(),
                    e.recordedBy(), e.recordedAt()));
        }
        terms.apply(e);
        recompute(g, e.projectId(), e.joinedOn(), terms);
    }

    @EventHandler
    void on(MemberLeft e) {
        Generation g = writeFirst();
        ProjectTerms terms = store.terms(g, e.projectId());
        terms.apply(e);
        jdbc.update(g.sql("UPDATE rm_member SET left_on = ? WHERE project_id = ? AND member_id = ?"),
                sqlDate(e.leftOn()), e.projectId(), e.memberId());
        recompute(g, e.projectId(), e.leftOn().plusDays(1), terms);
    }

    @EventHandler
    void on(AllocationKeyVersionSet e) {
        Generation g = writeFirst();
        ProjectTerms terms = store.terms(g, e.projectId());
        AllocationKeyVersion version = new AllocationKeyVersion(e.effectiveFrom(), e.method(), e.weights());
        boolean inForce = terms.keys().datedOn(e.effectiveFrom()).filter(version::sameKeyAs).isPresent();
        terms.apply(e);
        writeKeyVersion(g, e.projectId(), version);
        if (!inForce) {
            // A version already in force (written with the join that caused it) changes no figure.
            recompute(g, e.projectId(), e.effectiveFrom(), terms);
        }
    }

    private void writeKeyVersion(Generation g, String projectId, AllocationKeyVersion v) {
        jdbc.update(g.sql("DELETE FROM rm_key_version WHERE project_id = ? AND effective_from = ?"),
                projectId, sqlDate(v.effectiveFrom()));
        jdbc.update(g.sql(ReadModelRows.KEY_VERSION),
                projectId, sqlDate(v.effectiveFrom()), v.method().name(), store.toJson(v.weights()));
    }

    @EventHandler
    void on(RateCardVersionSet e) {
        Generation g = writeFirst();
        ProjectTerms terms = store.terms(g, e.projectId());
        terms.apply(e);
        jdbc.update(g.sql("DELETE FROM rm_rate_version WHERE project_id = ? AND effective_from = ?"),
                e.projectId(), sqlDate(e.effectiveFrom()));
        jdbc.update(g.sql(ReadModelRows.RATE_VERSION),
                e.projectId(), sqlDate(e.effectiveFrom()), store.toJson(e.hourlyRates()));
        recompute(g, e.projectId(), e.effectiveFrom(), terms);
    }

    @EventHandler
    void on(ContributionRecorded e, @SequenceNumber Long sequence) {
        Pending pending = pending();
        ProjectTerms terms = pending.terms(e.projectId());
        Long amountMinor = minor(e.amount(), terms.scale());
        long value = terms.valueMinor(e.kind(), amountMinor, e.hours(), e.role(), e.date());
        SortedMap<String, Long> shares = terms.allocate(value, e.date());
        String id = e.contributionId().toString();
        pending.contributions.add(new Object[]{id, e.projectId(), sequence, e.memberId(), e.kind().name(), amountMinor,
                e.hours(), e.role(), sqlDate(e.date()), e.reference(), e.description(), ContributionStatus.EFFECTIVE.name(),
                value,
                AllocationColumn.write(shares), utc(e.recordedAt()), e.recordedBy(), utc(e.recordedAt()),
                e.recordedBy()});
        pending.events.add(new Object[]{id, sequence});
        pending.buckets(e.projectId()).contribution(e.memberId(), e.kind(), e.date(), value, shares, +1);
        if (!CurrentUnitOfWork.isStarted()) {
            pending.write();
        }
    }

    @EventHandler
    void on(ContributionCorrected e, @SequenceNumber Long sequence) {
        Generation g = writeFirst();
        BalanceBuckets buckets = new BalanceBuckets(e.projectId());
        String memberId = takeOut(g, e.contributionId().toString(), buckets);
        ProjectTerms terms = store.terms(g, e.projectId());
        Long amountMinor = minor(e.amount(), terms.scale());
        long value = terms.valueMinor(e.kind(), amountMinor, e.hours(), e.role(), e.date());
        SortedMap<String, Long> shares = terms.allocate(value, e.date());
        jdbc.update(g.sql("UPDATE rm_contribution SET kind = ?, amount_minor = ?, hours = ?, role = ?, business_date = ?, "
                        + "reference = ?, description = ?, value_minor = ?, allocation = ?, updated_at = ?, updated_by = ? "
                        + "WHERE contribution_id = ?"),
                e.kind().name(), amountMinor, e.hours(), e.role(), sqlDate(e.date()), e.reference(), e.description(),
                value, AllocationColumn.write(shares), utc(e.recordedAt()), e.recordedBy(),
                e.contributionId().toString());
        rememberEvent(g, e.contributionId().toString(), sequence);
        buckets.contribution(memberId, e.kind(), e.date(), value, shares, +1);
        buckets.writeTo(jdbc, g);
    }

    @EventHandler
    void on(ContributionReversed e, @SequenceNumber Long sequence) {
        Generation g = writeFirst();
        // A reversed contribution keeps its value for information and allocates nothing (rule 6).
        BalanceBuckets buckets = new BalanceBuckets(e.projectId());
        takeOut(g, e.contributionId().toString(), buckets);
        buckets.writeTo(jdbc, g);
        jdbc.update(g.sql("UPDATE rm_contribution SET status = ?, allocation = '', updated_at = ?, "
                        + "updated_by = ? WHERE contribution_id = ?"),
                ContributionStatus.REVERSED.name(), utc(e.recordedAt()), e.recordedBy(), e.contributionId().toString());
        rememberEvent(g, e.contributionId().toString(), sequence);
    }

    @EventHandler
    void on(SettlementRecorded e, @SequenceNumber Long sequence) {
        Generation g = writeFirst();
        int scale = store.scaleOf(g, e.projectId());
        jdbc.update(g.sql(ReadModelRows.SETTLEMENT),
                e.settlementId().toString(), e.projectId(), sequence, e.from(), e.to(), minor(e.amount(), scale),
                sqlDate(e.date()), e.reference(), utc(e.recordedAt()), e.recordedBy());
        BalanceBuckets buckets = new BalanceBuckets(e.projectId());
        buckets.settlement(e.from(), e.to(), e.date(), minor(e.amount(), scale));
        buckets.writeTo(jdbc, g);
    }

    @EventHandler
    void on(PeriodClosed e) {
        Generation g = writeFirst();
        jdbc.update(g.sql(ReadModelRows.PERIOD),
                e.projectId(), e.period().toString(), e.eventCount(), e.digest(), utc(e.recordedAt()));
        jdbc.update(g.sql("UPDATE rm_project SET last_closed = ? WHERE project_id = ?"), e.period().toString(), e.projectId());
    }

    /**
     * Whether this event's rows wait for the batch (a new contribution), instead of being written by
     * its handler. Its handler writes nothing to the database, so a failure leaves nothing to roll back.
     */
    public static boolean writtenWithTheBatch(Object event) {
        return event instanceof ContributionRecorded;
    }

    /**
     * Writes the rows that earlier events of this unit of work left pending. Called before every
     * event but a new contribution, since those handlers read and change what is pending; and by the
     * processor's savepoint before it opens one, so that a failing event rolls back its own writes only.
     */
    public void writePending() {
        Pending pending = existingPending();
        if (pending != null) {
            pending.write();
        }
    }

    /** Writes what is pending, and forgets the cached terms (the event about to be handled may change them). */
    private Generation writeFirst() {
        Pending pending = existingPending();
        if (pending != null) {
            pending.write();
            pending.terms.clear();
        }
        return tables.writing();
    }

    private Pending existingPending() {
        return CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().root().getResource(PENDING) : null;
    }

    private Pending pending() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new Pending(tables.writing());
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Pending pending = root.getResource(PENDING);
        if (pending == null) {
            pending = new Pending(tables.writing());
            root.resources().put(PENDING, pending);
            Pending created = pending;
            root.onPrepareCommit(u -> created.write());
        }
        return pending;
    }

    /** New contributions of one unit of work, not yet written. */
    private final class Pending {
        private final Generation g;
        private final Map<String, ProjectTerms> terms = new HashMap<>();
        private final List<Object[]> contributions = new ArrayList<>();
        private final List<Object[]> events = new ArrayList<>();
        private final Map<String, BalanceBuckets> buckets = new LinkedHashMap<>();

        Pending(Generation g) {
            this.g = g;
        }

        ProjectTerms terms(String projectId) {
            return terms.computeIfAbsent(projectId, p -> store.terms(g, p));
        }

        BalanceBuckets buckets(String projectId) {
            return buckets.computeIfAbsent(projectId, BalanceBuckets::new);
        }

        void write() {
            if (contributions.isEmpty()) {
                return;
            }
            jdbc.batchUpdate(g.sql(ReadModelRows.CONTRIBUTION), contributions);
            jdbc.batchUpdate(g.sql(ReadModelRows.CONTRIBUTION_EVENT),
                    events);
            buckets.values().forEach(b -> b.writeTo(jdbc, g));
            contributions.clear();
            events.clear();
            buckets.clear();
        }
    }

    /** Rule 4: re-value and re-divide every effective contribution dated on or after {@code from}. */
    private void recompute(Generation g, String projectId, LocalDate from, ProjectTerms terms) {
        List<Object[]> changed = new ArrayList<>();
        // The old figures come out of the balance buckets, the new ones go in.
        BalanceBuckets buckets = new BalanceBuckets(projectId);
        jdbc.query(g.sql("SELECT contribution_id, kind, amount_minor, hours, role, business_date, member_id, value_minor, "
                        + "allocation FROM rm_contribution "
                        + "WHERE project_id = ? AND status = ? AND business_date >= ?"),
                rs -> {
                    ContributionKind kind = ContributionKind.valueOf(rs.getString(2));
                    long amount = rs.getLong(3);
                    Long amountMinor = rs.wasNull() ? null : amount;
                    LocalDate date = rs.getObject(6, LocalDate.class);
                    long value = terms.valueMinor(kind, amountMinor, rs.getBigDecimal(4), rs.getString(5), date);
                    SortedMap<String, Long> shares = terms.allocate(value, date);
                    buckets.contribution(rs.getString(7), kind, date, rs.getLong(8),
                            AllocationColumn.read(rs.getString(9)), -1);
                    buckets.contribution(rs.getString(7), kind, date, value, shares, +1);
                    changed.add(new Object[]{value, AllocationColumn.write(shares), rs.getString(1)});
                },
                projectId, ContributionStatus.EFFECTIVE.name(), sqlDate(from));
        if (changed.isEmpty()) {
            return;
        }
        buckets.writeTo(jdbc, g);
        jdbc.batchUpdate(g.sql("UPDATE rm_contribution SET value_minor = ?, allocation = ? WHERE contribution_id = ?"),
                changed);
    }

    /**
     * Takes an effective contribution's current figures out of the balance buckets, before it is
     * corrected or reversed. Returns its member.
     */
    private String takeOut(Generation g, String contributionId, BalanceBuckets buckets) {
        Map<String, Object> row = jdbc.queryForMap(g.sql("SELECT member_id, kind, business_date, value_minor, status, "
                + "allocation FROM rm_contribution WHERE contribution_id = ?"), contributionId);
        String memberId = (String) row.get("member_id");
        if (ContributionStatus.valueOf((String) row.get("status")) == ContributionStatus.EFFECTIVE) {
            LocalDate date = ((java.sql.Date) row.get("business_date")).toLocalDate();
            buckets.contribution(memberId, ContributionKind.valueOf((String) row.get("kind")), date,
                    ((Number) row.get("value_minor")).longValue(), AllocationColumn.read((String) row.get("allocation")),
                    -1);
        }
        return memberId;
    }

    private void rememberEvent(Generation g, String contributionId, long sequence) {
        jdbc.update(g.sql(ReadModelRows.CONTRIBUTION_EVENT),
                contributionId, sequence);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Long minor(BigDecimal amount, int scale) {
        return amount == null ? null : MinorUnits.toMinor(amount, scale);
    }
}
