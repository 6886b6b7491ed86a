package nl.commonsledger.projections.ledger;

import nl.commonsledger.core.allocation.AllocationKeyVersion;
import nl.commonsledger.core.project.ContributionKind;
import nl.commonsledger.core.project.ContributionStatus;
import nl.commonsledger.core.project.ProjectEvent.ContributionCorrected;
import nl.commonsledger.core.project.ProjectEvent.ContributionReversed;
import nl.commonsledger.core.project.ProjectEvent.MemberJoined;
import nl.commonsledger.core.project.ProjectEvent.ProjectCreated;
import nl.commonsledger.core.project.ProjectEvent.SettlementRecorded;
import nl.commonsledger.projections.generation.Generation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SortedMap;
import java.util.function.Consumer;

/**
 * The SQL of the ledger's read-model tables as the live projector changes them, one method per
 * statement; what to write, and when, is {@link LedgerProjector}'s. The terms it reads back are
 * {@link LedgerStore}'s, the statements shared with the rebuild are {@link ReadModelRows}.
 */
final class LedgerTables {

    /** An effective or reversed contribution's figures as stored, before an event changes them. */
    record StoredFigures(String contributionId, String memberId, ContributionKind kind, Long amountMinor,
                         BigDecimal hours, String role, LocalDate date, long valueMinor,
                         SortedMap<String, Long> allocation, ContributionStatus status) {
    }

    private final JdbcTemplate jdbc;
    private final LedgerStore store;

    LedgerTables(LedgerStore store) {
        this.jdbc = store.jdbc();
        this.store = store;
    }

    void insertProject(Generation g, ProjectCreated e, int scale, LocalDate createdOn) {
        jdbc.update(g.sql("INSERT INTO rm_project (project_id, name, currency, scale, time_zone, created_on, recorded_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)"),
                e.projectId(), e.name(), e.currency(), scale, e.timeZone(), Date.valueOf(createdOn), utc(e.recordedAt()));
    }

    void insertMember(Generation g, MemberJoined e) {
        jdbc.update(g.sql("INSERT INTO rm_member (project_id, member_id, name, joined_on) VALUES (?, ?, ?, ?)"),
                e.projectId(), e.memberId(), e.name(), Date.valueOf(e.joinedOn()));
    }

    void memberLeft(Generation g, String projectId, String memberId, LocalDate leftOn) {
        jdbc.update(g.sql("UPDATE rm_member SET left_on = ? WHERE project_id = ? AND member_id = ?"),
                Date.valueOf(leftOn), projectId, memberId);
    }

    /** Stores a key version, replacing one of the same date. */
    void putKeyVersion(Generation g, String projectId, AllocationKeyVersion v) {
        jdbc.update(g.sql("DELETE FROM rm_key_version WHERE project_id = ? AND effective_from = ?"),
                projectId, Date.valueOf(v.effectiveFrom()));
        jdbc.update(g.sql(ReadModelRows.KEY_VERSION),
                projectId, Date.valueOf(v.effectiveFrom()), v.method().name(), store.toJson(v.weights()));
    }

    /** Stores a rate version, replacing one of the same date. */
    void putRateVersion(Generation g, String projectId, LocalDate effectiveFrom, SortedMap<String, BigDecimal> rates) {
        jdbc.update(g.sql("DELETE FROM rm_rate_version WHERE project_id = ? AND effective_from = ?"),
                projectId, Date.valueOf(effectiveFrom));
        jdbc.update(g.sql(ReadModelRows.RATE_VERSION), projectId, Date.valueOf(effectiveFrom), store.toJson(rates));
    }

    /** New contributions, as one JDBC batch. */
    void insertContributions(Generation g, List<ContributionInsert> rows) {
        jdbc.batchUpdate(g.sql(ReadModelRows.CONTRIBUTION), rows.stream().map(ContributionInsert::parameters).toList());
    }

