package nl.commonsledger.projections.project;

import nl.commonsledger.core.period.Quarter;
import nl.commonsledger.projections.generation.Generation;
import nl.commonsledger.projections.generation.ReadModelTables;
import nl.commonsledger.projections.ledger.LedgerStore;
import nl.commonsledger.projections.ledger.ProjectTerms;
import nl.commonsledger.projections.project.ProjectView.MemberView;
import nl.commonsledger.projections.project.ProjectView.PeriodView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads projects from the read models. */
@Component
public class ProjectQueries {

    private final JdbcTemplate jdbc;
    private final LedgerStore store;

    private final ReadModelTables tables;

    public ProjectQueries(LedgerStore store) {
        this.store = store;
        this.jdbc = store.jdbc();
        this.tables = new ReadModelTables(jdbc);
    }

    public boolean exists(String projectId) {
        Integer n = jdbc.queryForObject(tables.serving().sql("SELECT COUNT(*) FROM rm_project WHERE project_id = ?"),
                Integer.class, projectId);
        return n != null && n > 0;
    }

    public List<String> projectIds() {
        return jdbc.queryForList(tables.serving().sql("SELECT project_id FROM rm_project ORDER BY project_id"),
                String.class);
    }

    /** The project with its periods: from the first period through the current quarter. */
    public Optional<ProjectView> find(String projectId, Clock clock) {
        Generation g = tables.serving();
        List<ProjectView> found = jdbc.query(
                g.sql("SELECT project_id, name, currency, scale, time_zone, created_on, last_closed FROM rm_project "
                        + "WHERE project_id = ?"),
                (rs, i) -> new ProjectView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), rs.getObject(6, LocalDate.class), rs.getString(7), null, null, null, null),
                projectId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ProjectView p = found.get(0);
        List<MemberView> members = jdbc.query(
                g.sql("SELECT member_id, name, joined_on, left_on FROM rm_member WHERE project_id = ? ORDER BY member_id"),
                (rs, i) -> new MemberView(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getObject(4, LocalDate.class)),
                projectId);
        ProjectTerms terms = store.terms(g, projectId);
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(p.timeZone())));
        return Optional.of(new ProjectView(p.projectId(), p.name(), p.currency(), p.scale(), p.timeZone(),
                p.createdOn(), p.lastClosed(), members, terms.keys(), terms.rates(),
                periods(g, projectId, p.createdOn(), members, today)));
    }

    private List<PeriodView> periods(Generation g, String projectId, LocalDate createdOn, List<MemberView> members, LocalDate today) {
        Map<String, PeriodView> closed = new HashMap<>();
        jdbc.query(g.sql("SELECT period, event_count, digest FROM rm_period WHERE project_id = ?"),
                rs -> {
                    closed.put(rs.getString(1), new PeriodView(rs.getString(1), "CLOSED", rs.getLong(2), rs.getString(3)));
                },
                projectId);
        List<PeriodView> periods = new ArrayList<>();
        Quarter last = Quarter.of(today);
        Quarter first = Quarter.firstPeriod(createdOn, members.stream().map(MemberView::joinedOn).toList());
        for (Quarter q = first; q.compareTo(last) <= 0; q = q.next()) {
            periods.add(closed.getOrDefault(q.toString(), new PeriodView(q.toString(), "OPEN", null, null)));
        }
        return periods;
    }
}
