package nl.commonsledger.api.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.commonsledger.core.period.Quarter;

import java.nio.charset.StandardCharsets;
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
    record Import(String projectId, UUID importId, int rows, RowIds rowIds) implements ResourceRef {

        /** An import stored before its rows' ids came in a block, whose ids are name-based. */
        public Import(String projectId, UUID importId, int rows) {
            this(projectId, importId, rows, RowIds.NAMED);
        }

        /** The id of the contribution of row {@code index} (from 0, in the file's order). */
        public UUID contributionId(int index) {
            return rowIds.of(importId, index);
        }
    }

    /** How an import's rows' contribution ids follow from the import's id. */
    enum RowIds {
        /** Name-based (version 3) UUIDs of the import's id and the row's index: imports stored until 2026-12. */
        NAMED {
            @Override
            public UUID of(UUID importId, int index) {
                return UUID.nameUUIDFromBytes((importId + "/" + index).getBytes(StandardCharsets.UTF_8));
            }
        },
        /**
         * Ids that sort together, in the file's order, so that an import's rows go into one place of each
         * index ordered by id instead of into every page of it (see {@link NewIds}). From the import's
         * time-ordered id they keep the millisecond and the 12 random bits after it, marked as version 8
         * (custom) so that no id {@link NewIds} makes can equal one of them; then the lowest 30 bits of
         * the import's id, which differ between any two ids made in one millisecond on one instance (the
         * generator counts up within a millisecond); then the row's index, 32 bits. Two instances would
         * have to start imports in the same millisecond with the same 42 random bits to collide.
         */
        BLOCK {
            @Override
            public UUID of(UUID importId, int index) {
                long msb = (importId.getMostSignificantBits() & ~0xF000L) | 0x8000L;
                long lsb = 0x8000_0000_0000_0000L | (importId.getLeastSignificantBits() & 0x3FFF_FFFFL) << 32
                        | Integer.toUnsignedLong(index);
                return new UUID(msb, lsb);
            }
        };

        public abstract UUID of(UUID importId, int index);
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
                    Integer.parseInt(Stored.text(node, "rows", stored)),
                    node.has("rowIds") ? RowIds.valueOf(Stored.text(node, "rowIds", stored)) : RowIds.NAMED);
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
                if (i.rowIds() != RowIds.NAMED) {
                    node.put("rowIds", i.rowIds().name());
                }
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
