package nl.commonsledger.projections.balance;

import nl.commonsledger.core.period.Quarter;
import nl.commonsledger.projections.balance.Balances.MemberBalance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Balances from the per-member, per-quarter totals that the projector keeps up to date
 * ({@code rm_balance_bucket}): a balance now, or through a quarter, sums a few rows per member,
 * however long the project's history. {@code /audit} checks these totals against a replay.
 */
@Component
public class BalanceQueries {

    private final JdbcTemplate jdbc;

    public BalanceQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param through the last business date counted, a quarter's last day, or null for all history;
     *                with a date, only members who joined by then are listed
     */
    public Optional<Balances> balances(String projectId, LocalDate through) {
        List<Object[]> project = jdbc.query("SELECT currency, scale FROM rm_project WHERE project_id = ?",
                (rs, i) -> new Object[]{rs.getString(1), rs.getInt(2)}, projectId);
        if (project.isEmpty()) {
            return Optional.empty();
        }
        if (through != null && !through.equals(Quarter.of(through).lastDay())) {
            throw new IllegalArgumentException("balances are cut at a quarter's end, not " + through);
        }
        Date cut = Date.valueOf(through == null ? LocalDate.of(9999, 12, 31) : through);
        TreeMap<String, long[]> figures = new TreeMap<>();
        jdbc.queryForList("SELECT member_id FROM rm_member WHERE project_id = ? AND joined_on <= ?",
                String.class, projectId, cut).forEach(m -> figures.put(m, new long[6]));
        jdbc.query("SELECT member_id, SUM(money_minor), SUM(hours_minor), SUM(code_minor), SUM(fair_share_minor), "
                        + "SUM(settlements_paid_minor), SUM(settlements_received_minor) FROM rm_balance_bucket "
                        + "WHERE project_id = ? AND quarter_start <= ? GROUP BY member_id",
                rs -> {
                    long[] f = figures.computeIfAbsent(rs.getString(1), k -> new long[6]);
                    for (int i = 0; i < 6; i++) {
                        f[i] += rs.getLong(i + 2);
                    }
                },
                projectId, cut);
        List<MemberBalance> members = new ArrayList<>();
        long total = 0;
        for (var e : figures.entrySet()) {
            long[] f = e.getValue();
            members.add(new MemberBalance(e.getKey(), f[0], f[1], f[2], f[3], f[4], f[5]));
            total += f[0] + f[1] + f[2];
        }
        return Optional.of(new Balances(projectId, (String) project.get(0)[0], (Integer) project.get(0)[1],
                total, members));
    }
}
