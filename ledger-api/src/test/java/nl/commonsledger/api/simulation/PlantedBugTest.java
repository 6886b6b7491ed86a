package nl.commonsledger.api.simulation;

import nl.commonsledger.api.simulation.Simulation.Result;
import nl.commonsledger.api.simulation.Simulation.Settings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulation is worth something only if it catches a bug: with an off-by-one planted in the
 * allocation the service shows ({@link PlantedBug}), a seed of the build's set must fail, name the
 * broken invariant and its seed, and shrink to a history much shorter than the one it ran.
 */
class PlantedBugTest {

    private static final long SEED = 1;

    @Test
    void anOffByOneInAllocationIsCaughtWithItsSeed() {
        // One instance: the bug is in what any instance shows, and one start is cheaper than two.
        Settings settings = new Settings(SimulationTest.CI_STEPS, 1, Duration.ofSeconds(20),
                List.of(PlantedBug.PROPERTY + "=" + PlantedBug.ALLOCATION_OFF_BY_ONE));
        Result result = Simulation.run(SEED, settings);
        System.out.println(result.report());

        assertThat(result.failed()).as(result.report()).isTrue();
        assertThat(result.failure().get().violation().invariant).isEqualTo(Invariants.ALLOCATION);
        assertThat(result.report()).contains("seed=" + SEED).contains(Invariants.ALLOCATION)
                .contains("-Dsimulation.seeds=" + SEED);
        assertThat(result.reproducedOnFreshStore()).as("the shortest history fails on a fresh store").isTrue();
        // A project, and a booking that does not divide evenly, is all the bug needs.
        assertThat(result.shortest()).as(result.report()).hasSizeLessThanOrEqualTo(3);
    }
}
