package nl.commonsledger.projections.settlement;

import nl.commonsledger.core.money.Money;
import nl.commonsledger.projections.generation.ReadModelTables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads settlements from the read models. */
@Component
public class SettlementQueries {

    private static final String SELECT = "SELECT s.settlement_id, s.project_id, s.list_position, s.from_member, "
            + "s.to_member, s.amount_minor, p.scale, s.business_date, s.reference, s.recorded_at, s.recorded_by "
            + "FROM rm_settlement s JOIN rm_project p ON p.project_id = s.project_id ";

    private final JdbcClient jdbc;
    private final ReadModelTables tables;

    public SettlementQueries(JdbcTemplate jdbc) {
        this.jdbc = JdbcClient.create(jdbc);
        this.tables = new ReadModelTables(jdbc);
    }

    public Optional<SettlementView> find(String projectId, UUID settlementId) {
        return jdbc.sql(tables.serving().sql(SELECT + "WHERE s.project_id = ? AND s.settlement_id = ?"))
                .params(projectId, settlementId.toString())
                .query(SettlementQueries::row)
                .optional();
    }

    /** Every settlement of a project, in the order they were recorded. */
    public List<SettlementView> all(String projectId) {
        return jdbc.sql(tables.serving().sql(SELECT + "WHERE s.project_id = ? ORDER BY s.list_position"))
                .param(projectId)
                .query(SettlementQueries::row)
                .list();
    }

    private static SettlementView row(ResultSet rs, int rowNum) throws SQLException {
        return new SettlementView(rs.getString("settlement_id"), rs.getString("project_id"),
                rs.getLong("list_position"), rs.getString("from_member"), rs.getString("to_member"), Money.ofMinor(rs.getLong("amount_minor"), rs.getInt("scale")),
                rs.getObject("business_date", LocalDate.class), rs.getString("reference"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("recorded_by"));
    }
}
