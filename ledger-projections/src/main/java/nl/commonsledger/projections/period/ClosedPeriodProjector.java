package nl.commonsledger.projections.period;

import nl.commonsledger.core.project.ProjectEvent.PeriodClosed;
import nl.commonsledger.projections.generation.Generation;
import nl.commonsledger.projections.generation.ReadModel;
import nl.commonsledger.projections.generation.ReadModelTables;
import nl.commonsledger.projections.ledger.LedgerProjector;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.ZoneOffset;
import java.util.List;

/**
 * The closed quarters of each project, with the event count and the digest the board sealed
 * ({@code rm_period}, migrations V2 and V7). Nothing else in the ledger depends on these rows, so
 * they are a read model of their own, rebuilt through this handler like any read model added later.
 */
@Component
@ProcessingGroup(LedgerProjector.PROCESSING_GROUP)
public class ClosedPeriodProjector implements ReadModel {

    private final JdbcTemplate jdbc;
    private final ReadModelTables tables;

    public ClosedPeriodProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.tables = new ReadModelTables(jdbc);
    }

    @Override
    public List<String> tables() {
        return List.of("rm_period");
    }

    @EventHandler
    void on(PeriodClosed e) {
        Generation g = tables.writing();
        jdbc.update(g.sql("INSERT INTO rm_period (project_id, period, event_count, digest, closed_at) VALUES (?, ?, ?, ?, ?)"),
                e.projectId(), e.period().toString(), e.eventCount(), e.digest(), e.recordedAt().atOffset(ZoneOffset.UTC));
    }
}
