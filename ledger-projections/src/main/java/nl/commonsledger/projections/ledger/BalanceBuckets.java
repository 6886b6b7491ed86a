package nl.commonsledger.projections.ledger;

import nl.commonsledger.core.period.Quarter;
import nl.commonsledger.core.project.ContributionKind;
import nl.commonsledger.projections.balance.BalanceFigures;
import nl.commonsledger.projections.generation.Generation;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes to the per-member, per-quarter balance totals ({@code rm_balance_bucket}) caused by one
 * event: collected in memory while the projector handles the event, then written in one go. Every
 * change of a contribution's value or allocation is booked here as "take the old figures out, put
 * the new ones in", so the buckets always equal the sums over the contribution and allocation rows
 * (which {@code /audit} checks against a replay).
 */
public final class BalanceBuckets {

    private record Key(String memberId, LocalDate quarterStart) {
    }

    private final String projectId;
    private final Map<Key, BalanceFigures> deltas = new LinkedHashMap<>();

    public BalanceBuckets(String projectId) {
        this.projectId = projectId;
    }

    /** A contribution's figures counted in (sign +1) or taken out (sign -1). */
    public void contribution(String contributor, ContributionKind kind, LocalDate date, long valueMinor,
                             Map<String, Long> shares, int sign) {
        add(contributor, date, BalanceFigures.contributed(kind, sign * valueMinor));
        shares.forEach((member, share) -> add(member, date, BalanceFigures.fairShare(sign * share)));
    }

    public void settlement(String from, String to, LocalDate date, long amountMinor) {
        add(from, date, BalanceFigures.paid(amountMinor));
        add(to, date, BalanceFigures.received(amountMinor));
    }

    private void add(String memberId, LocalDate date, BalanceFigures delta) {
        if (!delta.isZero()) {
            deltas.merge(new Key(memberId, Quarter.of(date).firstDay()), delta, BalanceFigures::plus);
        }
    }

    /** Each bucket's totals as rows of rm_balance_bucket's columns, from project_id to the six figures. */
    public List<Object[]> asRows() {
        List<Object[]> rows = new ArrayList<>();
        deltas.forEach((key, d) -> rows.add(row(key, d)));
        return rows;
    }

    private Object[] row(Key key, BalanceFigures d) {
        return new Object[]{projectId, key.memberId(), Date.valueOf(key.quarterStart()), d.moneyMinor(),
                d.hoursMinor(), d.codeMinor(), d.fairShareMinor(), d.settlementsPaidMinor(),
                d.settlementsReceivedMinor()};
    }

    /** Writes the collected changes, as one batch: an update of each bucket, or its first row. */
    void writeTo(JdbcTemplate jdbc, Generation g) {
        if (deltas.isEmpty()) {
            return;
        }
        List<Key> keys = new ArrayList<>(deltas.keySet());
        List<Object[]> updates = new ArrayList<>();
        for (Key key : keys) {
            BalanceFigures d = deltas.get(key);
            updates.add(new Object[]{d.moneyMinor(), d.hoursMinor(), d.codeMinor(), d.fairShareMinor(),
                    d.settlementsPaidMinor(), d.settlementsReceivedMinor(), projectId, key.memberId(),
                    Date.valueOf(key.quarterStart())});
        }
        int[] updated = jdbc.batchUpdate(g.sql("UPDATE rm_balance_bucket SET money_minor = money_minor + ?, "
                + "hours_minor = hours_minor + ?, code_minor = code_minor + ?, "
                + "fair_share_minor = fair_share_minor + ?, "
                + "settlements_paid_minor = settlements_paid_minor + ?, "
                + "settlements_received_minor = settlements_received_minor + ? "
                + "WHERE project_id = ? AND member_id = ? AND quarter_start = ?"), updates);
        List<Object[]> inserts = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (updated[i] == 0) {
                inserts.add(row(keys.get(i), deltas.get(keys.get(i))));
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate(g.sql(ReadModelRows.BALANCE_BUCKET), inserts);
        }
        deltas.clear();
    }
}
