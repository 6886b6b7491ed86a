package nl.commonsledger.projections.contribution;

import nl.commonsledger.core.money.Money;
import nl.commonsledger.core.project.ContributionKind;
import nl.commonsledger.core.project.ContributionStatus;
import nl.commonsledger.projections.generation.Generation;
import nl.commonsledger.projections.generation.ReadModelTables;
import nl.commonsledger.projections.ledger.AllocationColumn;
import nl.commonsledger.projections.ledger.EventSequencesColumn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/** Reads contributions from the read models, in the order they were recorded. */
@Component
public class ContributionQueries {

    private static final String COLUMNS = "c.contribution_id, c.project_id, c.list_position, c.member_id, c.kind, "
            + "c.amount_minor, c.hours, c.role, c.value_minor, p.scale, c.business_date, c.reference, c.description, "
            + "c.status, c.recorded_at, c.recorded_by, c.updated_at, c.updated_by, c.allocation";

    private final JdbcClient jdbc;
    /** The same database, fetching rows a thousand at a time: what lets PostgreSQL's driver stream a result. */
    private final JdbcClient streaming;
    private final ReadModelTables tables;

    public ContributionQueries(JdbcTemplate jdbc) {
        this.jdbc = JdbcClient.create(jdbc);
        JdbcTemplate fetching = new JdbcTemplate(jdbc.getDataSource());
        fetching.setFetchSize(1000);
        this.streaming = JdbcClient.create(fetching);
        this.tables = new ReadModelTables(jdbc);
    }

    public Optional<ContributionView> find(String projectId, UUID contributionId) {
        Generation g = tables.serving();
        return jdbc.sql(g.sql("SELECT " + COLUMNS + " FROM rm_contribution c "
                        + "JOIN rm_project p ON p.project_id = c.project_id "
                        + "WHERE c.project_id = ? AND c.contribution_id = ?"))
                .params(projectId, contributionId.toString())
                .query(ContributionQueries::row)
                .optional();
    }

