package nl.commonsledger.projections.settlement;

import nl.commonsledger.projections.generation.ReadModelTables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Reads settlements from the read models. */
@Component
public class SettlementQueries {

    private final JdbcTemplate jdbc;
    private final ReadModelTables tables;

    public SettlementQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.tables = new ReadModelTables(jdbc);
    }

    public Optional<SettlementView> find(String projectId, String settlementId) {
        return jdbc.query(tables.serving().sql("SELECT s.settlement_id, s.project_id, s.from_member, s.to_member, s.amount_minor, p.scale, "
                        + "s.business_date, s.reference, s.recorded_at, s.recorded_by FROM rm_settlement s "
                        + "JOIN rm_project p ON p.project_id = s.project_id "
                        + "WHERE s.project_id = ? AND s.settlement_id = ?"),
                (rs, i) -> new SettlementView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getInt(6), rs.getObject(7, LocalDate.class), rs.getString(8),
                        rs.getObject(9, OffsetDateTime.class).toInstant(), rs.getString(10)),
                projectId, settlementId).stream().findFirst();
    }
}
