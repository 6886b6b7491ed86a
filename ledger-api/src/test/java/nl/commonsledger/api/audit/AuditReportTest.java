package nl.commonsledger.api.audit;

import nl.commonsledger.projections.ledger.AllocationColumn;
import java.util.SortedMap;
import nl.commonsledger.projections.generation.ReadModelTables;
import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.ApiTestBase;
import nl.commonsledger.api.http.support.Http.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static nl.commonsledger.api.audit.AuditSupport.PASSWORD;
import static nl.commonsledger.api.audit.AuditSupport.audit;
import static nl.commonsledger.api.audit.AuditSupport.createUser;
import static nl.commonsledger.api.audit.AuditSupport.events;
import static nl.commonsledger.api.audit.AuditSupport.recompute;
import static nl.commonsledger.api.audit.AuditSupport.sequenceOf;
import static nl.commonsledger.api.audit.AuditSupport.storePayload;
import static nl.commonsledger.api.audit.AuditSupport.storedPayload;
import static nl.commonsledger.api.audit.AuditSupport.withField;
import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.fieldNames;
import static nl.commonsledger.api.http.support.Ledger.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/projects/{p}/audit}: the chain recomputed and the read models compared with a
 * replay. The tampering happens in the database, on throwaway projects, and is undone afterwards
 * (the aggregate is cached in memory, so commands never notice it).
 */
class AuditReportTest extends ApiTestBase {

    @Autowired
    JdbcTemplate jdbc;

    /** A small but varied history: a WEIGHTED key (uneven shares), a correction, a reversal, a settlement. */
    private String history(String prefix) {
        String p = api.projectWith(prefix, List.of("a", "b", "c"), "developer", "95.00");
        LocalDate b = base();
        api.weightedKey(p, b, "a", "1", "b", "2", "c", "4");
        String m1 = api.money(p, "a", "100.00", b.plusDays(1), "INV-1").path("contributionId").asText();
        String h2 = api.hours(p, "b", "HOURS", "3.5", "developer", b.plusDays(2), null).path("contributionId").asText();
        api.money(p, "c", "33.33", b.plusDays(3));
        api.correct(p, m1, json("kind", "MONEY", "amount", "101.00", "date", b.plusDays(1), "reference", "INV-1",
                "reason", "fee"));
        api.reverse(p, h2, "double");
        Response s = http.post("/api/projects/" + p + "/settlements", json("from", "c", "to", "a", "amount", "5.00",
                "date", b.plusDays(4)));
        assertThat(s.status()).as(s.toString()).isEqualTo(201);
        return p;
    }

    private static List<String> findings(JsonNode audit) {
        List<String> out = new java.util.ArrayList<>();
        audit.path("findings").forEach(f -> out.add(f.asText()));
        return out;
    }

    @Test
    void aHealthyProjectPassesItsAudit() {
        String p = history("audit-ok");
        List<JsonNode> events = events(http, p);
        Response r = http.get("/api/projects/" + p + "/audit");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode audit = r.json();
        assertThat(fieldNames(audit)).contains("eventCount", "headDigest", "chainIntact", "projectionsMatchReplay");
        assertThat(audit.path("eventCount").isIntegralNumber()).isTrue();
        assertThat(audit.path("eventCount").asLong()).isEqualTo(events.size()).isEqualTo(12);
        assertThat(audit.path("headDigest").asText())
                .isEqualTo(events.get(events.size() - 1).path("digest").asText())
                .isEqualTo(recompute(events).get(events.size() - 1));
        assertThat(audit.path("chainIntact").isBoolean()).isTrue();
        assertThat(audit.path("chainIntact").asBoolean()).as("%s", audit).isTrue();
        assertThat(audit.path("projectionsMatchReplay").asBoolean()).as("%s", audit).isTrue();
        assertThat(findings(audit)).isEmpty();

        // It grows with the history.
        api.money(p, "b", "1.00", base().plusDays(5));
        JsonNode later = audit(http, p);
        assertThat(later.path("eventCount").asLong()).isEqualTo(13);
        assertThat(later.path("headDigest").asText()).isNotEqualTo(audit.path("headDigest").asText())
                .isEqualTo(events(http, p).get(12).path("digest").asText());
        assertThat(later.path("chainIntact").asBoolean()).isTrue();
        assertThat(later.path("projectionsMatchReplay").asBoolean()).isTrue();

        // An AUDITOR of the project reads it too; of another project, the project does not exist.
        String auditor = createUser(http, "aud", "AUDITOR", null, List.of(p));
        Response asAuditor = http.as(auditor, PASSWORD).get("/api/projects/" + p + "/audit");
        assertThat(asAuditor.status()).as(asAuditor.toString()).isEqualTo(200);
        assertThat(asAuditor.json()).isEqualTo(later);
        String other = api.createProject("audit-other");
        assertThat(http.as(auditor, PASSWORD).get("/api/projects/" + other + "/audit").status()).isEqualTo(404);
        assertThat(http.get("/api/projects/no-such-" + System.nanoTime() + "/audit").status()).isEqualTo(404);

        // A project with only its creation.
        JsonNode fresh = audit(http, other);
        assertThat(fresh.path("eventCount").asLong()).isEqualTo(1);
        assertThat(fresh.path("headDigest").asText()).isEqualTo(events(http, other).get(0).path("digest").asText());
        assertThat(fresh.path("chainIntact").asBoolean()).isTrue();
        assertThat(fresh.path("projectionsMatchReplay").asBoolean()).as("%s", fresh).isTrue();
    }

