package nl.commonsledger.api.audit;

import nl.commonsledger.api.config.ReadYourWrites;
import nl.commonsledger.core.project.ProjectEvent;
import nl.commonsledger.projections.balance.Balances;
import nl.commonsledger.projections.replay.BalanceReplay;
import nl.commonsledger.projections.replay.ReplayComparison;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ObjLongConsumer;
import java.util.function.Predicate;

/**
 * What an accountant asks of the ledger: does the digest chain still match the stored events, do the
 * read models agree with a replay of the history, and what did the ledger say at a given moment.
 */
@Component
public class LedgerAudit {

    private static final int PAGE = 1000;

    /** The outcome of an audit, as {@code /audit} reports it. */
    public record Report(long eventCount, String headDigest, boolean chainIntact, boolean projectionsMatchReplay,
                         List<String> findings) {
    }

    /** How many differences an audit lists; one is enough to fail it, a few help to find the cause. */
    private static final int MAX_FINDINGS = 20;

    private final EventStore eventStore;
    private final EventHistory history;
    private final ReplayComparison comparison;
    private final ReadYourWrites readYourWrites;
    private final TransactionTemplate readOnly;

    public LedgerAudit(EventStore eventStore, EventHistory history, ReplayComparison comparison,
                       ReadYourWrites readYourWrites, PlatformTransactionManager transactions) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setReadOnly(true);
        this.readOnly = template;
        this.readYourWrites = readYourWrites;
        this.eventStore = eventStore;
        this.history = history;
        this.comparison = comparison;
    }

    public Report audit(String projectId) {
        // Compare like with like: the read models must have caught up with what is stored now.
        readYourWrites.awaitProjection(-1, readYourWrites.head());
        long count = 0;
        long expected = 0;
        String recomputed = DigestChain.GENESIS;
        String storedHead = null;
        boolean intact = true;
        List<String> findings = new ArrayList<>();
        for (List<EventHistory.Event> page = history.page(projectId, 0, PAGE); !page.isEmpty();
             page = history.page(projectId, expected, PAGE)) {
            for (EventHistory.Event event : page) {
                // Gaps in the sequence, or a missing digest, break the chain as surely as an edit.
                if (event.sequence() != expected) {
                    note(findings, expected + 1 == event.sequence() ? "event " + expected + " is missing from the history"
                            : "events " + expected + " to " + (event.sequence() - 1) + " are missing from the history");
                    intact = false;
                }
                expected = event.sequence() + 1;
                recomputed = DigestChain.next(recomputed, event);
                if (!recomputed.equals(event.digest())) {
                    note(findings, "event " + event.sequence() + " does not match its digest");
                    intact = false;
                }
                storedHead = event.digest();
                count++;
            }
        }
        boolean match = readModelsMatch(projectId, findings);
        return new Report(count, storedHead, intact, match, findings);
    }

    /**
     * The project's balances from the events recorded by {@code asOf}, cut at a business date when
     * {@code through} is given: empty if the project did not exist yet. Two passes over the history
     * ({@link BalanceReplay}), so that only the contributions a later event changes are held in memory;
     * the first pass does not even deserialise the recordings.
     */
    public Optional<Balances> balances(String projectId, Instant asOf, LocalDate through) {
        BalanceReplay replay = new BalanceReplay(through);
        forEachEvent(projectId, asOf, BalanceReplay::learnsFrom, (event, sequence) -> replay.learn(event));
        if (replay.isEmpty()) {
            return Optional.empty();
        }
        forEachEvent(projectId, asOf, type -> true, replay::apply);
        return Optional.of(replay.balances());
    }

    /**
     * The project's events recorded by {@code asOf} (all when null) whose type is {@code wanted}, with
     * their sequence numbers, in sequence order.
     */
    private void forEachEvent(String projectId, Instant asOf, Predicate<Class<?>> wanted,
                              ObjLongConsumer<ProjectEvent> fold) {
        DomainEventStream stream = eventStore.readEvents(projectId, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            // The type is known before the payload is deserialised, which is most of reading an event.
            if (wanted.test(message.getPayloadType()) && message.getPayload() instanceof ProjectEvent event
                    && (asOf == null || !event.recordedAt().isAfter(asOf))) {
                fold.accept(event, message.getSequenceNumber());
            }
        }
    }

    private static void note(List<String> findings, String finding) {
        if (findings.size() < MAX_FINDINGS) {
            findings.add(finding);
        }
    }

    /**
     * Compares the read models with the history in the same two passes as {@code ?asOf=}, so that the
     * audit of a long history holds a page of rows and the changed contributions, not all of them. In
     * one read-only transaction: PostgreSQL's driver streams the rows only inside one.
     */
    private boolean readModelsMatch(String projectId, List<String> findings) {
        List<String> differences = readOnly.execute(status -> {
            BalanceReplay replay = new BalanceReplay(null);
            forEachEvent(projectId, null, BalanceReplay::learnsFrom, (event, sequence) -> replay.learn(event));
            if (replay.isEmpty()) {
                return comparison.differencesWithoutHistory(projectId);
            }
            try (ReplayComparison.Check check = comparison.check(projectId, replay, MAX_FINDINGS)) {
                forEachEvent(projectId, null, type -> true, replay::apply);
                return check.finish(replay.balances());
            }
        });
        differences.forEach(d -> note(findings, d));
        return differences.isEmpty();
    }
}
