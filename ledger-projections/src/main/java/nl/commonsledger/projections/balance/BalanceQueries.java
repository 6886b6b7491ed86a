package nl.commonsledger.projections.balance;

import nl.commonsledger.core.period.Quarter;
import nl.commonsledger.projections.balance.Balances.MemberBalance;
import nl.commonsledger.projections.generation.Generation;
import nl.commonsledger.projections.generation.ReadModelTables;
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
    private final BucketTotals buckets;
    private final ReadModelTables tables;

    public BalanceQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.buckets = new BucketTotals(jdbc);
        this.tables = new ReadModelTables(jdbc);
    }

    /**
     * @param through the last business date counted, a quarter's last day, or null for all history;
     *                with a date, only members who joined by then are listed
     */
    public Optional<Balances> balances(String projectId, LocalDate through) {
        Generation g = tables.serving();
        Optional<BucketTotals.Project> project = buckets.project(g, projectId);
        if (project.isEmpty()) {
            return Optional.empty();
        }
        if (through != null && !through.equals(Quarter.of(through).lastDay())) {
            throw new IllegalArgumentException("balances are cut at a quarter's end, not " + through);
        }
        Date cut = Date.valueOf(through == null ? LocalDate.of(9999, 12, 31) : through);
        TreeMap<String, MemberBalance> figures = new TreeMap<>();
        jdbc.queryForList(g.sql("SELECT member_id FROM rm_member WHERE project_id = ? AND joined_on <= ?"),
                String.class, projectId, cut).forEach(m -> figures.put(m, new MemberBalance(m, 0, 0, 0, 0, 0, 0)));
        figures.putAll(buckets.sums(g, projectId, BucketTotals.Quarters.UP_TO_AND_INCLUDING, cut));
        List<MemberBalance> members = new ArrayList<>(figures.values());
        long total = members.stream().mapToLong(MemberBalance::contributedMinor).sum();
        return Optional.of(new Balances(projectId, project.get().currency(), project.get().scale(), total, members));
    }
}
