package nl.commonsledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static nl.commonsledger.api.audit.AuditSupport.GENESIS;
import static nl.commonsledger.api.audit.AuditSupport.audit;
import static nl.commonsledger.api.audit.AuditSupport.canonical;
import static nl.commonsledger.api.audit.AuditSupport.events;
import static nl.commonsledger.api.audit.AuditSupport.recompute;
import static nl.commonsledger.api.audit.AuditSupport.sha256Hex;
import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The digest chain recomputed from {@code /events} alone, with nothing of the service's own code:
 * canonical JSON by Jackson with sorted keys, SHA-256 by the JDK.
 */
class DigestChainApiTest extends ApiTestBase {

    @Test
    void everyDigestFollowsFromTheEventsAlone() {
        String p = api.projectWith("chain", List.of("a", "b", "c"), "developer", "95.00", "ontwerper", "80.00");
        LocalDate b = base();
        api.weightedKey(p, b.plusDays(20), "a", "1", "b", "2.5", "c", "4");
        // Text that canonicalisation has to get right: quotes, backslashes, non-ASCII, line breaks, tabs.
        String tricky = "Caf\u00e9 \"De Commons\" \\ \u20ac 12,50 \u2014 \u00f6\u00df\u00e6 \ud83d\ude00\nline two\ttab";
        String m1 = api.record(p, json("memberId", "a", "kind", "MONEY", "amount", "1250", "date", b.plusDays(1),
                "reference", "INV/2026/\u00e9", "description", tricky)).json().path("contributionId").asText();
        api.hours(p, "b", "HOURS", "7.25", "developer", b.plusDays(30), null);
        String c3 = api.hours(p, "c", "CODE", "3", "ontwerper", b.plusDays(31), "MR-7").path("contributionId").asText();
        api.correct(p, m1, json("kind", "MONEY", "amount", "1300.00", "date", b.plusDays(2), "reason", "</script> & more"));
        api.reverse(p, c3, "duplicate of MR-6");
        api.join(p, "d", b.plusDays(40), "1.5");
        api.leave(p, "b", b.plusDays(60));
        assertThat(http.post("/api/projects/" + p + "/settlements", json("from", "c", "to", "a", "amount", "10.00",
                "date", b.plusDays(61))).status()).isEqualTo(201);

        // Read in small pages, so the chain also spans page boundaries.
        List<JsonNode> events = events(http, p, 4);
        assertThat(events.size()).isGreaterThan(12);
        assertThat(events.stream().map(e -> e.path("type").asText()))
                .contains("AllocationKeyVersionSet", "MemberLeft", "SettlementRecorded");
        List<String> recomputed = recompute(events);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).path("digest").asText()).as("digest of event %d: %s", i, events.get(i))
                    .isEqualTo(recomputed.get(i));
        }
        // Spelled out for the first event: sha256(64 zeros + "\n" + C(e0)).
        JsonNode e0 = events.get(0);
        String c0 = "{\"payload\":{\"currency\":\"EUR\",\"name\":\"Project " + p + "\",\"projectId\":\"" + p
                + "\",\"timeZone\":\"Europe/Amsterdam\"},\"recordedAt\":\"" + e0.path("recordedAt").asText()
                + "\",\"recordedBy\":\"admin\",\"sequence\":0,\"type\":\"ProjectCreated\"}";
        assertThat(canonical(e0)).isEqualTo(c0);
        assertThat(e0.path("digest").asText()).isEqualTo(sha256Hex(GENESIS + "\n" + c0));
        // The tricky text went into the chain as it was said.
        JsonNode recorded = events.stream().filter(e -> e.path("type").asText().equals("ContributionRecorded"))
                .findFirst().orElseThrow();
        assertThat(recorded.path("payload").path("description").asText()).isEqualTo(tricky);

        JsonNode audit = audit(http, p);
        assertThat(audit.path("eventCount").asLong()).isEqualTo(events.size());
        assertThat(audit.path("headDigest").asText()).isEqualTo(recomputed.get(recomputed.size() - 1));
        assertThat(audit.path("chainIntact").asBoolean()).isTrue();
    }

    @Test
    void changingAnyFieldOfAnEventChangesItsDigest() {
        String p = api.projectWith("chain-sens", List.of("a", "b"));
        api.money(p, "a", "5.00", base().plusDays(1));
        List<JsonNode> events = events(http, p);
        JsonNode last = events.get(events.size() - 1);
        String previous = events.get(events.size() - 2).path("digest").asText();
        assertThat(sha256Hex(previous + "\n" + canonical(last))).isEqualTo(last.path("digest").asText());
        for (String field : List.of("type", "recordedAt", "recordedBy")) {
            com.fasterxml.jackson.databind.node.ObjectNode changed = last.deepCopy();
            changed.put(field, last.path(field).asText() + "x");
            assertThat(sha256Hex(previous + "\n" + canonical(changed))).as(field).isNotEqualTo(last.path("digest").asText());
        }
        com.fasterxml.jackson.databind.node.ObjectNode changed = last.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) changed.path("payload")).put("amount", "5.01");
        assertThat(sha256Hex(previous + "\n" + canonical(changed))).isNotEqualTo(last.path("digest").asText());
        changed = last.deepCopy();
        changed.put("sequence", last.path("sequence").asLong() + 1);
        assertThat(sha256Hex(previous + "\n" + canonical(changed))).isNotEqualTo(last.path("digest").asText());
        // The digest itself is not hashed.
        changed = last.deepCopy();
        changed.put("digest", "something else");
        assertThat(sha256Hex(previous + "\n" + canonical(changed))).isEqualTo(last.path("digest").asText());
    }
}
