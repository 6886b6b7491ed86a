package nl.commonsledger.projections.ledger;

import nl.commonsledger.core.allocation.AllocationKeyHistory;
import nl.commonsledger.core.allocation.AllocationKeyVersion;
import nl.commonsledger.core.money.CurrencyScale;
import nl.commonsledger.core.money.MinorUnits;
import nl.commonsledger.core.project.ContributionKind;
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
import nl.commonsledger.projections.generation.Generation;
import nl.commonsledger.projections.generation.ReadModelTables;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.util.ArrayList;
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
 */
@Component
@ProcessingGroup(LedgerProjector.PROCESSING_GROUP)
public class LedgerProjector {

    public static final String PROCESSING_GROUP = "ledger";

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
        Generation g = tables.writing();
        LocalDate createdOn = e.recordedAt().atZone(ZoneId.of(e.timeZone())).toLocalDate();
        jdbc.update(g.sql("INSERT INTO rm_project (project_id, name, currency, scale, time_zone, created_on, recorded_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)"),
                e.projectId(), e.name(), e.currency(), CurrencyScale.of(e.currency()).orElseThrow(), e.timeZone(),
                sqlDate(createdOn), utc(e.recordedAt()));
    }

    @EventHandler
    void on(MemberJoined e) {
        Generation g = tables.writing();
        jdbc.update(g.sql("INSERT INTO rm_member (project_id, member_id, name, joined_on) VALUES (?, ?, ?, ?)"),
                e.projectId(), e.memberId(), e.name(), sqlDate(e.joinedOn()));
        if (e.weight() != null) {
            // Under a WEIGHTED key the join is followed by one key-version event for every version that
            // weighs the new member (the one dated joinedOn and every later WEIGHTED one). Until all of
            // them have arrived the stored key would lack the member's weight from some date on, so the
            // versions the join implies are written now, by the same rule the aggregate applied; the
            // events that follow then restate stored versions and change nothing.
            AllocationKeyHistory keys = store.terms(g, e.projectId()).keys();
            for (AllocationKeyVersion v : keys.versionsForJoin(e.memberId(), e.joinedOn(), e.weight())) {
                writeKeyVersion(g, e.projectId(), v);
            }
        }
        recompute(g, e.projectId(), e.joinedOn(), store.terms(g, e.projectId()));
    }

    @EventHandler
    void on(MemberLeft e) {
        Generation g = tables.writing();
        jdbc.update(g.sql("UPDATE rm_member SET left_on = ? WHERE project_id = ? AND member_id = ?"),
                sqlDate(e.leftOn()), e.projectId(), e.memberId());
        recompute(g, e.projectId(), e.leftOn().plusDays(1), store.terms(g, e.projectId()));
    }

    @EventHandler
    void on(AllocationKeyVersionSet e) {
        Generation g = tables.writing();
        AllocationKeyVersion version = new AllocationKeyVersion(e.effectiveFrom(), e.method(), e.weights());
        boolean inForce = store.terms(g, e.projectId()).keys().datedOn(e.effectiveFrom())
                .filter(version::sameKeyAs).isPresent();
        writeKeyVersion(g, e.projectId(), version);
        if (!inForce) {
            // A version already in force (written with the join that caused it) changes no figure.
            recompute(g, e.projectId(), e.effectiveFrom(), store.terms(g, e.projectId()));
        }
    }

    private void writeKeyVersion(Generation g, String projectId, AllocationKeyVersion v) {
        jdbc.update(g.sql("DELETE FROM rm_key_version WHERE project_id = ? AND effective_from = ?"),
                projectId, sqlDate(v.effectiveFrom()));
        jdbc.update(g.sql("INSERT INTO rm_key_version (project_id, effective_from, method, weights) VALUES (?, ?, ?, ?)"),
                projectId, sqlDate(v.effectiveFrom()), v.method().name(), store.toJson(v.weights()));
    }

    @EventHandler
    void on(RateCardVersionSet e) {
        Generation g = tables.writing();
        jdbc.update(g.sql("DELETE FROM rm_rate_version WHERE project_id = ? AND effective_from = ?"),
                e.projectId(), sqlDate(e.effectiveFrom()));
        jdbc.update(g.sql("INSERT INTO rm_rate_version (project_id, effective_from, hourly_rates) VALUES (?, ?, ?)"),
                e.projectId(), sqlDate(e.effectiveFrom()), store.toJson(e.hourlyRates()));
        recompute(g, e.projectId(), e.effectiveFrom(), store.terms(g, e.projectId()));
    }

    @EventHandler
    void on(ContributionRecorded e, @SequenceNumber Long sequence) {
        Generation g = tables.writing();
        ProjectTerms terms = store.terms(g, e.projectId());
        Long amountMinor = minor(e.amount(), terms.scale());
        long value = terms.valueMinor(e.kind(), amountMinor, e.hours(), e.role(), e.date());
        jdbc.update(g.sql("INSERT INTO rm_contribution (contribution_id, project_id, list_position, member_id, kind, "
                        + "amount_minor, hours, role, business_date, reference, description, status, value_minor, "
                        + "recorded_at, recorded_by, updated_at, updated_by) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'EFFECTIVE', ?, ?, ?, ?, ?)"),
                e.contributionId().toString(), e.projectId(), sequence, e.memberId(), e.kind().name(), amountMinor,
                e.hours(), e.role(), sqlDate(e.date()), e.reference(), e.description(), value,
                utc(e.recordedAt()), e.recordedBy(), utc(e.recordedAt()), e.recordedBy());
        rememberEvent(g, e.contributionId().toString(), sequence);
        SortedMap<String, Long> shares = terms.allocate(value, e.date());
        writeAllocation(g, e.projectId(), e.contributionId().toString(), shares);
        BalanceBuckets buckets = new BalanceBuckets(e.projectId());
        buckets.contribution(e.memberId(), e.kind(), e.date(), value, shares, +1);
        buckets.writeTo(jdbc, g);
    }

    @EventHandler
    void on(ContributionCorrected e, @SequenceNumber Long sequence) {
        Generation g = tables.writing();
        BalanceBuckets buckets = new BalanceBuckets(e.projectId());
        String memberId = takeOut(g, e.contributionId().toString(), buckets);
        ProjectTerms terms = store.terms(g, e.projectId());
        Long amountMinor = minor(e.amount(), terms.scale());
        long value = terms.valueMinor(e.kind(), amountMinor, e.hours(), e.role(), e.date());
        jdbc.update(g.sql("UPDATE rm_contribution SET kind = ?, amount_minor = ?, hours = ?, role = ?, business_date = ?, "
                        + "reference = ?, description = ?, value_minor = ?, updated_at = ?, updated_by = ? "
                        + "WHERE contribution_id = ?"),
                e.kind().name(), amountMinor, e.hours(), e.role(), sqlDate(e.date()), e.reference(), e.description(),
                value, utc(e.recordedAt()), e.recordedBy(), e.contributionId().toString());
        rememberEvent(g, e.contributionId().toString(), sequence);
        SortedMap<String, Long> shares = terms.allocate(value, e.date());
        writeAllocation(g, e.projectId(), e.contributionId().toString(), shares);
        buckets.contribution(memberId, e.kind(), e.date(), value, shares, +1);
        buckets.writeTo(jdbc, g);
    }

    @EventHandler
    void on(ContributionReversed e, @SequenceNumber Long sequence) {
        Generation g = tables.writing();
        // A reversed contribution keeps its value for information and allocates nothing (rule 6).
        BalanceBuckets buckets = new BalanceBuckets(e.projectId());
        takeOut(g, e.contributionId().toString(), buckets);
        buckets.writeTo(jdbc, g);
        jdbc.update(g.sql("UPDATE rm_contribution SET status = 'REVERSED', updated_at = ?, updated_by = ? "
                        + "WHERE contribution_id = ?"),
                utc(e.recordedAt()), e.recordedBy(), e.contributionId().toString());
        rememberEvent(g, e.contributionId().toString(), sequence);
        jdbc.update(g.sql("DELETE FROM rm_allocation WHERE contribution_id = ?"), e.contributionId().toString());
    }

    @EventHandler
    void on(SettlementRecorded e, @SequenceNumber Long sequence) {
        Generation g = tables.writing();
        int scale = store.scaleOf(g, e.projectId());
        jdbc.update(g.sql("INSERT INTO rm_settlement (settlement_id, project_id, list_position, from_member, to_member, "
                        + "amount_minor, business_date, reference, recorded_at, recorded_by) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                e.settlementId().toString(), e.projectId(), sequence, e.from(), e.to(), minor(e.amount(), scale),
                sqlDate(e.date()), e.reference(), utc(e.recordedAt()), e.recordedBy());
        BalanceBuckets buckets = new BalanceBuckets(e.projectId());
        buckets.settlement(e.from(), e.to(), e.date(), minor(e.amount(), scale));
        buckets.writeTo(jdbc, g);
    }

    @EventHandler
    void on(PeriodClosed e) {
        Generation g = tables.writing();
        jdbc.update(g.sql("INSERT INTO rm_period (project_id, period, event_count, digest, closed_at) VALUES (?, ?, ?, ?, ?)"),
                e.projectId(), e.period().toString(), e.eventCount(), e.digest(), utc(e.recordedAt()));
        jdbc.update(g.sql("UPDATE rm_project SET last_closed = ? WHERE project_id = ?"), e.period().toString(), e.projectId());
    }

    /** Rule 4: re-value and re-divide every effective contribution dated on or after {@code from}. */
    private void recompute(Generation g, String projectId, LocalDate from, ProjectTerms terms) {
        List<Object[]> values = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Map.Entry<String, SortedMap<String, Long>>> allocations = new ArrayList<>();
        BalanceBuckets buckets = new BalanceBuckets(projectId);
        // The old allocations come out of the balance buckets, the new ones go in.
        jdbc.query(g.sql("SELECT a.member_id, a.share_minor, c.business_date FROM rm_allocation a "
                        + "JOIN rm_contribution c ON c.contribution_id = a.contribution_id "
                        + "WHERE c.project_id = ? AND c.status = 'EFFECTIVE' AND c.business_date >= ?"),
                rs -> {
                    buckets.add(rs.getString(1), rs.getObject(3, LocalDate.class), BalanceBuckets.FAIR_SHARE,
                            -rs.getLong(2));
                },
                projectId, sqlDate(from));
        jdbc.query(g.sql("SELECT contribution_id, kind, amount_minor, hours, role, business_date, member_id, value_minor "
                        + "FROM rm_contribution WHERE project_id = ? AND status = 'EFFECTIVE' AND business_date >= ?"),
                rs -> {
                    String id = rs.getString(1);
                    ContributionKind kind = ContributionKind.valueOf(rs.getString(2));
                    long amount = rs.getLong(3);
                    Long amountMinor = rs.wasNull() ? null : amount;
                    BigDecimal hours = rs.getBigDecimal(4);
                    LocalDate date = rs.getObject(6, LocalDate.class);
                    long value = terms.valueMinor(kind, amountMinor, hours, rs.getString(5), date);
                    SortedMap<String, Long> shares = terms.allocate(value, date);
                    buckets.contribution(rs.getString(7), kind, date, rs.getLong(8), Map.of(), -1);
                    buckets.contribution(rs.getString(7), kind, date, value, shares, +1);
                    values.add(new Object[]{value, id});
                    ids.add(id);
                    allocations.add(Map.entry(id, shares));
                },
                projectId, sqlDate(from));
        if (ids.isEmpty()) {
            return;
        }
        buckets.writeTo(jdbc, g);
        jdbc.batchUpdate(g.sql("UPDATE rm_contribution SET value_minor = ? WHERE contribution_id = ?"), values);
        jdbc.batchUpdate(g.sql("DELETE FROM rm_allocation WHERE contribution_id = ?"),
                ids.stream().map(id -> new Object[]{id}).toList());
        List<Object[]> rows = new ArrayList<>();
        allocations.forEach(a -> a.getValue().forEach((member, share) ->
                rows.add(new Object[]{a.getKey(), projectId, member, share})));
        jdbc.batchUpdate(g.sql("INSERT INTO rm_allocation (contribution_id, project_id, member_id, share_minor) "
                + "VALUES (?, ?, ?, ?)"), rows);
    }

    /**
     * Takes an effective contribution's current figures out of the balance buckets, before it is
     * corrected or reversed. Returns its member.
     */
    private String takeOut(Generation g, String contributionId, BalanceBuckets buckets) {
        Map<String, Long> shares = new java.util.TreeMap<>();
        jdbc.query(g.sql("SELECT member_id, share_minor FROM rm_allocation WHERE contribution_id = ?"),
                rs -> {
                    shares.put(rs.getString(1), rs.getLong(2));
                }, contributionId);
        Map<String, Object> row = jdbc.queryForMap(g.sql("SELECT member_id, kind, business_date, value_minor, status "
                + "FROM rm_contribution WHERE contribution_id = ?"), contributionId);
        String memberId = (String) row.get("member_id");
        if ("EFFECTIVE".equals(row.get("status"))) {
            LocalDate date = ((java.sql.Date) row.get("business_date")).toLocalDate();
            buckets.contribution(memberId, ContributionKind.valueOf((String) row.get("kind")), date,
                    ((Number) row.get("value_minor")).longValue(), shares, -1);
        }
        return memberId;
    }

    private void writeAllocation(Generation g, String projectId, String contributionId, SortedMap<String, Long> shares) {
        jdbc.update(g.sql("DELETE FROM rm_allocation WHERE contribution_id = ?"), contributionId);
        List<Object[]> rows = new ArrayList<>();
        shares.forEach((member, share) -> rows.add(new Object[]{contributionId, projectId, member, share}));
        jdbc.batchUpdate(g.sql("INSERT INTO rm_allocation (contribution_id, project_id, member_id, share_minor) "
                + "VALUES (?, ?, ?, ?)"), rows);
    }

    private void rememberEvent(Generation g, String contributionId, long sequence) {
        jdbc.update(g.sql("INSERT INTO rm_contribution_event (contribution_id, sequence_number) VALUES (?, ?)"),
                contributionId, sequence);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Long minor(BigDecimal amount, int scale) {
        return amount == null ? null : MinorUnits.toMinor(amount, scale);
    }

}