    @Test
    void anAlteredStoredEventBreaksTheChain() {
        String p = history("audit-tamper");
        List<JsonNode> events = events(http, p);
        JsonNode before = audit(http, p);
        String m1 = events.stream().filter(e -> e.path("type").asText().equals("ContributionRecorded"))
                .findFirst().orElseThrow().path("payload").path("contributionId").asText();
        long sequence = sequenceOf(events, "ContributionRecorded", m1);
        byte[] original = storedPayload(jdbc, p, sequence);
        try {
            storePayload(jdbc, p, sequence, withField(original, "description", "nothing to see here"));
            JsonNode audit = audit(http, p);
            assertThat(audit.path("chainIntact").asBoolean()).as("%s", audit).isFalse();
            assertThat(audit.path("eventCount").asLong()).isEqualTo(events.size());
            // The stored digests still say what was sealed; /events shows the altered text, which no longer matches.
            assertThat(audit.path("headDigest").asText()).isEqualTo(before.path("headDigest").asText());
            assertThat(findings(audit)).as("%s", audit).isNotEmpty();
            assertThat(String.join("\n", findings(audit))).contains(String.valueOf(sequence));
            List<JsonNode> altered = events(http, p);
            assertThat(altered.get((int) sequence).path("payload").path("description").asText())
                    .isEqualTo("nothing to see here");
            assertThat(recompute(altered).get((int) sequence))
                    .isNotEqualTo(altered.get((int) sequence).path("digest").asText());
            // A description is not a figure: the read models still agree with the replay.
            assertThat(audit.path("projectionsMatchReplay").asBoolean()).as("%s", audit).isTrue();

            // An altered amount breaks the chain as well (its figures are only in the event store).
            storePayload(jdbc, p, sequence, withField(original, "amount", "999.00"));
            JsonNode amount = audit(http, p);
            assertThat(amount.path("chainIntact").asBoolean()).as("%s", amount).isFalse();
        } finally {
            storePayload(jdbc, p, sequence, original);
        }
        JsonNode restored = audit(http, p);
        assertThat(restored.path("chainIntact").asBoolean()).as("%s", restored).isTrue();
        assertThat(restored.path("projectionsMatchReplay").asBoolean()).as("%s", restored).isTrue();
    }

