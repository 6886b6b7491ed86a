package nl.commonsledger.projections.project;

import nl.commonsledger.core.period.Quarter;
import nl.commonsledger.core.project.ProjectTerms;
import nl.commonsledger.projections.generation.Generation;
import nl.commonsledger.projections.generation.ReadModelTables;
import nl.commonsledger.projections.ledger.LedgerStore;
import nl.commonsledger.projections.project.ProjectView.MemberView;
import nl.commonsledger.projections.project.ProjectView.PeriodView;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    private final JdbcClient jdbc;
    private final LedgerStore store;
    private final ReadModelTables tables;

    public ProjectQueries(LedgerStore store) {
        this.store = store;
        this.jdbc = JdbcClient.create(store.jdbc());
        this.tables = new ReadModelTables(store.jdbc());
    }

    public boolean exists(String projectId) {
        return jdbc.sql(tables.serving().sql("SELECT COUNT(*) FROM rm_project WHERE project_id = ?"))
                .param(projectId).query(Integer.class).single() > 0;
    }

    public List<String> projectIds() {
        return jdbc.sql(tables.serving().sql("SELECT project_id FROM rm_project ORDER BY project_id"))
                .query(String.class).list();
    }

    /** The currency a project keeps its books in, with its scale; empty for an unknown project. */
    public Optional<ProjectCurrency> currency(String projectId) {
        return jdbc.sql(tables.serving().sql("SELECT currency, scale FROM rm_project WHERE project_id = ?"))
                .param(projectId)
                .query((rs, i) -> new ProjectCurrency(rs.getString("currency"), rs.getInt("scale")))
                .optional();
    }

    /** A project's terms (members, key and rate versions, currency scale), as the read models hold them. */
    public ProjectTerms terms(String projectId) {
        return store.terms(tables.serving(), projectId);
    }

    /** Whether a member (joined, or left since) belongs to a project. */
    public boolean hasMember(String projectId, String memberId) {
        return jdbc.sql(tables.serving().sql("SELECT COUNT(*) FROM rm_member WHERE project_id = ? AND member_id = ?"))
                .params(projectId, memberId).query(Integer.class).single() > 0;
    }

    /** The project with its periods: from the first period through the current quarter. */
    public Optional<ProjectView> find(String projectId, Clock clock) {
        Generation g = tables.serving();
        Optional<ProjectView> found = jdbc.sql(g.sql("SELECT project_id, name, currency, scale, time_zone, created_on, "
                        + "last_closed FROM rm_project WHERE project_id = ?"))
                .param(projectId)
                .query((rs, i) -> new ProjectView(rs.getString("project_id"), rs.getString("name"),
                        rs.getString("currency"), rs.getInt("scale"), rs.getString("time_zone"),
                        rs.getObject("created_on", LocalDate.class), rs.getString("last_closed"),
                        null, null, null, null))
                .optional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ProjectView p = found.get();
        List<MemberView> members = members(g, projectId);
        ProjectTerms terms = store.terms(g, projectId);
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(p.timeZone())));
        return Optional.of(new ProjectView(p.projectId(), p.name(), p.currency(), p.scale(), p.timeZone(),
                p.createdOn(), p.lastClosed(), members, terms.keys(), terms.rates(),
                periods(g, projectId, p.createdOn(), members, today)));
    }

    /** A project's members, by member id. */
    public List<MemberView> members(String projectId) {
        return members(tables.serving(), projectId);
    }

    private List<MemberView> members(Generation g, String projectId) {
        return jdbc.sql(g.sql("SELECT member_id, name, joined_on, left_on FROM rm_member WHERE project_id = ? "
                        + "ORDER BY member_id"))
                .param(projectId)
                .query((rs, i) -> new MemberView(rs.getString("member_id"), rs.getString("name"),
                        rs.getObject("joined_on", LocalDate.class), rs.getObject("left_on", LocalDate.class)))
                .list();
    }

    private List<PeriodView> periods(Generation g, String projectId, LocalDate createdOn, List<MemberView> members, LocalDate today) {
        Map<String, PeriodView> closed = new HashMap<>();
        jdbc.sql(g.sql("SELECT period, event_count, digest FROM rm_period WHERE project_id = ?"))
                .param(projectId)
                .query((rs, i) -> new PeriodView(rs.getString("period"), "CLOSED", rs.getLong("event_count"),
                        rs.getString("digest")))
                .list()
                .forEach(p -> closed.put(p.period(), p));
        List<PeriodView> periods = new ArrayList<>();
        Quarter last = Quarter.of(today);
        Quarter first = Quarter.firstPeriod(createdOn, members.stream().map(MemberView::joinedOn).toList());
        for (Quarter q = first; q.compareTo(last) <= 0; q = q.next()) {
            periods.add(closed.getOrDefault(q.toString(), new PeriodView(q.toString(), "OPEN", null, null)));
        }
        return periods;
    }
}
