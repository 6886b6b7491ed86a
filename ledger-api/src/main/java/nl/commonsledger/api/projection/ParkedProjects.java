package nl.commonsledger.api.projection;

import nl.commonsledger.projections.ledger.LedgerProjector;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Projects whose events the ledger projection could not handle. A failing event is parked in Axon's
 * sequenced dead-letter queue with its project as the sequence, and every later event of that project
 * waits behind it, so the project's read models stay as they were before the failure (behind, never
 * wrong), while every other project keeps projecting. An administrator lists what is parked and, once
 * the cause is fixed, retries it.
 */
@Component
public class ParkedProjects {

    private static final Logger log = LoggerFactory.getLogger(ParkedProjects.class);

    /** One parked project: the first event that failed, why, and how many events wait behind it. */
    public record Parked(String projectId, long firstSequence, String eventType, String cause, Instant parkedAt,
                         long eventsWaiting) {
    }

    private final EventProcessingConfiguration processing;

    public ParkedProjects(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** Whether the project's read models are behind its events because one of them is parked. */
    public boolean isParked(String projectId) {
        return queue().contains(projectId);
    }

    /** How many projects are parked: one count query, cheap enough for every health check. */
    public long count() {
        return queue().amountOfSequences();
    }

    public List<Parked> list() {
        List<Parked> parked = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue().deadLetters()) {
            Iterator<DeadLetter<? extends EventMessage<?>>> letters = sequence.iterator();
            if (!letters.hasNext()) {
                continue;
            }
            DeadLetter<? extends EventMessage<?>> first = letters.next();
            long waiting = 1;
            for (; letters.hasNext(); letters.next()) {
                waiting++;
            }
            EventMessage<?> event = first.message();
            String projectId = event instanceof DomainEventMessage<?> d ? d.getAggregateIdentifier() : null;
            long sequenceNumber = event instanceof DomainEventMessage<?> d ? d.getSequenceNumber() : -1;
            parked.add(new Parked(projectId, sequenceNumber, event.getPayloadType().getSimpleName(),
                    first.cause().map(c -> c.type() + ": " + c.message()).orElse(null), first.enqueuedAt(), waiting));
        }
        return parked;
    }

    /**
     * Retries every parked project once, oldest first: a project whose events now all pass is
     * projected and leaves the queue; one that fails again stays parked. Returns how many projects
     * were released.
     */
    public int retry() {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing
                .sequencedDeadLetterProcessor(LedgerProjector.PROCESSING_GROUP)
                .orElseThrow(() -> new IllegalStateException("no dead-letter processor for the ledger projection"));
        int released = 0;
        long sequences = queue().amountOfSequences();
        for (long i = 0; i < sequences; i++) {
            if (processor.processAny()) {
                released++;
            }
        }
        log.info("Retried {} parked project(s): {} released, {} still parked", sequences, released,
                queue().amountOfSequences());
        return released;
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue() {
        return processing.deadLetterQueue(LedgerProjector.PROCESSING_GROUP)
                .orElseThrow(() -> new IllegalStateException("no dead-letter queue for the ledger projection"));
    }
}
