package nl.commonsledger.projections.balance;

import nl.commonsledger.projections.balance.Balances.MemberBalance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Balances are sums over the read models, computed when asked: values and allocations are already
 * up to date per contribution (the projector keeps them so under rule 4), so a balance is a handful
 * of indexed aggregations and can never drift from the rows it sums.
 */
@Component
public class BalanceQueries {

    private final JdbcTemplate jdbc;

    public BalanceQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param through the last business date counted (a quarter's end), or null for all history;
     *                with a date, only members who joined by then are listed
     */
    public Optional<Balances> balances(String projectId, LocalDate through) {
        List<Object[]> project = jdbc.query("SELECT currency, scale FROM rm_project WHERE project_id = ?",
                (rs, i) -> new Object[]{rs.getString(1), rs.getInt(2)}, projectId);
        if (project.isEmpty()) {
            return Optional.empty();
        }
        Date cut = Date.valueOf(through == null ? LocalDate.of(9999, 12, 31) : through);
        Map<String, long[]> figures = new HashMap<>();
        List<String> memberIds = jdbc.queryForList(
                "SELECT member_id FROM rm_member WHERE project_id = ? AND joined_on <= ? ORDER BY member_id",
                String.class, projectId, cut);
        memberIds.forEach(m -> figures.put(m, new long[6]));

        long[] total = new long[1];
        jdbc.query("SELECT member_id, kind, SUM(value_minor) FROM rm_contribution "
                        + "WHERE project_id = ? AND status = 'EFFECTIVE' AND business_date <= ? GROUP BY member_id, kind",
                rs -> {
                    int slot = switch (rs.getString(2)) {
                        case "MONEY" -> 0;
                        case "HOURS" -> 1;
                        default -> 2;
                    };
                    long sum = rs.getLong(3);
                    figures.computeIfAbsent(rs.getString(1), k -> new long[6])[slot] += sum;
                    total[0] += sum;
                },
                projectId, cut);
        jdbc.query("SELECT a.member_id, SUM(a.share_minor) FROM rm_allocation a "
                        + "JOIN rm_contribution c ON c.contribution_id = a.contribution_id "
                        + "WHERE a.project_id = ? AND c.status = 'EFFECTIVE' AND c.business_date <= ? GROUP BY a.member_id",
                rs -> {
                    figures.computeIfAbsent(rs.getString(1), k -> new long[6])[3] += rs.getLong(2);
                },
                projectId, cut);
        jdbc.query("SELECT from_member, SUM(amount_minor) FROM rm_settlement "
                        + "WHERE project_id = ? AND business_date <= ? GROUP BY from_member",
                rs -> {
                    figures.computeIfAbsent(rs.getString(1), k -> new long[6])[4] += rs.getLong(2);
                },
                projectId, cut);
        jdbc.query("SELECT to_member, SUM(amount_minor) FROM rm_settlement "
                        + "WHERE project_id = ? AND business_date <= ? GROUP BY to_member",
                rs -> {
                    figures.computeIfAbsent(rs.getString(1), k -> new long[6])[5] += rs.getLong(2);
                },
                projectId, cut);

        List<MemberBalance> members = new ArrayList<>();
        figures.keySet().stream().sorted().forEach(m -> {
            long[] f = figures.get(m);
            members.add(new MemberBalance(m, f[0], f[1], f[2], f[3], f[4], f[5]));
        });
        return Optional.of(new Balances(projectId, (String) project.get(0)[0], (Integer) project.get(0)[1],
                total[0], members));
    }
}