    /** One page, after the cursor {@code afterPosition} (exclusive; null for the first page). */
    public List<ContributionView> list(String projectId, ContributionFilter filter, Long afterPosition, int limit) {
        Generation g = tables.serving();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM rm_contribution c "
                + "JOIN rm_project p ON p.project_id = c.project_id WHERE c.project_id = ?");
        List<Object> args = new ArrayList<>(List.of(projectId));
        condition(sql, args, "c.member_id = ?", filter.memberId());
        condition(sql, args, "c.kind = ?", filter.kind() == null ? null : filter.kind().name());
        condition(sql, args, "c.reference = ?", filter.reference());
        condition(sql, args, "c.status = ?", filter.status() == null ? null : filter.status().name());
        condition(sql, args, "c.business_date >= ?", filter.from() == null ? null : Date.valueOf(filter.from()));
        condition(sql, args, "c.business_date <= ?", filter.to() == null ? null : Date.valueOf(filter.to()));
        condition(sql, args, "c.list_position > ?", afterPosition);
        // Both columns of the (project, position) index: ordered by the position alone, H2 2.3 sorts all
        // of the project's rows for every page instead of reading the page from the index.
        sql.append(" ORDER BY c.project_id, c.list_position LIMIT ").append(limit);
        return jdbc.sql(g.sql(sql.toString())).params(args).query(ContributionQueries::row).list();
    }

    /**
     * Every contribution of a project in the order of recording, read as the stream is consumed, for
     * reads of a whole history that must not hold it (the audit's comparison).
     */
    public Stream<ContributionView> inListOrder(String projectId) {
        return stream(projectId, "", "c.project_id, c.list_position");
    }

    /** The project's effective contributions by business date, then in the order of recording, as a stream. */
    public Stream<ContributionView> effectiveByDate(String projectId) {
        return stream(projectId, " AND c.status = '" + ContributionStatus.EFFECTIVE.name() + "'",
                "c.business_date, c.list_position");
    }

    /**
     * One query without the project join, which would keep H2 from stopping early, read as the stream is
     * consumed. The caller closes the stream, and on PostgreSQL runs it in a transaction: only then does
     * the driver fetch the rows a page at a time instead of all at once.
     */
    private Stream<ContributionView> stream(String projectId, String condition, String order) {
        Generation g = tables.serving();
        int scale = jdbc.sql(g.sql("SELECT scale FROM rm_project WHERE project_id = ?")).param(projectId)
                .query(Integer.class).optional().orElse(0);
        return streaming.sql(g.sql("SELECT " + COLUMNS.replace("p.scale", scale + " AS scale")
                        + " FROM rm_contribution c WHERE c.project_id = ?" + condition + " ORDER BY " + order))
                .param(projectId).query(ContributionQueries::row).stream();
    }

    /**
     * The sequence numbers of the events of each of these contributions, oldest first: the projection
     * notes which events belong to which contribution, in its row.
     */
    public Map<String, List<Long>> eventSequences(Collection<String> contributionIds) {
        Generation g = tables.serving();
        Map<String, List<Long>> out = new LinkedHashMap<>();
        contributionIds.forEach(id -> out.put(id, new ArrayList<>()));
        for (List<String> chunk : chunks(List.copyOf(contributionIds))) {
            jdbc.sql(g.sql("SELECT contribution_id, event_sequences FROM rm_contribution WHERE contribution_id IN ("
                            + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")"))
                    .params(chunk)
                    .query((rs, i) -> Map.entry(rs.getString("contribution_id"),
                            EventSequencesColumn.read(rs.getString("event_sequences"))))
                    .list()
                    .forEach(e -> out.get(e.getKey()).addAll(e.getValue()));
        }
        return out;
    }

    private static final int CHUNK = 100;

    /**
     * Ids in lists of at most 100. H2 tests each row an index finds against a parameter list one by
     * one, so a list of n costs n² comparisons: lists of 1,000 made an import's total (10,000 ids)
     * take a tenth of the import's time.
     */
    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            chunks.add(ids.subList(from, Math.min(from + CHUNK, ids.size())));
        }
        return chunks;
    }

    private static void condition(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            args.add(value);
        }
    }

    /**
     * The sum of the current values of the project's contributions whose ids lie from {@code firstId}
     * to {@code lastId} (an import whose ids form a block): one range of the primary key. The project is
     * tested inside the sum, not in the WHERE clause, where it made H2 walk the project's whole
     * (project, position) index instead of the range.
     */
    public long totalValueMinorBetween(String projectId, UUID firstId, UUID lastId) {
        Long sum = jdbc.sql(tables.serving().sql("SELECT SUM(CASE WHEN project_id = ? THEN value_minor END) "
                        + "FROM rm_contribution WHERE contribution_id BETWEEN ? AND ?"))
                .params(projectId, firstId.toString(), lastId.toString()).query(Long.class).single();
        return sum == null ? 0 : sum;
    }

    /** The sum of the current values of these contributions, in minor units (an import's total). */
    public long totalValueMinor(String projectId, List<UUID> contributionIds) {
        Generation g = tables.serving();
        long total = 0;
        for (List<String> chunk : chunks(contributionIds.stream().map(UUID::toString).toList())) {
            List<Object> args = new ArrayList<>(chunk.size() + 1);
            args.add(projectId);
            args.addAll(chunk);
            Long sum = jdbc.sql(g.sql("SELECT SUM(value_minor) FROM rm_contribution WHERE project_id = ? "
                    + "AND contribution_id IN (" + String.join(",", chunk.stream().map(id -> "?").toList()) + ")"))
                    .params(args).query(Long.class).single();
            total += sum == null ? 0 : sum;
        }
        return total;
    }

    /** One row of {@link #COLUMNS}, by column name. */
    private static ContributionView row(ResultSet rs, int rowNum) throws SQLException {
        int scale = rs.getInt("scale");
        long amount = rs.getLong("amount_minor");
        Money amountOrNull = rs.wasNull() ? null : Money.ofMinor(amount, scale);
        return new ContributionView(rs.getString("contribution_id"), rs.getString("project_id"),
                rs.getLong("list_position"), rs.getString("member_id"),
                ContributionKind.valueOf(rs.getString("kind")), amountOrNull, rs.getBigDecimal("hours"),
                rs.getString("role"), Money.ofMinor(rs.getLong("value_minor"), scale),
                rs.getObject("business_date", LocalDate.class), rs.getString("reference"), rs.getString("description"),
                ContributionStatus.valueOf(rs.getString("status")),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("recorded_by"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getString("updated_by"),
                AllocationColumn.read(rs.getString("allocation")));
    }
}
