package nl.commonsledger.api.admin;

import nl.commonsledger.api.security.Access;
import nl.commonsledger.api.security.Operation;
import nl.commonsledger.api.config.ReadYourWrites;
import nl.commonsledger.api.projection.ParkedProjects;
import nl.commonsledger.api.projection.ReadModelRebuild;
import nl.commonsledger.api.web.ApiProblem;
import nl.commonsledger.projections.ledger.LedgerProjector;
import org.axonframework.config.EventProcessingConfiguration;
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

/**
 * Rebuilding the read models from the event store, and watching the processors. A rebuild fills the
 * other generation of the read-model tables while the current one keeps serving, and switches over
 * when it has caught up ({@link ReadModelRebuild}).
 */
@RestController
@RequestMapping("/api/admin/projections")
@Access(Operation.ADMINISTER)
public class ProjectionAdmin {

    private static final Logger log = LoggerFactory.getLogger(ProjectionAdmin.class);

    /** A processor's progress: its position in the event store and how far behind the head it is. */
    public record ProcessorStatus(String name, String state, boolean running, long position, long head,
                                  long eventsBehind, int segments) {
    }

    /** The live processor, and the rebuild (if one ran since the start) with its progress. */
    public record Processors(List<ProcessorStatus> processors, ReadModelRebuild.Progress rebuild) {
    }

    /** What is parked, and after a retry how many projects it released. */
    public record ParkedList(List<ParkedProjects.Parked> parked, Integer released) {
    }

    private final EventProcessingConfiguration processing;
    private final ReadYourWrites readYourWrites;
    private final ParkedProjects parkedProjects;
    private final ReadModelRebuild rebuild;

    public ProjectionAdmin(EventProcessingConfiguration processing, ReadYourWrites readYourWrites,
                           ParkedProjects parkedProjects, ReadModelRebuild rebuild) {
        this.processing = processing;
        this.readYourWrites = readYourWrites;
        this.parkedProjects = parkedProjects;
        this.rebuild = rebuild;
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

    /** Starts a rebuild into the other generation of tables; the current one serves until the switch. */
    @PostMapping("/rebuild")
    public ResponseEntity<Processors> rebuild() {
        if (!rebuild.start()) {
            throw ApiProblem.conflict("A rebuild is already running.");
        }
        log.info("Rebuild of the read models started.");
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(status());
    }

    @GetMapping
    public Processors status() {
        StreamingEventProcessor processor = ledgerProcessor();
        long head = readYourWrites.head();
        long position = processor.processingStatus().values().stream()
                .mapToLong(s -> s.getCurrentPosition().orElse(-1))
                .min().orElse(-1);
        long behind = Math.max(0, head - position);
        ReadModelRebuild.Progress progress = rebuild.progress();
        String state = progress.running() ? "REBUILDING" : !processor.isRunning() ? "STOPPED"
                : behind > 0 ? "CATCHING_UP" : "LIVE";
        return new Processors(List.of(new ProcessorStatus(LedgerProjector.PROCESSING_GROUP, state,
                processor.isRunning(), position, head, behind, processor.processingStatus().size())), progress);
    }

    private StreamingEventProcessor ledgerProcessor() {
        return processing.eventProcessor(LedgerProjector.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming processor " + LedgerProjector.PROCESSING_GROUP));
    }
}
