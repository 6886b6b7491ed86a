package nl.commonsledger.api.simulation;

/** An invariant that did not hold, by name (the shrinker keeps a smaller history only if the same one fails). */
final class Violation extends RuntimeException {

    final String invariant;

    Violation(String invariant, String detail) {
        super(invariant + ": " + detail);
        this.invariant = invariant;
    }

    static void require(boolean holds, String invariant, String detail) {
        if (!holds) {
            throw new Violation(invariant, detail);
        }
    }
}
