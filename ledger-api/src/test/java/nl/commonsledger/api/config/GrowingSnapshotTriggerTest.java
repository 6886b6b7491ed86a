package nl.commonsledger.api.config;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Snapshots come every 500 events while a history is short, and at a quarter of it once it is long. */
class GrowingSnapshotTriggerTest {

    @Test
    void theEventsBetweenSnapshotsGrowWithTheHistory() {
        List<Long> snapshotsAt = new ArrayList<>();
        List<Long> handled = new ArrayList<>();
        SnapshotTrigger trigger = new GrowingSnapshotTrigger(
                (type, id) -> snapshotsAt.add(handled.get(handled.size() - 1)), 500).prepareTrigger(Object.class);
        for (long sequence = 0; sequence < 100_000; sequence++) {
            handled.add(sequence);
            trigger.eventHandled(new GenericDomainEventMessage<>("Project", "p", sequence, "event"));
        }

        // 500 events apart until the history is 2,000 events long, then a quarter of the history apart.
        assertThat(snapshotsAt.subList(0, 4)).containsExactly(499L, 999L, 1499L, 1999L);
        long previous = 1999;
        for (long at : snapshotsAt.subList(4, snapshotsAt.size())) {
            assertThat(at - previous).as("events before the snapshot at %d", at).isEqualTo((at + 1) / 4);
            previous = at;
        }
        // A fixed 500 would have taken 200 snapshots of an ever larger state.
        assertThat(snapshotsAt).hasSizeLessThan(25);
    }

    @Test
    void aProjectLoadedFromASnapshotCountsFromIt() {
        List<Long> snapshotsAt = new ArrayList<>();
        long[] last = new long[1];
        SnapshotTrigger trigger = new GrowingSnapshotTrigger((type, id) -> snapshotsAt.add(last[0]), 500)
                .prepareTrigger(Object.class);
        // Loaded from a snapshot of event 39,999, then the project goes on.
        for (long sequence = 39_999; sequence < 60_000; sequence++) {
            last[0] = sequence;
            trigger.eventHandled(new GenericDomainEventMessage<>("Project", "p", sequence, "event"));
        }
        // 13,332 events counted from the snapshot's, a quarter of the 53,331 the project then has.
        assertThat(snapshotsAt).first().isEqualTo(53_330L);
    }
}
