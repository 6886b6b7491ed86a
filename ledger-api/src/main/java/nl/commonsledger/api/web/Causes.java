package nl.commonsledger.api.web;

/** Looking through wrapped exceptions (Axon and Spring wrap what a handler threw). */
public final class Causes {

    private Causes() {
    }

    /** The first throwable of this type in the cause chain, or null. */
    public static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
