package nl.commonsledger.projections.replay;

import nl.commonsledger.core.project.ContributionStatus;
import nl.commonsledger.projections.balance.BalanceQueries;
import nl.commonsledger.projections.balance.Balances;
import nl.commonsledger.projections.contribution.ContributionFilter;
import nl.commonsledger.projections.contribution.ContributionQueries;
import nl.commonsledger.projections.contribution.ContributionView;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares a project's stored read models with {@link LedgerReplay}, the in-memory definition of every
 * figure: balances per member, and per contribution its member, kind, date, role, status, value and
 * allocation. The audit reports its differences; the projector's tests assert there are none.
 */
@Component
public class ReplayComparison {

    private static final int PAGE = 1000;

    private final BalanceQueries balances;
    private final ContributionQueries contributions;

    public ReplayComparison(BalanceQueries balances, ContributionQueries contributions) {
        this.balances = balances;
        this.contributions = contributions;
    }

    /** Where the read models of {@code projectId} differ from the replay, at most {@code limit} of them. */
    public List<String> differences(String projectId, LedgerReplay replay, int limit) {
        List<String> found = new ArrayList<>();
        if (replay.isEmpty()) {
            if (balances.balances(projectId, null).isPresent()) {
                found.add("the read models hold a project that the history does not");
            }
            return found;
        }
        Balances stored = balances.balances(projectId, null).orElse(null);
        Balances replayed = replay.balances(null);
        if (!replayed.equals(stored)) {
            found.add("balances differ from a replay: stored " + stored + ", replayed " + replayed);
        }
        Map<String, LedgerReplay.Figures> figures = replay.figures();
        Map<String, LedgerReplay.Contribution> expected = replay.contributions();
        ContributionFilter all = new ContributionFilter(null, null, null, null, null, null);
        long seen = 0;
        Long after = null;
        for (List<ContributionView> page = contributions.list(projectId, all, null, PAGE); !page.isEmpty();
             page = contributions.list(projectId, all, after, PAGE)) {
            for (ContributionView view : page) {
                LedgerReplay.Contribution c = expected.get(view.contributionId());
                LedgerReplay.Figures f = figures.get(view.contributionId());
                if (c == null || f == null
                        || !view.memberId().equals(c.memberId())
                        || view.kind() != c.kind()
                        || !view.date().equals(c.date())
                        || !Objects.equals(view.role(), c.role())
                        || view.status() != ContributionStatus.of(c.reversed())
                        || view.value().minor() != f.valueMinor()
                        || !view.allocation().equals(f.allocation())) {
                    if (found.size() < limit) {
                        found.add("contribution " + view.contributionId() + " differs from a replay: stored "
                                + view.value().minor() + " " + view.allocation() + ", replayed " + f);
                    }
                }
                seen++;
                after = view.listPosition();
            }
        }
        if (seen != expected.size()) {
            found.add("the read models list " + seen + " contributions, the history " + expected.size());
        }
        return found.size() > limit ? found.subList(0, limit) : found;
    }
}
