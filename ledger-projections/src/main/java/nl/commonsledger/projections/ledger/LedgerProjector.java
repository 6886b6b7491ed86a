package nl.commonsledger.projections.ledger;

import nl.commonsledger.core.allocation.AllocationKeyVersion;
import nl.commonsledger.core.money.CurrencyScale;
import nl.commonsledger.core.money.MinorUnits;
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
import nl.commonsledger.projections.generation.ReadModel;
import nl.commonsledger.projections.generation.ReadModelTables;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The ledger's own read models: projects, members, terms, contributions with their value and
 * allocation, settlements and the per-quarter balance totals. One handler class for the tables that
 * depend on each other (a contribution's allocation on the members and key), so that they change in
 * event order; their SQL is {@link LedgerTables}'. Like every {@link ReadModel} it runs in the
 * ledger's processing group, and commits with the processor's token. A rebuild does not replay these
 * handlers: it folds each project's terms, reads the events again and writes these tables in bulk
 * ({@code rebuild/ReadModelWriter}).
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
public class LedgerProjector implements ReadModel {

    public static final String PROCESSING_GROUP = "ledger";

    private static final String PENDING = LedgerProjector.class.getName() + ".pending";

    private final LedgerStore store;
    private final LedgerTables rows;
    private final ReadModelTables tables;

    public LedgerProjector(LedgerStore store) {
        this.store = store;
        this.rows = new LedgerTables(store);
        this.tables = new ReadModelTables(store.jdbc());
    }

    @Override
    public List<String> tables() {
        return List.of("rm_balance_bucket", "rm_contribution", "rm_settlement",
                "rm_rate_version", "rm_key_version", "rm_member", "rm_project");
    }

    @EventHandler
    void on(ProjectCreated e) {
        Generation g = writeFirst();
        LocalDate createdOn = e.recordedAt().atZone(ZoneId.of(e.timeZone())).toLocalDate();
        rows.insertProject(g, e, CurrencyScale.of(e.currency()).orElseThrow(), createdOn);
    }

    @EventHandler
    void on(MemberJoined e) {
        Generation g = writeFirst();
        ProjectTerms terms = store.terms(g, e.projectId());
        rows.insertMember(g, e);
        // Under a WEIGHTED key the join is followed by one key-version event for every version that
        // weighs the new member (the one dated joinedOn and every later WEIGHTED one). Until all of
        // them have arrived the stored key would lack the member's weight from some date on, so the
        // versions the join implies are written now, by the same rule the aggregate applied; the
        // events that follow then restate stored versions and change nothing.
        for (AllocationKeyVersion v : terms.keyVersionsForJoin(e.memberId(), e.joinedOn(), e.weight())) {
            rows.putKeyVersion(g, e.projectId(), v);
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
        rows.memberLeft(g, e.projectId(), e.memberId(), e.leftOn());
        recompute(g, e.projectId(), e.leftOn().plusDays(1), terms);
    }

    @EventHandler
    void on(AllocationKeyVersionSet e) {
        Generation g = writeFirst();
        ProjectTerms terms = store.terms(g, e.projectId());
        AllocationKeyVersion version = new AllocationKeyVersion(e.effectiveFrom(), e.method(), e.weights());
        boolean inForce = terms.keys().datedOn(e.effectiveFrom()).filter(version::sameKeyAs).isPresent();
        terms.apply(e);
        rows.putKeyVersion(g, e.projectId(), version);
        if (!inForce) {
            // A version already in force (written with the join that caused it) changes no figure.
            recompute(g, e.projectId(), e.effectiveFrom(), terms);
        }
    }

    @EventHandler
    void on(RateCardVersionSet e) {
        Generation g = writeFirst();
        ProjectTerms terms = store.terms(g, e.projectId());
        terms.apply(e);
        rows.putRateVersion(g, e.projectId(), e.effectiveFrom(), e.hourlyRates());
        recompute(g, e.projectId(), e.effectiveFrom(), terms);
    }

    @EventHandler
    void on(ContributionRecorded e, @SequenceNumber Long sequence) {
        Pending pending = pending();
        ProjectTerms terms = pending.terms(e.projectId());
        Long amountMinor = minor(e.amount(), terms.scale());
        long value = terms.valueMinor(e.kind(), amountMinor, e.hours(), e.role(), e.date());
        SortedMap<String, Long> shares = terms.allocate(value, e.date());
        pending.add(new ContributionInsert(e.contributionId().toString(), e.projectId(), sequence, e.memberId(),
                e.kind(), amountMinor, e.hours(), e.role(), e.date(), e.reference(), e.description(),
                ContributionStatus.EFFECTIVE, value, shares, e.recordedAt(), e.recordedBy(), e.recordedAt(),
                e.recordedBy(), List.of(sequence)));
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
        rows.correct(g, e, sequence, amountMinor, value, shares);
        buckets.contribution(memberId, e.kind(), e.date(), value, shares, +1);
        rows.add(g, buckets);
    }

    @EventHandler
    void on(ContributionReversed e, @SequenceNumber Long sequence) {
        Generation g = writeFirst();
        BalanceBuckets buckets = new BalanceBuckets(e.projectId());
        takeOut(g, e.contributionId().toString(), buckets);
        rows.add(g, buckets);
        rows.reverse(g, e, sequence);
    }

    @EventHandler
    void on(SettlementRecorded e, @SequenceNumber Long sequence) {
        Generation g = writeFirst();
        long amount = minor(e.amount(), store.scaleOf(g, e.projectId()));
        rows.insertSettlement(g, e, sequence, amount);
        BalanceBuckets buckets = new BalanceBuckets(e.projectId());
        buckets.settlement(e.from(), e.to(), e.date(), amount);
        rows.add(g, buckets);
    }

    /** The period's own row is {@code ClosedPeriodProjector}'s; the project shows its last closed quarter. */
    @EventHandler
    void on(PeriodClosed e) {
        Generation g = writeFirst();
        rows.lastClosed(g, e.projectId(), e.period().toString());
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

    /**
     * Takes back the pending row of a new contribution whose event failed in another read model's
     * handler after this one had handled it: the event is parked and will come again whole.
     */
    public void withdraw(Object event) {
        Pending pending = existingPending();
        if (pending != null && event instanceof ContributionRecorded e) {
            pending.withdraw(e.contributionId().toString());
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
        private final List<ContributionInsert> contributions = new ArrayList<>();
        private final Map<String, BalanceBuckets> buckets = new LinkedHashMap<>();

        Pending(Generation g) {
            this.g = g;
        }

        ProjectTerms terms(String projectId) {
            return terms.computeIfAbsent(projectId, p -> store.terms(g, p));
        }

        void add(ContributionInsert row) {
            contributions.add(row);
            count(row, +1);
        }

        /** Takes back the last row added, if it is this contribution's. */
        void withdraw(String contributionId) {
            int last = contributions.size() - 1;
            if (last >= 0 && contributions.get(last).contributionId().equals(contributionId)) {
                count(contributions.remove(last), -1);
            }
        }

        private void count(ContributionInsert row, int sign) {
            buckets.computeIfAbsent(row.projectId(), BalanceBuckets::new)
                    .contribution(row.memberId(), row.kind(), row.date(), row.valueMinor(), row.allocation(), sign);
        }

        void write() {
            if (contributions.isEmpty()) {
                return;
            }
            rows.insertContributions(g, contributions);
            buckets.values().forEach(b -> rows.add(g, b));
            contributions.clear();
            buckets.clear();
        }
    }

    /** Rule 4: re-value and re-divide every effective contribution dated on or after {@code from}. */
    private void recompute(Generation g, String projectId, LocalDate from, ProjectTerms terms) {
        List<Object[]> changed = new ArrayList<>();
        // The old figures come out of the balance buckets, the new ones go in.
        BalanceBuckets buckets = new BalanceBuckets(projectId);
        rows.effectiveFrom(g, projectId, from, c -> {
            long value = terms.valueMinor(c.kind(), c.amountMinor(), c.hours(), c.role(), c.date());
            SortedMap<String, Long> shares = terms.allocate(value, c.date());
            buckets.contribution(c.memberId(), c.kind(), c.date(), c.valueMinor(), c.allocation(), -1);
            buckets.contribution(c.memberId(), c.kind(), c.date(), value, shares, +1);
            changed.add(new Object[]{value, AllocationColumn.write(shares), c.contributionId()});
        });
        if (changed.isEmpty()) {
            return;
        }
        rows.add(g, buckets);
        rows.updateFigures(g, changed);
    }

    /**
     * Takes an effective contribution's current figures out of the balance buckets, before it is
     * corrected or reversed. Returns its member.
     */
    private String takeOut(Generation g, String contributionId, BalanceBuckets buckets) {
        LedgerTables.StoredFigures c = rows.figures(g, contributionId);
        if (c.status() == ContributionStatus.EFFECTIVE) {
            buckets.contribution(c.memberId(), c.kind(), c.date(), c.valueMinor(), c.allocation(), -1);
        }
        return c.memberId();
    }

    private static Long minor(BigDecimal amount, int scale) {
        return amount == null ? null : MinorUnits.toMinor(amount, scale);
    }
}
