package nl.commonsledger.api.simulation;

import nl.commonsledger.api.simulation.Run.Failure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shortest history that still breaks the same invariant, within a time budget: first the
 * history up to the failing step, then removal of ever smaller runs of steps (halves, quarters, ...,
 * single steps), keeping each removal after which the same invariant still fails. Steps that
 * name something that no longer exists do nothing, so every subset of a history can be run.
 */
final class Shrinker {

    private final Cluster cluster;
    private final String invariant;
    private final long deadline;
    private Failure lastFailure;
    private Run lastFailingRun;
    private int trials;

    Shrinker(Cluster cluster, Failure failure, Duration budget) {
        this.cluster = cluster;
        this.invariant = failure.violation().invariant;
        this.lastFailure = failure;
        this.deadline = System.nanoTime() + budget.toNanos();
    }

    List<Step> shrink(List<Step> history) {
        List<Step> failing = upTo(history, lastFailure.step());
        // The prefix may still need confirming (say, when the failure was found only at the final check).
        if (!fails(failing)) {
            failing = new ArrayList<>(history);
        }
        for (int chunk = Math.max(1, failing.size() / 2); chunk >= 1 && !timeUp(); chunk /= 2) {
            for (int from = 0; from < failing.size() && !timeUp(); ) {
                List<Step> candidate = new ArrayList<>(failing.subList(0, from));
                candidate.addAll(failing.subList(Math.min(failing.size(), from + chunk), failing.size()));
                if (!candidate.isEmpty() && fails(candidate)) {
                    failing = upTo(candidate, lastFailure.step());
                } else {
                    from += chunk;
                }
            }
            if (chunk == 1) {
                break;
            }
        }
        return failing;
    }

    Optional<Failure> lastFailure() {
        return Optional.of(lastFailure);
    }

    Run lastFailingRun() {
        return lastFailingRun;
    }

    int trials() {
        return trials;
    }

    private boolean fails(List<Step> candidate) {
        trials++;
        Run run = new Run(cluster, "t" + trials);
        Optional<Failure> failure = run.execute(candidate);
        if (failure.isPresent() && failure.get().violation().invariant.equals(invariant)) {
            lastFailure = failure.get();
            lastFailingRun = run;
            return true;
        }
        return false;
    }

    private static List<Step> upTo(List<Step> history, Step last) {
        int end = last == null ? history.size() : history.indexOf(last) + 1;
        return new ArrayList<>(history.subList(0, end <= 0 ? history.size() : end));
    }

    private boolean timeUp() {
        return System.nanoTime() > deadline;
    }
}