    @Test
    void aRemovedStoredEventBreaksTheChain() {
        String p = history("audit-gap");
        List<JsonNode> events = events(http, p);
        // The third contribution (c, 33.33): nothing later refers to it.
        String c3 = events.stream().filter(e -> e.path("type").asText().equals("ContributionRecorded")
                        && e.path("payload").path("memberId").asText().equals("c"))
                .findFirst().orElseThrow().path("payload").path("contributionId").asText();
        long sequence = sequenceOf(events, "ContributionRecorded", c3);
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND sequence_number = ?", p, sequence);
        try {
            assertThat(jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
                    p, sequence)).isEqualTo(1);
            List<JsonNode> remaining = events(http, p);
            assertThat(remaining).hasSize(events.size() - 1);
            JsonNode audit = audit(http, p);
            assertThat(audit.path("chainIntact").asBoolean()).as("%s", audit).isFalse();
            assertThat(findings(audit)).as("%s", audit).isNotEmpty();
            // The read models still hold the contribution that the history no longer has.
            assertThat(audit.path("projectionsMatchReplay").asBoolean()).as("%s", audit).isFalse();
            assertThat(String.join("\n", findings(audit))).contains("event " + sequence + " is missing");
            // Each stored event is read and counted once: no finding twice, eventCount = the events there are.
            assertThat(findings(audit)).as("%s", audit).doesNotHaveDuplicates();
            assertThat(audit.path("eventCount").asLong()).as("%s", audit).isEqualTo(remaining.size());
        } finally {
            StringBuilder columns = new StringBuilder();
            StringBuilder marks = new StringBuilder();
            for (String column : row.keySet()) {
                columns.append(columns.isEmpty() ? "" : ", ").append(column);
                marks.append(marks.isEmpty() ? "" : ", ").append('?');
            }
            if (jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                    + "AND sequence_number = ?", Integer.class, p, sequence) == 0) {
                jdbc.update("INSERT INTO domain_event_entry (" + columns + ") VALUES (" + marks + ")",
                        row.values().toArray());
            }
        }
        JsonNode restored = audit(http, p);
        assertThat(restored.path("chainIntact").asBoolean()).as("%s", restored).isTrue();
        assertThat(restored.path("projectionsMatchReplay").asBoolean()).as("%s", restored).isTrue();
        assertThat(restored.path("eventCount").asLong()).isEqualTo(events.size());
    }

    @Test
    void anAlteredReadModelNoLongerMatchesTheReplay() {
        String p = history("audit-rm");
        JsonNode before = audit(http, p);
        assertThat(before.path("projectionsMatchReplay").asBoolean()).as("%s", before).isTrue();
        String contribution = jdbc.queryForObject(servingSql("SELECT contribution_id FROM rm_contribution WHERE project_id = ? "
                + "AND status = 'EFFECTIVE' ORDER BY list_position LIMIT 1"), String.class, p);

        // One cent more in one member's share of one contribution.
        String allocationColumn = servingSql("SELECT allocation FROM rm_contribution WHERE contribution_id = ?");
        String original = jdbc.queryForObject(allocationColumn, String.class, contribution);
        SortedMap<String, Long> shares = AllocationColumn.read(original);
        shares.put(shares.firstKey(), shares.get(shares.firstKey()) + 1);
        String allocationRow = servingSql("UPDATE rm_contribution SET allocation = ? WHERE contribution_id = ?");
        assertThat(jdbc.update(allocationRow, AllocationColumn.write(shares), contribution)).isEqualTo(1);
        try {
            JsonNode audit = audit(http, p);
            assertThat(audit.path("projectionsMatchReplay").asBoolean()).as("%s", audit).isFalse();
            assertThat(audit.path("chainIntact").asBoolean()).as("the events are untouched: %s", audit).isTrue();
            assertThat(audit.path("eventCount")).isEqualTo(before.path("eventCount"));
            assertThat(audit.path("headDigest")).isEqualTo(before.path("headDigest"));
            assertThat(findings(audit)).as("%s", audit).isNotEmpty();
        } finally {
            jdbc.update(allocationRow, original, contribution);
        }
        assertThat(audit(http, p).path("projectionsMatchReplay").asBoolean()).isTrue();

        // A contribution's stored value.
        String valueRow = servingSql("UPDATE rm_contribution SET value_minor = value_minor + ? WHERE contribution_id = ?");
        assertThat(jdbc.update(valueRow, 100, contribution)).isEqualTo(1);
        try {
            JsonNode audit = audit(http, p);
            assertThat(audit.path("projectionsMatchReplay").asBoolean()).as("%s", audit).isFalse();
            assertThat(audit.path("chainIntact").asBoolean()).isTrue();
            assertThat(String.join("\n", findings(audit))).as("%s", audit).contains(contribution);
        } finally {
            jdbc.update(valueRow, -100, contribution);
        }
        JsonNode after = audit(http, p);
        assertThat(after.path("projectionsMatchReplay").asBoolean()).as("%s", after).isTrue();
        assertThat(after).isEqualTo(before);
    }

    /** The statement for the generation of read-model tables that serves now (a rebuild switches it). */
    private String servingSql(String firstGenerationSql) {
        return new ReadModelTables(jdbc).serving().sql(firstGenerationSql);
    }
}
