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
        String projectId = message.getAggregateIdentifier();
        long sequence = message.getSequenceNumber();
        Links links = links();
        String previous = links.last(projectId, sequence - 1);
        if (previous == null) {
            previous = previousDigest(projectId, sequence);
        }
        // The same serializer wrote the stored payload, so this is byte for byte what /events will read.
        SerializedObject<byte[]> payload = serializer.serialize(event, byte[].class);
        EventHistory.Event view = EventHistory.view(sequence, payload.getType().getName(), payload.getData());
        links.add(projectId, sequence, DigestChain.next(previous, view));
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

    private record Link(long sequence, String digest) {
    }

    private final class Links {
        private final List<Object[]> rows = new ArrayList<>();
        private final Map<String, Link> lastByProject = new HashMap<>();

        /** The digest of the project's event {@code sequence}, if this batch made it. */
        String last(String projectId, long sequence) {
            Link last = lastByProject.get(projectId);
            return last != null && last.sequence() == sequence ? last.digest() : null;
        }

        void add(String projectId, long sequence, String digest) {
            rows.add(new Object[]{projectId, sequence, digest});
            lastByProject.put(projectId, new Link(sequence, digest));
        }

        void write() {
            if (!rows.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO event_digest (project_id, sequence_number, digest) VALUES (?, ?, ?)", rows);
                rows.clear();
            }
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
