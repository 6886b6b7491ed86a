package nl.commonsledger.projections.balance;

import nl.commonsledger.core.period.Quarter;
import nl.commonsledger.projections.balance.Balances.MemberBalance;
import nl.commonsledger.projections.generation.Generation;
import nl.commonsledger.projections.generation.ReadModelTables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Statements from the same per-member, per-quarter totals as the balances ({@code rm_balance_bucket}):
 * the opening balance sums the buckets before the quarter (zero before the first period), the
 * quarter's figures are its own bucket. A closed quarter's buckets never change (rule 4: nothing
 * takes effect in a closed period), and neither do those before it, so its statement is frozen.
 */
@Component
public class StatementQueries {

    private final JdbcTemplate jdbc;

    private final BucketTotals buckets;
    private final ReadModelTables tables;

    public StatementQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.buckets = new BucketTotals(jdbc);
        this.tables = new ReadModelTables(jdbc);
    }

    /** The statement of a quarter, or empty if there is no such project. */
    public Optional<Statement> statement(String projectId, Quarter period) {
        Generation g = tables.serving();
        Optional<BucketTotals.Project> project = buckets.project(g, projectId);
        if (project.isEmpty()) {
            return Optional.empty();
        }
        Date start = Date.valueOf(period.firstDay());
        List<String> members = jdbc.queryForList(g.sql("SELECT member_id FROM rm_member WHERE project_id = ? "
                + "AND joined_on <= ? ORDER BY member_id"), String.class, projectId, Date.valueOf(period.lastDay()));
        TreeMap<String, MemberBalance> before = buckets.sums(g, projectId, BucketTotals.Quarters.BEFORE, start);
        TreeMap<String, MemberBalance> during = buckets.sums(g, projectId, BucketTotals.Quarters.ONLY, start);
        List<Statement.Line> lines = new ArrayList<>();
        for (String m : members) {
            MemberBalance opening = before.get(m);
            lines.add(new Statement.Line(opening == null ? 0 : opening.balanceMinor(),
                    during.getOrDefault(m, new MemberBalance(m, 0, 0, 0, 0, 0, 0))));
        }
        List<String> digest = jdbc.queryForList(g.sql("SELECT digest FROM rm_period WHERE project_id = ? AND period = ?"),
                String.class, projectId, period.toString());
        return Optional.of(new Statement(projectId, project.get().currency(), project.get().scale(), period,
                !digest.isEmpty(), digest.isEmpty() ? null : digest.get(0), lines));
    }
}
