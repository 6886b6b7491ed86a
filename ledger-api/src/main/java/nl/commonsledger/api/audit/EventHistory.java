package nl.commonsledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A project's events as the audit trail shows them: {@code sequence} (per project, from 0),
 * {@code type}, {@code recordedAt}, {@code recordedBy} and the event's own fields as
 * {@code payload}, read straight from the event store, so what is shown is what is stored.
 */
@Component
public class EventHistory {

    /** One event of a project's history. */
    public record Event(long sequence, String type, String recordedAt, String recordedBy, JsonNode payload) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    public EventHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The events with these sequence numbers, oldest first. */
    public List<Object> events(String projectId, List<Long> sequences) {
        List<Object> out = new ArrayList<>();
        for (Long sequence : sequences) {
            out.addAll(jdbc.query("SELECT sequence_number, payload_type, payload FROM domain_event_entry "
                    + "WHERE aggregate_identifier = ? AND sequence_number = ?", mapper(), projectId, sequence));
        }
        return out;
    }

    /** A page of a project's events with sequence ≥ {@code from}, oldest first. */
    public List<Event> page(String projectId, long from, int limit) {
        return jdbc.query("SELECT sequence_number, payload_type, payload FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND sequence_number >= ? ORDER BY sequence_number LIMIT " + limit,
                mapper(), projectId, from);
    }

    private RowMapper<Event> mapper() {
        return (rs, i) -> {
            String payloadType = rs.getString(2);
            ObjectNode payload;
            try {
                payload = (ObjectNode) json.readTree(rs.getBytes(3));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String recordedAt = payload.path("recordedAt").asText(null);
            String recordedBy = payload.path("recordedBy").asText(null);
            payload.remove("recordedAt");
            payload.remove("recordedBy");
            String type = payloadType.substring(Math.max(payloadType.lastIndexOf('$'), payloadType.lastIndexOf('.')) + 1);
            return new Event(rs.getLong(1), type, recordedAt, recordedBy, payload);
        };
    }
}
