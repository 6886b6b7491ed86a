package nl.commonsledger.api.simulation;

import nl.commonsledger.api.simulation.Simulation.Result;
import nl.commonsledger.api.simulation.Simulation.Settings;
import nl.commonsledger.api.simulation.Step.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seeded simulation (docs/simulation.md). The build runs a short fixed seed set; a long run is
 * asked for with system properties:
 * {@code -Dsimulation.seeds=1-200 -Dsimulation.steps=300 -Dsimulation.instances=2 -Dsimulation.shrink-seconds=300}
 * (and {@code -Dsimulation.properties=a=b;c=d} for the instances' application properties).
 */
class SimulationTest {

    /** Chosen so that together they draw every kind of step, every fault included. */
    static final String CI_SEEDS = "1,4";
    static final int CI_STEPS = 25;

    @Test
    void everySeedKeepsEveryInvariant() {
        List<Long> seeds = seeds(System.getProperty("simulation.seeds", CI_SEEDS));
        Settings settings = new Settings(Integer.getInteger("simulation.steps", CI_STEPS),
                Integer.getInteger("simulation.instances", 2),
                Duration.ofSeconds(Integer.getInteger("simulation.shrink-seconds", 120)), properties());
        List<Result> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (long seed : seeds) {
            Result result = Simulation.run(seed, settings);
            System.out.println(result.report());
            result.writeTranscript();
            results.add(result);
            if (result.failed()) {
                failures.add(result.report());
            }
        }
        Map<Kind, int[]> outcomes = Simulation.total(results);
        System.out.println(Simulation.table(outcomes));
        assertThat(failures).as("failing seeds").isEmpty();

        // A simulation that never reached a fault or a refusal would pass and prove nothing.
        for (Kind kind : Kind.values()) {
            int[] counts = outcomes.getOrDefault(kind, new int[6]);
            assertThat(counts[1] + counts[2]).as("%s steps that did something, in %s", kind, Simulation.table(outcomes))
                    .isPositive();
        }
        assertThat(outcomes.get(Kind.REFUSED)[2]).as("commands refused").isPositive();
        assertThat(outcomes.get(Kind.MONEY)[1]).as("bookings accepted").isPositive();
    }

    /** Application properties for every instance, as {@code a=b;c=d} (to plant a bug by hand, say). */
    static List<String> properties() {
        String spec = System.getProperty("simulation.properties", "");
        return spec.isBlank() ? List.of() : List.of(spec.split(";"));
    }

    /** "1,2,5" or "1-100", or both. */
    static List<Long> seeds(String spec) {
        List<Long> seeds = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] range = part.trim().split("-");
            long from = Long.parseLong(range[0]);
            long to = range.length > 1 ? Long.parseLong(range[1]) : from;
            for (long s = from; s <= to; s++) {
                seeds.add(s);
            }
        }
        return seeds;
    }
}
