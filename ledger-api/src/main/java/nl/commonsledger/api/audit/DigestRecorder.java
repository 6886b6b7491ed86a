package nl.commonsledger.api.audit;

import nl.commonsledger.core.project.ProjectEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Extends a project's digest chain as its events are stored. A subscribing processor runs inside the
 * command's unit of work, after the events are appended and before the transaction commits, and its
 * errors propagate: an event is never stored without its digest, nor a digest without its event.
 * It never replays, so a projection rebuild cannot rewrite the chain.
 */
@Component
@ProcessingGroup(DigestRecorder.PROCESSING_GROUP)
public class DigestRecorder {

    public static final String PROCESSING_GROUP = "digest-chain";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    public DigestRecorder(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    @EventHandler
    void on(ProjectEvent event, DomainEventMessage<?> message) {
        // The stored payload itself, serialised once by the event store's engine (a message keeps its
        // serialised form per serializer), so this is byte for byte what /events will read.
        SerializedObject<byte[]> payload = message.serializePayload(serializer, byte[].class);
        Links links = links();
        links.add(message.getAggregateIdentifier(), message.getSequenceNumber(),
                payload.getType().getName(), payload.getData());
        if (!CurrentUnitOfWork.isStarted()) {
            links.write();
        }
    }

    /**
     * The digests of one command's events, written together when the processor's batch (the command's
     * events) commits, inside the command's transaction; each link is computed from the one before it,
     * which is taken from here rather than read back from the table.
     */
    private Links links() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new Links();
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get();
        Links links = batch.getResource(LINKS);
        if (links == null) {
            Links created = new Links();
            batch.resources().put(LINKS, created);
            batch.onPrepareCommit(u -> created.write());
            links = created;
        }
        return links;
    }

    private static final String LINKS = DigestRecorder.class.getName() + ".links";

    private record Stored(String projectId, long sequence, String payloadType, byte[] payload) {
    }

    private record Link(long sequence, String digest) {
    }

    private final class Links {
        private final List<Stored> events = new ArrayList<>();

        void add(String projectId, long sequence, String payloadType, byte[] payload) {
            events.add(new Stored(projectId, sequence, payloadType, payload));
        }

        /**
         * Chains and writes the collected events. Their canonical forms, most of the work, do not depend
         * on each other and are made in parallel (a 10,000-row import is one command, and its other core
         * is otherwise idle while the command runs); only the hashes are chained one after the other.
         */
        void write() {
            if (events.isEmpty()) {
                return;
            }
            List<String> canonical = events.parallelStream()
                    .map(e -> DigestChain.canonical(EventHistory.view(e.sequence(), e.payloadType(), e.payload())))
                    .toList();
            Map<String, Link> lastByProject = new HashMap<>();
            List<Object[]> rows = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                Stored event = events.get(i);
                Link last = lastByProject.get(event.projectId());
                String previous = last != null && last.sequence() == event.sequence() - 1
                        ? last.digest() : previousDigest(event.projectId(), event.sequence());
                String digest = DigestChain.link(previous, canonical.get(i));
                rows.add(new Object[]{event.projectId(), event.sequence(), digest});
                lastByProject.put(event.projectId(), new Link(event.sequence(), digest));
            }
            jdbc.batchUpdate("INSERT INTO event_digest (project_id, sequence_number, digest) VALUES (?, ?, ?)", rows);
            events.clear();
        }
    }

    private String previousDigest(String projectId, long sequence) {
        if (sequence == 0) {
            return DigestChain.GENESIS;
        }
        List<String> previous = jdbc.queryForList(
                "SELECT digest FROM event_digest WHERE project_id = ? AND sequence_number = ?",
                String.class, projectId, sequence - 1);
        if (previous.isEmpty()) {
            throw new IllegalStateException("digest chain of " + projectId + " has no digest for event " + (sequence - 1));
        }
        return previous.get(0);
    }
}
