package nl.commonsledger.projections.balance;

import nl.commonsledger.core.period.Quarter;
import nl.commonsledger.projections.balance.Balances.MemberBalance;
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

    private static final String SUMS = "SELECT member_id, SUM(money_minor), SUM(hours_minor), SUM(code_minor), "
            + "SUM(fair_share_minor), SUM(settlements_paid_minor), SUM(settlements_received_minor) "
            + "FROM rm_balance_bucket WHERE project_id = ? AND quarter_start %s ? GROUP BY member_id";

    private final JdbcTemplate jdbc;

    public StatementQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The statement of a quarter, or empty if there is no such project. */
    public Optional<Statement> statement(String projectId, Quarter period) {
        List<Object[]> project = jdbc.query("SELECT currency, scale FROM rm_project WHERE project_id = ?",
                (rs, i) -> new Object[]{rs.getString(1), rs.getInt(2)}, projectId);
        if (project.isEmpty()) {
            return Optional.empty();
        }
        Date start = Date.valueOf(period.firstDay());
        List<String> members = jdbc.queryForList("SELECT member_id FROM rm_member WHERE project_id = ? "
                + "AND joined_on <= ? ORDER BY member_id", String.class, projectId, Date.valueOf(period.lastDay()));
        TreeMap<String, MemberBalance> before = sums(projectId, "<", start);
        TreeMap<String, MemberBalance> during = sums(projectId, "=", start);
        List<Statement.Line> lines = new ArrayList<>();
        for (String m : members) {
            MemberBalance opening = before.get(m);
            lines.add(new Statement.Line(opening == null ? 0 : opening.balanceMinor(),
                    during.getOrDefault(m, new MemberBalance(m, 0, 0, 0, 0, 0, 0))));
        }
        List<String> digest = jdbc.queryForList("SELECT digest FROM rm_period WHERE project_id = ? AND period = ?",
                String.class, projectId, period.toString());
        return Optional.of(new Statement(projectId, (String) project.get(0)[0], (Integer) project.get(0)[1], period,
                !digest.isEmpty(), digest.isEmpty() ? null : digest.get(0), lines));
    }

    private TreeMap<String, MemberBalance> sums(String projectId, String comparison, Date quarterStart) {
        TreeMap<String, MemberBalance> sums = new TreeMap<>();
        jdbc.query(SUMS.formatted(comparison), rs -> {
            sums.put(rs.getString(1), new MemberBalance(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                    rs.getLong(5), rs.getLong(6), rs.getLong(7)));
        }, projectId, quarterStart);
        return sums;
    }
}
