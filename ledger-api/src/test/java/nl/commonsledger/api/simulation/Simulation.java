package nl.commonsledger.api.simulation;

import nl.commonsledger.api.simulation.Run.Failure;
import nl.commonsledger.api.simulation.Step.Kind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A seeded simulation of histories and faults: a history drawn from the seed runs against real
 * instances on a fresh store, the invariants are checked after every step, and a failure is shrunk
 * to the shortest history that still breaks the same invariant, then reported with its seed.
 *
 * <p>Shrinking tries each smaller history on the same instances in a namespace of its own (fresh
 * project ids and keys), because a fresh store costs two application starts (seconds) where a
 * namespace costs nothing; projects share nothing, so a trial is as independent as on a fresh
 * store. The shortest history found is then run once more on a fresh store, and the report says
 * whether it failed there too.
 */
final class Simulation {

    record Settings(int steps, int instances, Duration shrinkBudget, List<String> properties) {
    }

    record Result(long seed, Settings settings, Optional<Failure> failure, List<Step> shortest, List<String> transcript,
                  Map<Kind, int[]> outcomes, int trials, boolean reproducedOnFreshStore, Duration elapsed) {

        boolean failed() {
            return failure.isPresent();
        }

        /** Every request of the run (of the shortest failing history, if it failed), under target/simulation. */
        void writeTranscript() {
            try {
                java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "simulation"));
                java.nio.file.Files.write(dir.resolve("seed-" + seed + ".txt"), transcript);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** What a developer needs: the seed, the invariant, the shortest history and its requests. */
        String report() {
            if (failure.isEmpty()) {
                return "seed=" + seed + " passed " + settings.steps() + " steps in " + elapsed.toMillis() + " ms";
            }
            Failure f = failure.get();
            StringBuilder out = new StringBuilder();
            out.append("Simulation failed: seed=").append(seed).append(" (steps=").append(settings.steps())
                    .append(", instances=").append(settings.instances()).append(")\n")
                    .append("  invariant: ").append(f.violation().invariant).append('\n')
                    .append("  at step:   ").append(f.step()).append('\n')
                    .append("  detail:    ").append(f.violation().getMessage()).append('\n')
                    .append("Shortest failing history: ").append(shortest.size()).append(" steps, found in ")
                    .append(trials).append(" trials; fails on a fresh store too: ").append(reproducedOnFreshStore)
                    .append('\n');
            shortest.forEach(s -> out.append("  ").append(s).append('\n'));
            out.append("Its requests:\n");
            transcript.forEach(t -> out.append("  ").append(t).append('\n'));
            out.append("Run it again: mvn -B -pl ledger-api -am verify -Dtest=SimulationTest -Dsurefire.failIfNoSpecifiedTests=false")
                    .append(" -Dsimulation.seeds=").append(seed).append(" -Dsimulation.steps=").append(settings.steps())
                    .append(" -Dsimulation.instances=").append(settings.instances())
                    .append(settings.properties().isEmpty() ? "" : " '-Dsimulation.properties=" + String.join(";", settings.properties()) + "'")
                    .append('\n');
            return out.toString();
        }
    }

    private Simulation() {
    }

    static Result run(long seed, Settings settings) {
        long started = System.nanoTime();
        List<Step> history = History.generate(seed, settings.steps(), settings.instances());
        try (Cluster cluster = Cluster.start(settings.instances(), settings.properties())) {
            Run first = new Run(cluster, "t0");
            Optional<Failure> failure = first.execute(history);
            if (failure.isEmpty()) {
                return new Result(seed, settings, failure, history, first.transcript, first.outcomes, 0, false,
                        Duration.ofNanos(System.nanoTime() - started));
            }
            Shrinker shrinker = new Shrinker(cluster, failure.get(), settings.shrinkBudget());
            List<Step> shortest = shrinker.shrink(history);
            Run confirmation;
            Optional<Failure> again;
            try (Cluster fresh = Cluster.start(settings.instances(), settings.properties())) {
                confirmation = new Run(fresh, "t0");
                again = confirmation.execute(shortest);
            }
            boolean reproduced = again.isPresent()
                    && again.get().violation().invariant.equals(failure.get().violation().invariant);
            Run shown = reproduced ? confirmation
                    : shrinker.lastFailingRun() != null ? shrinker.lastFailingRun() : first;
            return new Result(seed, settings, reproduced ? again : shrinker.lastFailure(), shortest,
                    shown.transcript, first.outcomes, shrinker.trials(), reproduced,
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Sums the outcome counts of several runs, per kind of step. */
    static Map<Kind, int[]> total(List<Result> results) {
        Map<Kind, int[]> sum = new EnumMap<>(Kind.class);
        for (Result r : results) {
            r.outcomes().forEach((kind, counts) -> {
                int[] s = sum.computeIfAbsent(kind, k -> new int[6]);
                for (int i = 0; i < counts.length; i++) {
                    s[i] += counts[i];
                }
            });
        }
        return sum;
    }

    static String table(Map<Kind, int[]> outcomes) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-20s %5s %5s %5s %5s %8s %8s", "step", "run", "2xx", "4xx", "idle", "step ms", "check ms"));
        outcomes.forEach((kind, c) -> lines.add(String.format("%-20s %5d %5d %5d %5d %8d %8d",
                kind, c[0], c[1], c[2], c[3], c[4], c[5])));
        return String.join("\n", lines);
    }
}
