package nl.commonsledger.projections.replay;

import nl.commonsledger.core.project.ProjectEvent;
import nl.commonsledger.core.project.ProjectEvent.ContributionCorrected;
import nl.commonsledger.core.project.ProjectEvent.ContributionRecorded;
import nl.commonsledger.core.project.ProjectEvent.ContributionReversed;
import nl.commonsledger.core.project.ProjectEvent.PeriodClosed;
import nl.commonsledger.core.project.ProjectEvent.ProjectCreated;
import nl.commonsledger.core.project.ProjectEvent.SettlementRecorded;
import nl.commonsledger.core.project.ProjectTerms;
import nl.commonsledger.projections.balance.Balances;
import nl.commonsledger.projections.replay.LedgerReplay.Contribution;
import nl.commonsledger.projections.replay.LedgerReplay.Settlement;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A project's balances from its events in two passes, holding only what a later event can still
 * change: the same figures as {@link LedgerReplay#balances}, without a contribution in memory for every
 * one recorded. A history of a million contributions then folds in the memory of its terms.
 *
 * <p>Every figure is computed under the final terms (rule 4), so they come first: the first pass
 * ({@link #learn}) folds every event except the recordings, which change no terms, and notes which
 * contributions a correction or reversal changes. The second pass ({@link #apply}) reads all events
 * again in the same order and counts each unchanged contribution the moment its recording goes by;
 * only the changed ones wait, and are counted as their last event left them. A reversal freezes the
 * value under the terms as they stood at the reversal, so the second pass folds the terms again.
 *
 * <p>Both passes must see the same events: all of a project's, or those recorded by a moment
 * ({@code ?asOf=}).
 */
public final class BalanceReplay {

    private final ProjectTerms finalTerms = new ProjectTerms();
    private final ProjectTerms runningTerms = new ProjectTerms();
    private final Set<String> changed = new HashSet<>();
    private final Map<String, Contribution> waiting = new HashMap<>();
    private final BalanceTally tally;
    private String projectId;
    private String currency;
    private boolean secondPass;

    /** Balances cut at a business date, or all of them when {@code through} is null. */
    public BalanceReplay(LocalDate through) {
        this.tally = new BalanceTally(finalTerms, through);
    }

    /** Whether the first pass needs this type of event: every type but a recording. */
    public static boolean learnsFrom(Class<?> eventType) {
        return !ContributionRecorded.class.equals(eventType);
    }

    /** The first pass: one event, in sequence order; recordings may be left out (and are ignored). */
    public void learn(ProjectEvent event) {
        if (secondPass) {
            throw new IllegalStateException("the first pass is over");
        }
        finalTerms.apply(event);
        if (event instanceof ProjectCreated e) {
            projectId = e.projectId();
            currency = e.currency();
        } else if (event instanceof ContributionCorrected e) {
            changed.add(e.contributionId().toString());
        } else if (event instanceof ContributionReversed e) {
            changed.add(e.contributionId().toString());
        }
    }

    /** Whether the first pass saw the project created: if not, it did not exist (yet). */
    public boolean isEmpty() {
        return projectId == null;
    }

    /** The second pass: every event the first pass saw, and its recordings, in the same order. */
    public void apply(ProjectEvent event) {
        secondPass = true;
        if (runningTerms.apply(event)) {
            return;
        }
        // Java 17 has no pattern switch; the final branch keeps a new event type from passing unnoticed.
        if (event instanceof ContributionRecorded e) {
            Contribution c = LedgerReplay.recorded(e);
            if (changed.contains(c.contributionId())) {
                waiting.put(c.contributionId(), c);
            } else {
                tally.count(c);
            }
        } else if (event instanceof ContributionCorrected e) {
            Contribution old = waiting.get(e.contributionId().toString());
            waiting.put(old.contributionId(), LedgerReplay.corrected(old, e));
        } else if (event instanceof ContributionReversed e) {
            Contribution old = waiting.get(e.contributionId().toString());
            waiting.put(old.contributionId(), LedgerReplay.reversed(old, runningTerms));
        } else if (event instanceof SettlementRecorded e) {
            tally.count(new Settlement(e.from(), e.to(), e.amount(), e.date()));
        } else if (!(event instanceof PeriodClosed)) {
            throw new IllegalStateException("replay does not know " + event.getClass().getSimpleName());
        }
    }

    /** The balances, once the second pass has seen every event. */
    public Balances balances() {
        waiting.values().forEach(tally::count);
        waiting.clear();
        return tally.balances(projectId, currency);
    }
}
