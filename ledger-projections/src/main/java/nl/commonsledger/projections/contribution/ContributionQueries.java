package nl.commonsledger.projections.contribution;

import nl.commonsledger.projections.generation.Generation;
import nl.commonsledger.projections.ledger.AllocationColumn;
import nl.commonsledger.projections.generation.ReadModelTables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads contributions from the read models, in the order they were recorded. */
@Component
public class ContributionQueries {

    private static final String COLUMNS = "c.contribution_id, c.project_id, c.list_position, c.member_id, c.kind, "
            + "c.amount_minor, c.hours, c.role, c.value_minor, p.scale, c.business_date, c.reference, c.description, "
            + "c.status, c.recorded_at, c.recorded_by, c.updated_at, c.updated_by, c.allocation";

    private final JdbcTemplate jdbc;
    private final ReadModelTables tables;

    public ContributionQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.tables = new ReadModelTables(jdbc);
    }

    public Optional<ContributionView> find(String projectId, String contributionId) {
        Generation g = tables.serving();
        List<ContributionView> found = jdbc.query(g.sql("SELECT " + COLUMNS + " FROM rm_contribution c "
                        + "JOIN rm_project p ON p.project_id = c.project_id "
                        + "WHERE c.project_id = ? AND c.contribution_id = ?"),
                mapper(), projectId, contributionId);
        return found.stream().findFirst();
    }

    /** One page, after the cursor {@code afterPosition} (exclusive; null for the first page). */
    public List<ContributionView> list(String projectId, ContributionFilter filter, Long afterPosition, int limit) {
        Generation g = tables.serving();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM rm_contribution c "
                + "JOIN rm_project p ON p.project_id = c.project_id WHERE c.project_id = ?");
        List<Object> args = new ArrayList<>(List.of(projectId));
        condition(sql, args, "c.member_id = ?", filter.memberId());
        condition(sql, args, "c.kind = ?", filter.kind());
        condition(sql, args, "c.reference = ?", filter.reference());
        condition(sql, args, "c.status = ?", filter.status());
        condition(sql, args, "c.business_date >= ?", filter.from() == null ? null : Date.valueOf(filter.from()));
        condition(sql, args, "c.business_date <= ?", filter.to() == null ? null : Date.valueOf(filter.to()));
        condition(sql, args, "c.list_position > ?", afterPosition);
        sql.append(" ORDER BY c.list_position LIMIT ").append(limit);
        return jdbc.query(g.sql(sql.toString()), mapper(), args.toArray());
    }

    private static void condition(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            args.add(value);
        }
    }

    /** The sum of the current values of these contributions, in minor units (an import's total). */
    public long totalValueMinor(String projectId, List<String> contributionIds) {
        Generation g = tables.serving();
        long total = 0;
        for (int from = 0; from < contributionIds.size(); from += 1000) {
            List<String> chunk = contributionIds.subList(from, Math.min(from + 1000, contributionIds.size()));
            List<Object> args = new ArrayList<>(chunk.size() + 1);
            args.add(projectId);
            args.addAll(chunk);
            Long sum = jdbc.queryForObject(g.sql("SELECT SUM(value_minor) FROM rm_contribution WHERE project_id = ? "
                    + "AND contribution_id IN (" + String.join(",", chunk.stream().map(id -> "?").toList()) + ")"),
                    Long.class, args.toArray());
            total += sum == null ? 0 : sum;
        }
        return total;
    }

    private static RowMapper<ContributionView> mapper() {
        return (rs, i) -> {
            long amount = rs.getLong(6);
            Long amountMinor = rs.wasNull() ? null : amount;
            return new ContributionView(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                    rs.getString(5), amountMinor, rs.getBigDecimal(7), rs.getString(8), rs.getLong(9), rs.getInt(10),
                    rs.getObject(11, LocalDate.class), rs.getString(12), rs.getString(13), rs.getString(14),
                    rs.getObject(15, OffsetDateTime.class).toInstant(), rs.getString(16),
                    rs.getObject(17, OffsetDateTime.class).toInstant(), rs.getString(18),
                    AllocationColumn.read(rs.getString(19)));
        };
    }
}
