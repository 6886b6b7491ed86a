package nl.commonsledger.api.config;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.AbstractSnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;

/**
 * Snapshots a project when the events since its last snapshot reach {@code minimum} or a quarter of
 * the project's history, whichever is more. A snapshot writes the project's whole state, so taken
 * every 500 events it costs more per event the longer the history (a project of 40,000 contributions
 * wrote an 8 MB snapshot every 500 bookings); growing with the history, it costs a bounded amount per
 * event, and loading a project that is not in the cache still replays at most a quarter of what the
 * snapshot holds. Axon's own {@code EventCountSnapshotTriggerDefinition} has only the fixed count.
 */
final class GrowingSnapshotTrigger implements SnapshotTriggerDefinition {

    /** The share of the history, as a divisor: a quarter. */
    static final int SHARE = 4;

    private final Snapshotter snapshotter;
    private final int minimum;

    GrowingSnapshotTrigger(Snapshotter snapshotter, int minimum) {
        this.snapshotter = snapshotter;
        this.minimum = minimum;
    }

    @Override
    public SnapshotTrigger prepareTrigger(Class<?> aggregateType) {
        return new Trigger(snapshotter, aggregateType, minimum);
    }

    @Override
    public SnapshotTrigger reconfigure(Class<?> aggregateType, SnapshotTrigger trigger) {
        if (trigger instanceof Trigger known) {
            known.setSnapshotter(snapshotter);
            return known;
        }
        return prepareTrigger(aggregateType);
    }

    private static final class Trigger extends AbstractSnapshotTrigger {

        private final int minimum;
        private int sinceSnapshot;
        private long history;

        Trigger(Snapshotter snapshotter, Class<?> aggregateType, int minimum) {
            super(snapshotter, aggregateType);
            this.minimum = minimum;
        }

        @Override
        public void eventHandled(EventMessage<?> message) {
            if (message instanceof DomainEventMessage<?> event) {
                history = event.getSequenceNumber() + 1;
            }
            super.eventHandled(message);
        }

        @Override
        protected boolean exceedsThreshold() {
            return ++sinceSnapshot >= Math.max(minimum, history / SHARE);
        }

        @Override
        protected void reset() {
            sinceSnapshot = 0;
        }
    }
}
