package nl.commonsledger.projections.replay;

import nl.commonsledger.core.money.MinorUnits;
import nl.commonsledger.core.project.ProjectTerms;
import nl.commonsledger.projections.balance.BalanceFigures;
import nl.commonsledger.projections.balance.Balances.MemberBalance;
import nl.commonsledger.projections.balance.Balances;
import nl.commonsledger.projections.replay.LedgerReplay.Contribution;
import nl.commonsledger.projections.replay.LedgerReplay.Settlement;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Balances as {@code /balances} defines them, summed one contribution and one settlement at a time
 * under the final terms (rule 4), optionally cut at a business date. The one place where a replay
 * turns contributions into balances, whether it holds them all ({@link LedgerReplay}) or counts each
 * as it goes by ({@link BalanceReplay}). Contributions and settlements may come in any order.
 */
final class BalanceTally {

    private final ProjectTerms terms;
    private final LocalDate cut;
    private final TreeMap<String, BalanceFigures> figures = new TreeMap<>();
    private final Map<String, Long> fairShares = new HashMap<>();
    private long total;

    BalanceTally(ProjectTerms finalTerms, LocalDate through) {
        this.terms = finalTerms;
        this.cut = through == null ? LocalDate.MAX : through;
    }

    /**
     * Counts a contribution and returns the figures it was counted with, or null if it does not count:
     * a reversed one allocates nothing, and one dated after the cut is left out.
     */
    LedgerReplay.Figures count(Contribution c) {
        if (c.reversed() || c.date().isAfter(cut)) {
            return null;
        }
        LedgerReplay.Figures f = LedgerReplay.figures(c, terms);
        figures.merge(c.memberId(), BalanceFigures.contributed(c.kind(), f.valueMinor()), BalanceFigures::plus);
        total += f.valueMinor();
        f.allocation().forEach((m, share) -> fairShares.merge(m, share, Long::sum));
        return f;
    }

    void count(Settlement s) {
        if (s.date().isAfter(cut)) {
            return;
        }
        long amount = MinorUnits.toMinor(s.amount(), terms.scale());
        figures.merge(s.from(), BalanceFigures.paid(amount), BalanceFigures::plus);
        figures.merge(s.to(), BalanceFigures.received(amount), BalanceFigures::plus);
    }

    /** Every member who had joined by the cut has a row, also with nothing counted. */
    Balances balances(String projectId, String currency) {
        TreeMap<String, BalanceFigures> rows = new TreeMap<>(figures);
        terms.members().stream().filter(m -> !m.joinedOn().isAfter(cut))
                .forEach(m -> rows.putIfAbsent(m.memberId(), BalanceFigures.ZERO));
        fairShares.forEach((m, share) -> rows.merge(m, BalanceFigures.fairShare(share), BalanceFigures::plus));
        List<MemberBalance> members = new ArrayList<>();
        rows.forEach((m, x) -> members.add(new MemberBalance(m, x)));
        return new Balances(projectId, currency, terms.scale(), total, members);
    }
}
