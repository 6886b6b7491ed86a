package nl.commonsledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.ApiTestBase;
import nl.commonsledger.api.http.support.RequiresPrograms;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static nl.commonsledger.api.audit.AuditSupport.audit;
import static nl.commonsledger.api.audit.AuditSupport.events;
import static nl.commonsledger.api.audit.AuditSupport.sequenceOf;
import static nl.commonsledger.api.audit.AuditSupport.storePayload;
import static nl.commonsledger.api.audit.AuditSupport.storedPayload;
import static nl.commonsledger.api.audit.AuditSupport.withField;
import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor's own tool, {@code docs/verify-chain.sh} (sh, curl, jq, sha256sum), run against the
 * live service: it agrees with {@code /audit} on a healthy project and fails on a tampered one.
 */
@RequiresPrograms({"jq", "curl", "sha256sum"})
class VerifyChainScriptTest extends ApiTestBase {

    private static final Path SCRIPT = Path.of("..", "docs", "verify-chain.sh").toAbsolutePath().normalize();
    private static final Pattern INTACT = Pattern.compile("chain intact: (\\d+) events, head digest ([0-9a-f]{64})");

    @Autowired
    JdbcTemplate jdbc;

    private AuditSupport.Run verify(String project) {
        assertThat(SCRIPT).as("the auditor's script (run from the ledger-api module)").exists();
        return AuditSupport.run(Duration.ofSeconds(60),
                Map.of("LEDGER_AUTH", "admin:test-admin-password"),
                "sh", SCRIPT.toString(), "http://localhost:" + port, project);
    }

    @Test
    void theScriptAgreesWithTheAuditAndCatchesAnAlteredEvent() throws Exception {
        String p = api.projectWith("script", List.of("a", "b", "c"), "developer", "95.00");
        LocalDate b = base();
        String m1 = api.record(p, json("memberId", "a", "kind", "MONEY", "amount", "300.00", "date", b.plusDays(2),
                "reference", "INV-1", "description", "Caf\u00e9 \"Commons\" \\ \u20ac")).json()
                .path("contributionId").asText();
        api.hours(p, "b", "HOURS", "4", "developer", b.plusDays(3), null);
        api.correct(p, m1, json("kind", "MONEY", "amount", "310.00", "date", b.plusDays(2), "reference", "INV-1",
                "reason", "bank fee"));
        api.weightedKey(p, b, "a", "1", "b", "2", "c", "3");

        AuditSupport.Run ok = verify(p);
        assertThat(ok.exit()).as(ok.toString()).isZero();
        Matcher m = INTACT.matcher(ok.out());
        assertThat(m.find()).as(ok.toString()).isTrue();
        JsonNode audit = audit(http, p);
        assertThat(audit.path("chainIntact").asBoolean()).isTrue();
        assertThat(Long.parseLong(m.group(1))).isEqualTo(audit.path("eventCount").asLong()).isEqualTo(events(http, p).size());
        assertThat(m.group(2)).isEqualTo(audit.path("headDigest").asText());

        // Alter one stored event in the database: the description of the recording.
        long sequence = sequenceOf(events(http, p), "ContributionRecorded", m1);
        byte[] original = storedPayload(jdbc, p, sequence);
        try {
            storePayload(jdbc, p, sequence, withField(original, "description", "Cafe \"Commons\""));
            AuditSupport.Run tampered = verify(p);
            assertThat(tampered.exit()).as(tampered.toString()).isNotZero();
            assertThat(tampered.err()).as(tampered.toString()).contains("MISMATCH at event " + sequence);
            assertThat(tampered.out()).as(tampered.toString()).doesNotContain("chain intact");
            assertThat(audit(http, p).path("chainIntact").asBoolean()).isFalse();
        } finally {
            storePayload(jdbc, p, sequence, original);
        }
        AuditSupport.Run restored = verify(p);
        assertThat(restored.exit()).as(restored.toString()).isZero();
        assertThat(restored.out()).contains(m.group(2));

        // An unknown project: curl fails, so does the script.
        AuditSupport.Run unknown = verify("no-such-project-" + System.nanoTime());
        assertThat(unknown.exit()).as(unknown.toString()).isNotZero();
        assertThat(Files.isRegularFile(SCRIPT)).isTrue();
    }

    /**
     * The script must verify any history the ledger accepts (audit.md: "for those jq -cS writes exactly
     * the canonical form"). Two texts where jq and RFC 8785 part ways: U+007F (jq writes it as
     * the six characters backslash-u007f, RFC 8785 leaves it as it is) and object keys outside the BMP next to keys in
     * U+E000..U+FFFF (jq -S sorts by code point, RFC 8785 by UTF-16 code units); role names are keys
     * of a rate card's hourlyRates.
     */
    @Test
    void theScriptVerifiesAnyTextTheLedgerAccepts() {
        LocalDate b = base();
        // 1. A description with a tab, a line break, U+2028 and an emoji; U+007F in a role name. (The
        //    contract's "Text" section allows no U+007F in a description any more, but a role may hold it.)
        String withDel = api.projectWith("script-del", List.of("a", "b"));
        var recorded = api.record(withDel, json("memberId", "a", "kind", "MONEY", "amount", "1.00",
                "date", b.plusDays(1), "description", "tab\tline\nLS\u2028 end \ud83d\ude00"));
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        api.rateCard(withDel, b, "DEL\u007f tester", "70.00");
        // 2. Role names (keys of hourlyRates) U+FF21 and U+1D400: UTF-16 order puts the second first.
        String withKeys = api.projectWith("script-keys", List.of("a", "b"));
        api.rateCard(withKeys, b, "\uff21 designer", "80.00", "\ud835\udc00 analyst", "90.00");

        SoftAssertions soft = new SoftAssertions();
        for (String p : List.of(withDel, withKeys)) {
            List<JsonNode> events = events(http, p);
            // The service's own chain and an independent RFC 8785 recomputation agree ...
            assertThat(AuditSupport.recompute(events).get(events.size() - 1))
                    .isEqualTo(events.get(events.size() - 1).path("digest").asText());
            assertThat(audit(http, p).path("chainIntact").asBoolean()).isTrue();
            // ... and so must the auditor's script.
            AuditSupport.Run run = verify(p);
            soft.assertThat(run.exit()).as("verify-chain.sh on the intact chain of %s: %s", p, run).isZero();
            soft.assertThat(run.out()).as("%s", p).contains(audit(http, p).path("headDigest").asText());
        }
        soft.assertAll();
    }
}
