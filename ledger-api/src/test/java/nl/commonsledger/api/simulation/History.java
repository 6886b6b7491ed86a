package nl.commonsledger.api.simulation;

import nl.commonsledger.api.simulation.Step.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A history drawn from a seed alone: the same seed always gives the same steps, whatever the server
 * answers, so that a failing seed can be run again and shrunk.
 */
final class History {

    /** How often each kind of step is drawn, out of the sum of all weights. */
    private static final Object[] WEIGHTS = {
            Kind.CREATE_PROJECT, 2, Kind.JOIN, 6, Kind.LEAVE, 3, Kind.KEY_EQUAL, 2, Kind.KEY_WEIGHTED, 4,
            Kind.RATE_CARD, 4, Kind.MONEY, 12, Kind.HOURS, 10, Kind.CODE, 7, Kind.CORRECT, 8, Kind.REVERSE, 5,
            Kind.SETTLE, 6, Kind.CLOSE, 4, Kind.IMPORT, 5, Kind.REFUSED, 14,
            Kind.CONCURRENT_WRITERS, 4, Kind.RESTART, 2, Kind.DROP_CONNECTIONS, 3};

    private History() {
    }

    static List<Step> generate(long seed, int length, int instances) {
        Random random = new Random(seed);
        int total = 0;
        for (int i = 1; i < WEIGHTS.length; i += 2) {
            total += (Integer) WEIGHTS[i];
        }
        List<Step> steps = new ArrayList<>(length);
        for (int index = 0; index < length; index++) {
            Kind kind = index == 0 ? Kind.CREATE_PROJECT : draw(random, total);
            steps.add(new Step(index, kind, random.nextInt(instances), random.nextInt(16), random.nextLong()));
        }
        return steps;
    }

    private static Kind draw(Random random, int total) {
        int pick = random.nextInt(total);
        for (int i = 0; i < WEIGHTS.length; i += 2) {
            pick -= (Integer) WEIGHTS[i + 1];
            if (pick < 0) {
                return (Kind) WEIGHTS[i];
            }
        }
        throw new IllegalStateException();
    }
}