    /** The corrected terms and figures, and the correction added to the contribution's events. */
    void correct(Generation g, ContributionCorrected e, long sequence, Long amountMinor, long valueMinor,
                 SortedMap<String, Long> shares) {
        jdbc.update(g.sql("UPDATE rm_contribution SET kind = ?, amount_minor = ?, hours = ?, role = ?, business_date = ?, "
                        + "reference = ?, description = ?, value_minor = ?, allocation = ?, updated_at = ?, updated_by = ?, "
                        + "event_sequences = event_sequences || ? WHERE contribution_id = ?"),
                e.kind().name(), amountMinor, e.hours(), e.role(), Date.valueOf(e.date()), e.reference(), e.description(),
                valueMinor, AllocationColumn.write(shares), utc(e.recordedAt()), e.recordedBy(),
                EventSequencesColumn.appended(sequence), e.contributionId().toString());
    }

    /**
     * A reversed contribution keeps its value for information and allocates nothing (rule 6); the
     * reversal joins its events.
     */
    void reverse(Generation g, ContributionReversed e, long sequence) {
        jdbc.update(g.sql("UPDATE rm_contribution SET status = ?, allocation = '', updated_at = ?, "
                        + "updated_by = ?, event_sequences = event_sequences || ? WHERE contribution_id = ?"),
                ContributionStatus.REVERSED.name(), utc(e.recordedAt()), e.recordedBy(),
                EventSequencesColumn.appended(sequence), e.contributionId().toString());
    }

    void insertSettlement(Generation g, SettlementRecorded e, long sequence, long amountMinor) {
        jdbc.update(g.sql(ReadModelRows.SETTLEMENT),
                e.settlementId().toString(), e.projectId(), sequence, e.from(), e.to(), amountMinor,
                Date.valueOf(e.date()), e.reference(), utc(e.recordedAt()), e.recordedBy());
    }

    void lastClosed(Generation g, String projectId, String period) {
        jdbc.update(g.sql("UPDATE rm_project SET last_closed = ? WHERE project_id = ?"), period, projectId);
    }

    /** Adds the collected changes to the balance totals. */
    void add(Generation g, BalanceBuckets buckets) {
        buckets.writeTo(jdbc, g);
    }

    /** Hands every effective contribution of the project dated on or after {@code from} to {@code each}. */
    void effectiveFrom(Generation g, String projectId, LocalDate from, Consumer<StoredFigures> each) {
        jdbc.query(g.sql("SELECT " + FIGURES + " FROM rm_contribution "
                        + "WHERE project_id = ? AND status = ? AND business_date >= ?"),
                (RowCallbackHandler) rs -> each.accept(figures(rs)),
                projectId, ContributionStatus.EFFECTIVE.name(), Date.valueOf(from));
    }

    StoredFigures figures(Generation g, String contributionId) {
        return jdbc.queryForObject(g.sql("SELECT " + FIGURES + " FROM rm_contribution WHERE contribution_id = ?"),
                (rs, i) -> figures(rs), contributionId);
    }

    /** New values and allocations: (value, allocation column, contribution id) each. */
    void updateFigures(Generation g, List<Object[]> changed) {
        jdbc.batchUpdate(g.sql("UPDATE rm_contribution SET value_minor = ?, allocation = ? WHERE contribution_id = ?"),
                changed);
    }

    private static final String FIGURES = "contribution_id, member_id, kind, amount_minor, hours, role, business_date, "
            + "value_minor, allocation, status";

    private static StoredFigures figures(java.sql.ResultSet rs) throws java.sql.SQLException {
        long amount = rs.getLong("amount_minor");
        Long amountMinor = rs.wasNull() ? null : amount;
        return new StoredFigures(rs.getString("contribution_id"), rs.getString("member_id"),
                ContributionKind.valueOf(rs.getString("kind")), amountMinor, rs.getBigDecimal("hours"),
                rs.getString("role"), rs.getObject("business_date", LocalDate.class), rs.getLong("value_minor"),
                AllocationColumn.read(rs.getString("allocation")), ContributionStatus.valueOf(rs.getString("status")));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
