package nl.commonsledger.api.projection;

import nl.commonsledger.core.project.ProjectEvent;
import nl.commonsledger.projections.generation.Generation;
import nl.commonsledger.projections.generation.ReadModel;
import nl.commonsledger.projections.generation.ReadModelTables;
import nl.commonsledger.projections.ledger.LedgerProjector;
import nl.commonsledger.projections.ledger.LedgerStore;
import nl.commonsledger.projections.rebuild.HandlerReplay;
import nl.commonsledger.projections.rebuild.ProjectImage;
import nl.commonsledger.projections.rebuild.ReadModelWriter;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import nl.commonsledger.api.config.ReadYourWrites;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Rebuilds the read models without the service going dark. The generation that serves keeps
 * serving, and the live projection keeps it up to date, while the other generation is built:
 * <ol>
 *   <li>every event up to the head is folded, project by project, into what the ledger's rows depend
 *       on besides the event itself ({@link ProjectImage}: the final terms, and which contributions a
 *       later event changes); every other {@link ReadModel} gets the same events through its own
 *       handlers ({@link HandlerReplay}) as they are read;</li>
 *   <li>the events are read a second time, and the ledger's rows written in bulk into the other
 *       generation as they go by, with {@code LedgerReplay}'s figures ({@link ReadModelWriter}): only
 *       the contributions still to change wait in memory;</li>
 *   <li>then the live processor pauses, the events stored since the fold began are projected into the
 *       new generation by every read model's own handlers, and in one transaction the processor's
 *       token moves to the last of them and the new generation becomes the serving one;</li>
 *   <li>the processor resumes, now on the new generation.</li>
 * </ol>
 * Reads answer from the old generation until the switch commits, and from the new one after, so
 * no read sees a half-built table. Writes made during the pause wait (read-your-writes) for the
 * switch, which takes as long as projecting the events that arrived during the fold. A failure
 * before the switch leaves the old generation serving, and is reported in the progress.
 *
 * <p>The same path serves a start-up whose projection is far behind its events ({@link #catchUpIfFarBehind}):
 * folding in memory is much faster than projecting event by event.
 */
@Component
public class ReadModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);

    /** What a rebuild has done so far; {@code state} is IDLE, FOLDING, WRITING, SWITCHING, DONE or FAILED. */
    public record Progress(String state, String into, long eventsFolded, long rowsWritten, long tailEvents,
                           Instant startedAt, Instant finishedAt, Long eventsPerSecond, String failure) {

        static final Progress IDLE = new Progress("IDLE", null, 0, 0, 0, null, null, null, null);

        public boolean running() {
            return state.equals("FOLDING") || state.equals("WRITING") || state.equals("SWITCHING");
        }

        static Progress startedInto(Generation target, Instant at) {
            return new Progress("FOLDING", target.name(), 0, 0, 0, at, null, null, null);
        }

        Progress with(String newState) {
            return new Progress(newState, into, eventsFolded, rowsWritten, tailEvents, startedAt, finishedAt,
                    eventsPerSecond, failure);
        }

        Progress folded(long events) {
            return new Progress(state, into, events, rowsWritten, tailEvents, startedAt, finishedAt, eventsPerSecond,
                    failure);
        }

        Progress written(long rows) {
            return new Progress(state, into, eventsFolded, rows, tailEvents, startedAt, finishedAt, eventsPerSecond,
                    failure);
        }

        Progress done(long tail, Instant at) {
            long millis = Math.max(1, Duration.between(startedAt, at).toMillis());
            return new Progress("DONE", into, eventsFolded, rowsWritten, tail, startedAt, at,
                    (eventsFolded + tail) * 1000 / millis, null);
        }

        Progress failed(Instant at, String cause) {
            return new Progress("FAILED", into, eventsFolded, rowsWritten, tailEvents, startedAt, at, null, cause);
        }
    }

    private final EventStorageEngine events;
    private final TokenStore tokens;
    private final EventProcessingConfiguration processing;
    private final LedgerProjector projector;
    private final List<ReadModel> readModels;
    private final ReadModelTables tables;
    private final ReadModelWriter writer;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ReadYourWrites readYourWrites;
    private final long rebuildWhenBehind;
    private final AtomicReference<Progress> progress = new AtomicReference<>(Progress.IDLE);
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "read-model-rebuild");
        t.setDaemon(true);
        return t;
    });

    public ReadModelRebuild(EventStorageEngine events, TokenStore tokens, EventProcessingConfiguration processing,
                            LedgerProjector projector, List<ReadModel> readModels, LedgerStore store, JdbcTemplate jdbc,
                            PlatformTransactionManager transactionManager, Clock clock, ReadYourWrites readYourWrites,
                            @Value("${ledger.rebuild-when-behind:50000}") long rebuildWhenBehind) {
        this.events = events;
        this.tokens = tokens;
        this.processing = processing;
        this.projector = projector;
        this.readModels = List.copyOf(readModels);
        this.tables = new ReadModelTables(jdbc);
        this.transactions = new TransactionTemplate(transactionManager);
        this.writer = new ReadModelWriter(jdbc, store, transactions);
        this.clock = clock;
        this.readYourWrites = readYourWrites;
        this.rebuildWhenBehind = rebuildWhenBehind;
    }

    @EventListener(ApplicationReadyEvent.class)
    void catchUpAtStart() {
        catchUpIfFarBehind(readYourWrites.projectedPosition(), readYourWrites.head(), rebuildWhenBehind);
    }

    public Progress progress() {
        return progress.get();
    }

    /** Starts a rebuild on its own thread; false if one is already running. */
    public synchronized boolean start() {
        if (progress.get().running()) {
            return false;
        }
        Generation target = tables.serving().other();
        progress.set(Progress.startedInto(target, clock.instant()));
        worker.execute(() -> run(target));
        return true;
    }

    private void run(Generation target) {
        try {
            tables.empty(target, readModels);
            Map<String, ProjectImage> images = new LinkedHashMap<>();
            TrackingToken folded = fold(images, target);
            long foldedMs = Duration.between(progress.get().startedAt(), clock.instant()).toMillis();
            progress.updateAndGet(p -> p.with("WRITING"));
            try (ReadModelWriter.Pass pass = writer.start(target, images,
                    rows -> progress.updateAndGet(p -> p.written(rows)))) {
                eachEventAfter(null, message -> {
                    if (message instanceof DomainEventMessage<?> domain && domain.getPayload() instanceof ProjectEvent event) {
                        pass.accept(event, domain.getSequenceNumber());
                    }
                });
                pass.finish();
            }
            images.clear();
            progress.updateAndGet(p -> p.with("SWITCHING"));
            long tail = switchTo(target, folded);
            Progress done = progress.updateAndGet(p -> p.done(tail, clock.instant()));
            log.info("Read models rebuilt into generation {}: {} events folded (in {} ms), {} rows written, {} events "
                    + "projected during the switch, in {} ms", target, done.eventsFolded(), foldedMs, done.rowsWritten(),
                    tail, Duration.between(done.startedAt(), done.finishedAt()).toMillis());
        } catch (RuntimeException e) {
            log.error("The rebuild of the read models failed; generation {} keeps serving", target.other(), e);
            progress.updateAndGet(p -> p.failed(clock.instant(), String.valueOf(e.getMessage())));
        } finally {
            StreamingEventProcessor processor = ledgerProcessor();
            if (!processor.isRunning()) {
                processor.start();
            }
        }
    }

    /**
     * Folds every event up to the head into the images, and projects it into the target generation
     * of every other read model; returns the last one's token.
     */
    private TrackingToken fold(Map<String, ProjectImage> images, Generation target) {
        HandlerReplay others = new HandlerReplay(readModels.stream().filter(m -> m != projector).toList(), target,
                transactions);
        long[] count = {0};
        TrackingToken last = eachEventAfter(null, message -> {
            others.accept(message);
            if (message instanceof DomainEventMessage<?> domain && domain.getPayload() instanceof ProjectEvent event) {
                images.computeIfAbsent(event.projectId(), id -> new ProjectImage()).apply(event, domain.getSequenceNumber());
            }
            if (++count[0] % 10_000 == 0) {
                long folded = count[0];
                progress.updateAndGet(p -> p.folded(folded));
            }
        });
        others.flush();
        progress.updateAndGet(p -> p.folded(count[0]));
        return last;
    }

    /** Hands every event stored after {@code after}, up to the head, to {@code each}; returns the last one's token. */
    private TrackingToken eachEventAfter(TrackingToken after, Consumer<TrackedEventMessage<?>> each) {
        TrackingToken last = after;
        try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(after, false)) {
            var iterator = stream.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> message = iterator.next();
                each.accept(message);
                last = message.trackingToken();
            }
        }
        return last;
    }

    /**
     * Pauses the live processor, projects the events stored since {@code folded} into the new
     * generation, and in one transaction moves the processor's token past them and makes the new
     * generation serve. Returns the number of events projected here.
     */
    private long switchTo(Generation target, TrackingToken folded) {
        StreamingEventProcessor processor = ledgerProcessor();
        processor.shutDown();
        try {
            return transactions.execute(status -> {
                HandlerReplay all = new HandlerReplay(readModels, target, TransactionOperations.withoutTransaction());
                long[] count = {0};
                TrackingToken last = eachEventAfter(folded, message -> {
                    all.accept(message);
                    count[0]++;
                });
                all.flush();
                for (int segment : tokens.fetchSegments(LedgerProjector.PROCESSING_GROUP)) {
                    tokens.storeToken(last, LedgerProjector.PROCESSING_GROUP, segment);
                    tokens.releaseClaim(LedgerProjector.PROCESSING_GROUP, segment);
                }
                tables.serve(target);
                // Every parked event is in the new generation now (its project's fold succeeded).
                processing.deadLetterQueue(LedgerProjector.PROCESSING_GROUP).ifPresent(queue -> queue.clear());
                return count[0];
            });
        } finally {
            processor.start();
        }
    }

    /**
     * At start-up ({@code ledger.rebuild-when-behind}): if the projection is more than {@code threshold} events behind the head (a restore,
     * or a long stop), rebuilding is faster than catching up event by event, and the service answers
     * from the generation it has meanwhile.
     */
    public boolean catchUpIfFarBehind(long position, long head, long threshold) {
        if (head - position <= threshold) {
            return false;
        }
        log.info("The read models are {} events behind the event store; rebuilding them instead of catching up "
                + "event by event", head - position);
        // The processor would only compete with the fold for the machine; the switch starts it again.
        ledgerProcessor().shutDown();
        return start();
    }

    private StreamingEventProcessor ledgerProcessor() {
        return processing.eventProcessor(LedgerProjector.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming processor " + LedgerProjector.PROCESSING_GROUP));
    }
}
