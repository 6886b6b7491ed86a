package nl.commonsledger.api.admin;

import nl.commonsledger.api.config.ReadYourWrites;
import nl.commonsledger.api.projection.ParkedProjects;
import nl.commonsledger.api.web.ApiProblem;
import nl.commonsledger.projections.ledger.LedgerProjector;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Rebuilding the read models from the event store, and watching the processors. A rebuild stops the
 * projection's processor, resets its tokens (its reset handler empties the tables) and starts it
 * again; it then replays every event while the service keeps answering from the tables as they fill.
 */
@RestController
@RequestMapping("/api/admin/projections")
public class ProjectionAdmin {

    private static final Logger log = LoggerFactory.getLogger(ProjectionAdmin.class);

    /** A processor's progress: its position in the event store and how far behind the head it is. */
    public record ProcessorStatus(String name, String state, boolean running, long position, long head,
                                  long eventsBehind, int segments) {
    }

    public record Processors(List<ProcessorStatus> processors) {
    }

    /** What is parked, and after a retry how many projects it released. */
    public record ParkedList(List<ParkedProjects.Parked> parked, Integer released) {
    }

    private final EventProcessingConfiguration processing;
    private final ReadYourWrites readYourWrites;
    private final ParkedProjects parkedProjects;
    private final AtomicBoolean rebuilding = new AtomicBoolean();

    public ProjectionAdmin(EventProcessingConfiguration processing, ReadYourWrites readYourWrites,
                           ParkedProjects parkedProjects) {
        this.processing = processing;
        this.readYourWrites = readYourWrites;
        this.parkedProjects = parkedProjects;
    }

    /** Projects whose events the projection could not handle, each with its first failing event. */
    @GetMapping("/parked")
    public ParkedList parked() {
        return new ParkedList(parkedProjects.list(), null);
    }

    /** After the cause is fixed: every parked project is projected again, or stays parked if it fails. */
    @PostMapping("/parked/retry")
    public ParkedList retryParked() {
        int released = parkedProjects.retry();
        return new ParkedList(parkedProjects.list(), released);
    }

    @PostMapping("/rebuild")
    public ResponseEntity<Processors> rebuild() {
        if (!rebuilding.compareAndSet(false, true)) {
            throw ApiProblem.conflict("A rebuild is already being started.");
        }
        try {
            StreamingEventProcessor processor = ledgerProcessor();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
            log.info("Rebuild of the read models started from the first event.");
        } finally {
            rebuilding.set(false);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(status());
    }

    @GetMapping
    public Processors status() {
        StreamingEventProcessor processor = ledgerProcessor();
        long head = readYourWrites.head();
        long position = processor.processingStatus().values().stream()
                .mapToLong(s -> s.getCurrentPosition().orElse(-1))
                .min().orElse(-1);
        boolean replaying = processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isReplaying);
        long behind = Math.max(0, head - position);
        // Axon keeps a processor "replaying" until an event after the reset point arrives; for the
        // reader, a replay that has reached the head is live again.
        String state = !processor.isRunning() ? "STOPPED" : replaying && behind > 0 ? "REPLAYING" : behind > 0 ? "CATCHING_UP" : "LIVE";
        return new Processors(List.of(new ProcessorStatus(LedgerProjector.PROCESSING_GROUP, state,
                processor.isRunning(), position, head, behind, processor.processingStatus().size())));
    }

    private StreamingEventProcessor ledgerProcessor() {
        return processing.eventProcessor(LedgerProjector.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming processor " + LedgerProjector.PROCESSING_GROUP));
    }
}
