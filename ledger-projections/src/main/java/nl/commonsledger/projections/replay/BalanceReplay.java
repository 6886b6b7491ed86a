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
import nl.commonsledger.projections.replay.LedgerReplay.Figures;
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
    /** The changed contributions so far, with the sequence of their recording, which is their list position. */
    private final Map<String, Map.Entry<Contribution, Long>> waiting = new HashMap<>();
    private final BalanceTally tally;
    private Settled settled = (c, figures, position) -> { };
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

    /** What {@link #onSettled} hears of each contribution. */
    @FunctionalInterface
    public interface Settled {
        /**
         * A contribution as the history leaves it, its figures under the final terms, and the sequence of
         * its recording (its list position).
         */
        void accept(Contribution contribution, Figures figures, long position);
    }

    /**
     * Hands each contribution to {@code listener} once no later event changes it: an unchanged one when
     * its recording goes by, so in the order of recording, and the changed ones at the end
     * ({@link #balances}), in no particular order. Set before the second pass.
     */
    public void onSettled(Settled listener) {
        this.settled = listener;
    }

    /** Whether a correction or reversal the first pass saw changes this contribution. */
    public boolean changes(String contributionId) {
        return changed.contains(contributionId);
    }

    /** Whether the first pass saw the project created: if not, it did not exist (yet). */
    public boolean isEmpty() {
        return projectId == null;
    }

    /** The second pass: every event the first pass saw, and its recordings, in the same order. */
    public void apply(ProjectEvent event, long sequence) {
        secondPass = true;
        if (runningTerms.apply(event)) {
            return;
        }
        // Java 17 has no pattern switch; the final branch keeps a new event type from passing unnoticed.
        if (event instanceof ContributionRecorded e) {
            Contribution c = LedgerReplay.recorded(e);
            if (changed.contains(c.contributionId())) {
                waiting.put(c.contributionId(), Map.entry(c, sequence));
            } else {
                settle(c, sequence);
            }
        } else if (event instanceof ContributionCorrected e) {
            Map.Entry<Contribution, Long> old = held(e.contributionId().toString());
            waiting.put(old.getKey().contributionId(), Map.entry(LedgerReplay.corrected(old.getKey(), e), old.getValue()));
        } else if (event instanceof ContributionReversed e) {
            Map.Entry<Contribution, Long> old = held(e.contributionId().toString());
            waiting.put(old.getKey().contributionId(),
                    Map.entry(LedgerReplay.reversed(old.getKey(), runningTerms), old.getValue()));
        } else if (event instanceof SettlementRecorded e) {
            tally.count(new Settlement(e.from(), e.to(), e.amount(), e.date()));
        } else if (!(event instanceof PeriodClosed)) {
            throw new IllegalStateException("replay does not know " + event.getClass().getSimpleName());
        }
    }

    private Map.Entry<Contribution, Long> held(String contributionId) {
        Map.Entry<Contribution, Long> held = waiting.get(contributionId);
        if (held == null) {
            throw new IllegalStateException("contribution " + contributionId + " changes before its recording, "
                    + "or the first pass did not see it change");
        }
        return held;
    }

    /** Counts a contribution into the balances and tells the listener, with the figures computed once. */
    private void settle(Contribution c, long position) {
        Figures counted = tally.count(c);
        settled.accept(c, counted != null ? counted : LedgerReplay.figures(c, finalTerms), position);
    }

    /** The balances, once the second pass has seen every event. */
    public Balances balances() {
        waiting.values().forEach(held -> settle(held.getKey(), held.getValue()));
        waiting.clear();
        return tally.balances(projectId, currency);
    }
}
