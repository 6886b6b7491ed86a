package nl.commonsledger.api.audit;

import nl.commonsledger.core.project.ProjectEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

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
        String previous = previousDigest(projectId, sequence);
        // The same serializer wrote the stored payload, so this is byte for byte what /events will read.
        SerializedObject<byte[]> payload = serializer.serialize(event, byte[].class);
        EventHistory.Event view = EventHistory.view(sequence, payload.getType().getName(), payload.getData());
        jdbc.update("INSERT INTO event_digest (project_id, sequence_number, digest) VALUES (?, ?, ?)",
                projectId, sequence, DigestChain.next(previous, view));
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
