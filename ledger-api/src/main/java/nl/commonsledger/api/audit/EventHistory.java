package nl.commonsledger.api.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.commonsledger.projections.contribution.ContributionQueries;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
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
    private final JdbcTemplate jdbc;
    private final ContributionQueries contributions;
    /** The event store's table, as the storage engine is configured with it. */
    private final String eventTable;

    public EventHistory(JdbcTemplate jdbc, ContributionQueries contributions, EventSchema schema) {
        this.jdbc = jdbc;
        this.contributions = contributions;
        this.eventTable = schema.domainEventTable();
    }

    private String select() {
        return "SELECT e.sequence_number, e.payload_type, e.payload, d.digest FROM " + eventTable + " e "
                + "LEFT JOIN event_digest d ON d.project_id = e.aggregate_identifier "
                + "AND d.sequence_number = e.sequence_number ";
    }

    /**
     * The events of each of these contributions, oldest first. Which events belong to which
     * contribution the projection knows ({@link ContributionQueries#eventSequences}); the events
     * themselves are read from the event store, as stored.
     */
    public Map<String, List<Event>> ofContributions(String projectId, Collection<String> contributionIds) {
        Map<String, List<Long>> sequences = contributions.eventSequences(contributionIds);
        List<Long> all = sequences.values().stream().flatMap(List::stream).distinct().sorted().toList();
        Map<Long, Event> events = new HashMap<>();
        for (int from = 0; from < all.size(); from += 1000) {
            List<Long> chunk = all.subList(from, Math.min(from + 1000, all.size()));
            List<Object> args = new ArrayList<>(chunk.size() + 1);
            args.add(projectId);
            args.addAll(chunk);
            jdbc.query(select() + "WHERE e.aggregate_identifier = ? AND e.sequence_number IN ("
                    + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")", mapper(), args.toArray())
                    .forEach(e -> events.put(e.sequence(), e));
        }
        Map<String, List<Event>> out = new LinkedHashMap<>();
        sequences.forEach((id, numbers) -> out.put(id, numbers.stream().map(events::get).toList()));
        return out;
    }

    /**
     * A page of a project's events with sequence ≥ {@code from}, oldest first. Ordered by both columns
     * of the (project, sequence) index, so that H2 reads the page from the index and stops: ordered by the
     * sequence alone, H2 2.3 sorts every later event before it applies the limit, and paging through a
     * history took time in its square. The digests are read for the page's range after.
     */
    public List<Event> page(String projectId, long from, int limit) {
        List<Event> events = jdbc.query("SELECT sequence_number, payload_type, payload FROM " + eventTable
                        + " WHERE aggregate_identifier = ? AND sequence_number >= ? "
                        + "ORDER BY aggregate_identifier, sequence_number LIMIT " + limit,
                (rs, i) -> view(rs.getLong(1), rs.getString(2), rs.getBytes(3)), projectId, from);
        if (events.isEmpty()) {
            return events;
        }
        Map<Long, String> digests = new HashMap<>();
        jdbc.query("SELECT sequence_number, digest FROM event_digest WHERE project_id = ? AND sequence_number BETWEEN ? AND ?",
                rs -> {
                    digests.put(rs.getLong(1), rs.getString(2));
                }, projectId, events.get(0).sequence(), events.get(events.size() - 1).sequence());
        return events.stream().map(e -> e.withDigest(digests.get(e.sequence()))).toList();
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
