package nl.commonsledger.api.simulation;

/**
 * One step of a generated history: what to do, on which instance, to which project, and the entropy
 * from which its concrete request is drawn when it runs. A step names its target by slot (the
 * {@code project}-th project that exists when it runs, modulo their number), never by an id the
 * server chose, so that a history still means something after the shrinker has removed steps from it.
 */
record Step(int index, Kind kind, int instance, int project, long entropy) {

    enum Kind {
        CREATE_PROJECT, JOIN, LEAVE, KEY_EQUAL, KEY_WEIGHTED, RATE_CARD,
        MONEY, HOURS, CODE, CORRECT, REVERSE, SETTLE, CLOSE, IMPORT,
        /** A command that must be refused: 4xx, and no event. */
        REFUSED,
        /** Faults. */
        CONCURRENT_WRITERS, RESTART, DROP_CONNECTIONS;

        boolean isFault() {
            return this == CONCURRENT_WRITERS || this == RESTART || this == DROP_CONNECTIONS;
        }
    }

    @Override
    public String toString() {
        return "#" + index + " " + kind + " instance=" + instance + " project=" + project
                + " entropy=" + Long.toHexString(entropy);
    }
}
