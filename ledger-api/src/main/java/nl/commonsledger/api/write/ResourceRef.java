package nl.commonsledger.api.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.commonsledger.core.period.Quarter;

import java.util.UUID;

/**
 * What a write's answer shows, by the ids that name it: the controller renders its answer from this,
 * after the write and again when a retry with the same Idempotency-Key finds no stored answer. It is
 * kept in the idempotency record ({@code resource}) as a small JSON object with a {@code type}, read
 * back only by {@link #parse(String)}: one format, one parser.
 */
public sealed interface ResourceRef {

    /** The project the resource belongs to. */
    String projectId();

    /** A project as {@code GET /api/projects/{p}} shows it (its creation, its key and its rate card). */
    record Project(String projectId) implements ResourceRef {
    }

    /** One member of a project (joining, leaving). */
    record Member(String projectId, String memberId) implements ResourceRef {
    }

    /** One contribution (recording, correcting, reversing). */
    record Contribution(String projectId, UUID contributionId) implements ResourceRef {
    }

    /** One settlement. */
    record Settlement(String projectId, UUID settlementId) implements ResourceRef {
    }

    /** A closed quarter and its seal. */
    record ClosedPeriod(String projectId, Quarter period) implements ResourceRef {
    }

    /**
     * An import: its contribution ids follow from the import's id and each row's place in the file,
     * so the id and the number of rows name every contribution it stored.
     */
    record Import(String projectId, UUID importId, int rows) implements ResourceRef {
    }

    /** The stored form, e.g. {@code {"type":"contribution","projectId":"p","contributionId":"…"}}. */
    default String stored() {
        return Stored.write(this);
    }

    /** Reads what {@link #stored()} wrote. */
    static ResourceRef parse(String stored) {
        JsonNode node;
        try {
            node = Stored.JSON.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a stored resource reference: " + stored, e);
        }
        String projectId = Stored.text(node, "projectId", stored);
        return switch (Stored.text(node, "type", stored)) {
            case "project" -> new Project(projectId);
            case "member" -> new Member(projectId, Stored.text(node, "memberId", stored));
            case "contribution" -> new Contribution(projectId, UUID.fromString(Stored.text(node, "contributionId", stored)));
            case "settlement" -> new Settlement(projectId, UUID.fromString(Stored.text(node, "settlementId", stored)));
            case "period" -> new ClosedPeriod(projectId, Quarter.parse(Stored.text(node, "period", stored)));
            case "import" -> new Import(projectId, UUID.fromString(Stored.text(node, "importId", stored)),
                    Integer.parseInt(Stored.text(node, "rows", stored)));
            default -> throw new IllegalArgumentException("not a stored resource reference: " + stored);
        };
    }

    /** The stored form's details, apart from the API's own JSON settings so that they cannot change it. */
    final class Stored {

        private static final ObjectMapper JSON = new ObjectMapper();

        private Stored() {
        }

        private static String write(ResourceRef ref) {
            ObjectNode node = JSON.createObjectNode();
            if (ref instanceof Project) {
                node.put("type", "project").put("projectId", ref.projectId());
            } else if (ref instanceof Member m) {
                node.put("type", "member").put("projectId", ref.projectId()).put("memberId", m.memberId());
            } else if (ref instanceof Contribution c) {
                node.put("type", "contribution").put("projectId", ref.projectId())
                        .put("contributionId", c.contributionId().toString());
            } else if (ref instanceof Settlement s) {
                node.put("type", "settlement").put("projectId", ref.projectId())
                        .put("settlementId", s.settlementId().toString());
            } else if (ref instanceof ClosedPeriod c) {
                node.put("type", "period").put("projectId", ref.projectId()).put("period", c.period().toString());
            } else if (ref instanceof Import i) {
                node.put("type", "import").put("projectId", ref.projectId()).put("importId", i.importId().toString())
                        .put("rows", i.rows());
            } else {
                throw new IllegalStateException("no stored form for " + ref);
            }
            try {
                return JSON.writeValueAsString(node);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String text(JsonNode node, String field, String stored) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw new IllegalArgumentException("a stored resource reference without " + field + ": " + stored);
            }
            return value.asText();
        }
    }
}
