package nl.commonsledger.projections.balance;

import nl.commonsledger.projections.balance.Balances.MemberBalance;
import nl.commonsledger.projections.generation.Generation;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Date;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads what balances and statements both add up: a project's currency, and its per-member,
 * per-quarter totals ({@code rm_balance_bucket}) summed over a range of quarters.
 */
final class BucketTotals {

    /** Which quarters a sum covers, by their first day compared with a given quarter's first day. */
    enum Quarters {
        BEFORE("<"), ONLY("="), UP_TO_AND_INCLUDING("<=");

        private final String comparison;

        Quarters(String comparison) {
            this.comparison = comparison;
        }
    }

    record Project(String currency, int scale) {
    }

    private final JdbcTemplate jdbc;

    BucketTotals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Project> project(Generation g, String projectId) {
        return jdbc.query(g.sql("SELECT currency, scale FROM rm_project WHERE project_id = ?"),
                (rs, i) -> new Project(rs.getString(1), rs.getInt(2)), projectId).stream().findFirst();
    }

    /** Per member, the sums of its buckets in the given quarters; members without any are absent. */
    TreeMap<String, MemberBalance> sums(Generation g, String projectId, Quarters quarters, Date quarterStart) {
        TreeMap<String, MemberBalance> sums = new TreeMap<>();
        jdbc.query(g.sql("SELECT member_id, SUM(money_minor), SUM(hours_minor), SUM(code_minor), SUM(fair_share_minor), "
                        + "SUM(settlements_paid_minor), SUM(settlements_received_minor) FROM rm_balance_bucket "
                        + "WHERE project_id = ? AND quarter_start " + quarters.comparison + " ? GROUP BY member_id"),
                rs -> {
                    sums.put(rs.getString(1), new MemberBalance(rs.getString(1), rs.getLong(2), rs.getLong(3),
                            rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)));
                }, projectId, quarterStart);
        return sums;
    }
}
