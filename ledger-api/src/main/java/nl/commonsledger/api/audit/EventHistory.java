package nl.commonsledger.api.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.commonsledger.projections.generation.ReadModelTables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A project's events as the audit trail shows them: {@code sequence} (per project, from 0),
 * {@code type}, {@code recordedAt}, {@code recordedBy} and the event's own fields as
 * {@code payload}, read straight from the event store, so what is shown is what is stored.
 */
@Component
public class EventHistory {

    /** One event of a project's history, as {@code /events} shows it; {@code digest} is left out of hashing. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(long sequence, String type, String recordedAt, String recordedBy, JsonNode payload,
                        String digest) {

        public Event withDigest(String value) {
            return new Event(sequence, type, recordedAt, recordedBy, payload, value);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECT = "SELECT e.sequence_number, e.payload_type, e.payload, d.digest "
            + "FROM domain_event_entry e LEFT JOIN event_digest d "
            + "ON d.project_id = e.aggregate_identifier AND d.sequence_number = e.sequence_number ";

    private final JdbcTemplate jdbc;

    public EventHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The events of each of these contributions, oldest first, in one query: the projection notes
     * which sequence numbers belong to which contribution ({@code rm_contribution_event}).
     */
    public Map<String, List<Event>> ofContributions(String projectId, Collection<String> contributionIds) {
        Map<String, List<Event>> out = new LinkedHashMap<>();
        if (contributionIds.isEmpty()) {
            return out;
        }
        contributionIds.forEach(id -> out.put(id, new ArrayList<>()));
        String placeholders = String.join(",", Collections.nCopies(contributionIds.size(), "?"));
        List<Object> args = new ArrayList<>(contributionIds);
        args.add(0, projectId);
        RowMapper<Event> events = mapper();
        jdbc.query(new ReadModelTables(jdbc).serving().sql(
                        "SELECT e.sequence_number, e.payload_type, e.payload, d.digest, ce.contribution_id "
                        + "FROM rm_contribution_event ce "
                        + "JOIN domain_event_entry e ON e.aggregate_identifier = ? AND e.sequence_number = ce.sequence_number "
                        + "LEFT JOIN event_digest d ON d.project_id = e.aggregate_identifier "
                        + "AND d.sequence_number = e.sequence_number "
                        + "WHERE ce.contribution_id IN (" + placeholders + ") ORDER BY e.sequence_number"),
                rs -> {
                    out.get(rs.getString(5)).add(events.mapRow(rs, 0));
                },
                args.toArray());
        return out;
    }

    /** A page of a project's events with sequence ≥ {@code from}, oldest first. */
    public List<Event> page(String projectId, long from, int limit) {
        return jdbc.query(SELECT + "WHERE e.aggregate_identifier = ? AND e.sequence_number >= ? "
                + "ORDER BY e.sequence_number LIMIT " + limit, mapper(), projectId, from);
    }

    /** How many events a project has. */
    public long count(String projectId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, projectId);
        return n == null ? 0 : n;
    }

    private static RowMapper<Event> mapper() {
        return (rs, i) -> view(rs.getLong(1), rs.getString(2), rs.getBytes(3)).withDigest(rs.getString(4));
    }

    /** The event as {@code /events} shows it, from its stored payload. */
    public static Event view(long sequence, String payloadType, byte[] payloadJson) {
        ObjectNode payload;
        try {
            payload = (ObjectNode) JSON.readTree(payloadJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String recordedAt = payload.path("recordedAt").asText(null);
        String recordedBy = payload.path("recordedBy").asText(null);
        payload.remove("recordedAt");
        payload.remove("recordedBy");
        String type = payloadType.substring(Math.max(payloadType.lastIndexOf('$'), payloadType.lastIndexOf('.')) + 1);
        return new Event(sequence, type, recordedAt, recordedBy, payload, null);
    }
}
