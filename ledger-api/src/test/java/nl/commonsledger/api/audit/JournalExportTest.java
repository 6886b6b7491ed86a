package nl.commonsledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.ApiTestBase;
import nl.commonsledger.api.http.support.RequiresPrograms;
import nl.commonsledger.api.http.support.Http.Response;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static nl.commonsledger.api.audit.AuditSupport.run;
import static nl.commonsledger.api.http.support.Ledger.assertBalanced;
import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.http.support.Ledger.today;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/projects/{p}/export/journal}, checked with the real hledger: the journal parses
 * (every transaction balances to zero) and hledger's per-member balances equal {@code /balances}.
 */
@RequiresPrograms("hledger")
class JournalExportTest extends ApiTestBase {

    /** {@code   123.45 EUR  members:a}; a zero balance hledger prints as a bare {@code 0}. */
    private static final Pattern LINE = Pattern.compile("^\\s*(-?\\d+(?:\\.\\d+)?)(?: EUR)?\\s+members:(\\S+)\\s*$");

    private static final Duration HLEDGER = Duration.ofSeconds(60);

    @Test
    void hledgerComputesTheSameBalances() throws Exception {
        String p = api.projectWith("journal", List.of("a", "b", "c"), "developer", "95.00", "tester", "80.00");
        LocalDate b = base();
        // WEIGHTED 1 : 2 : 4, so shares are uneven and need the largest remainder.
        api.weightedKey(p, b, "a", "1", "b", "2", "c", "4");
        String m1 = api.money(p, "a", "1000.00", b.plusDays(1), "INV-1; with a ; semicolon").path("contributionId").asText();
        api.hours(p, "b", "HOURS", "10.5", "developer", b.plusDays(2), null);
        String c3 = api.hours(p, "c", "CODE", "3.25", "tester", b.plusDays(3), "MR-1").path("contributionId").asText();
        String m4 = api.money(p, "c", "0.10", b.plusDays(4)).path("contributionId").asText();
        String big = api.money(p, "b", "12345678.91", b.plusDays(5)).path("contributionId").asText();
        api.correct(p, m1, json("kind", "MONEY", "amount", "1000.01", "date", b.plusDays(6), "reference", "INV-1; corrected ; twice",
                "reason", "one cent"));
        api.reverse(p, c3, "booked twice");
        Response s1 = http.post("/api/projects/" + p + "/settlements", json("from", "c", "to", "b", "amount", "250.00",
                "date", b.plusDays(7), "reference", "bank 1"));
        assertThat(s1.status()).as(s1.toString()).isEqualTo(201);
        // Recorded after the settlement, on the same date: it follows the settlement in the journal.
        String m6 = api.money(p, "a", "2.00", b.plusDays(7)).path("contributionId").asText();
        // A member who joins today bears nothing and has no postings at all: balance 0.00.
        api.join(p, "z", today(), "5");
        // A member with postings that net to zero: d bears a share of one contribution and pays it back.
        api.join(p, "d", b.plusDays(8), "1");
        String m5 = api.money(p, "a", "8.00", b.plusDays(9)).path("contributionId").asText();
        String dShare = api.contribution(p, m5).path("allocation").path("d").asText();
        assertThat(new BigDecimal(dShare)).isPositive();
        Response s2 = http.post("/api/projects/" + p + "/settlements", json("from", "d", "to", "a", "amount", dShare,
                "date", b.plusDays(10)));
        assertThat(s2.status()).as(s2.toString()).isEqualTo(201);

        JsonNode balances = api.balances(p);
        assertBalanced(balances);
        assertThat(balances.path("members")).hasSize(5);

        Response r = http.get("/api/projects/" + p + "/export/journal");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain");
        String journal = r.body();
        assertThat(journal).contains("members:a").contains("EUR");
        assertThat(journal).as("a reversed contribution is not in the journal").doesNotContain(c3);
        assertThat(journal).contains(m4);
        // In date, then sequence order: m1 now dated b+6 (latest values) after the b+5 one; m6 after s1.
        String settlement = s1.json().path("settlementId").asText();
        assertThat(journal.indexOf(big)).isPositive().isLessThan(journal.indexOf(m1));
        assertThat(journal.indexOf(m1)).isLessThan(journal.indexOf(settlement));
        assertThat(journal.indexOf(settlement)).isLessThan(journal.indexOf(m6));
        // The transaction of m1: its latest value to a, each non-zero share from its bearer.
        JsonNode c1 = api.contribution(p, m1);
        List<String> m1Postings = new java.util.ArrayList<>(List.of("a " + c1.path("value").asText()));
        c1.path("allocation").fields().forEachRemaining(share -> {
            if (new BigDecimal(share.getValue().asText()).signum() != 0) {
                m1Postings.add(share.getKey() + " -" + share.getValue().asText());
            }
        });
        assertThat(m1Postings).hasSize(4);
        assertThat(postings(journal, m1)).as(journal).containsExactlyInAnyOrderElementsOf(m1Postings);
        assertThat(postings(journal, m1).get(0)).isEqualTo("a 1000.01");
        assertThat(postings(journal, settlement)).containsExactly("c 250.00", "b -250.00");

        Path file = Files.createTempFile("ledger-" + p, ".journal");
        try {
            Files.writeString(file, journal, StandardCharsets.UTF_8);

            AuditSupport.Run balance = run(HLEDGER, Map.of(), "hledger", "-f", file.toString(),
                    "balance", "members", "--flat", "-E");
            assertThat(balance.exit()).as(balance + "\n--- journal\n" + journal).isZero();
            Map<String, BigDecimal> hledger = new TreeMap<>();
            for (String line : balance.out().split("\n")) {
                Matcher m = LINE.matcher(line);
                if (m.matches()) {
                    assertThat(hledger.put(m.group(2), new BigDecimal(m.group(1)))).as("once: %s", line).isNull();
                }
            }
            assertThat(hledger).as(balance.out()).isNotEmpty();
            Map<String, BigDecimal> ledger = new TreeMap<>();
            for (JsonNode member : balances.path("members")) {
                ledger.put(member.path("memberId").asText(), new BigDecimal(member.path("balance").asText()));
            }
            assertThat(ledger.keySet()).as(balance.out()).containsAll(hledger.keySet());
            for (Map.Entry<String, BigDecimal> e : ledger.entrySet()) {
                // hledger leaves out an account that has no posting at all; its balance must then be zero.
                BigDecimal expected = e.getValue();
                BigDecimal computed = hledger.getOrDefault(e.getKey(), BigDecimal.ZERO);
                assertThat(computed.compareTo(expected)).as("member %s: hledger %s, /balances %s\n%s",
                        e.getKey(), computed, expected, balance.out()).isZero();
                if (!hledger.containsKey(e.getKey())) {
                    assertThat(journal).doesNotContain("members:" + e.getKey() + " ");
                }
            }
            assertThat(hledger).as("d has postings that net to zero").containsKey("d");
            assertThat(hledger.get("d").signum()).isZero();
            assertThat(hledger).as("z has no postings").doesNotContainKey("z");

            // Every transaction balances (hledger refuses the file otherwise); one per effective
            // contribution and settlement; in date order.
            AuditSupport.Run stats = run(HLEDGER, Map.of(), "hledger", "-f", file.toString(), "stats");
            assertThat(stats.exit()).as(stats.toString()).isZero();
            Matcher transactions = Pattern.compile("Transactions\\s*:\\s*(\\d+)").matcher(stats.out());
            assertThat(transactions.find()).as(stats.toString()).isTrue();
            long effective = api.contributions(p, "status=EFFECTIVE").size();
            assertThat(effective).isEqualTo(6);
            assertThat(Long.parseLong(transactions.group(1))).isEqualTo(effective + 2);
            AuditSupport.Run check = run(HLEDGER, Map.of(), "hledger", "-f", file.toString(), "check",
                    "ordereddates", "commodities");
            assertThat(check.exit()).as(check.toString()).isZero();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The postings of the one transaction whose header names this id, as "member amount". */
    private static List<String> postings(String journal, String id) {
        List<String> blocks = java.util.Arrays.stream(journal.split("\n\n"))
                .filter(block -> block.lines().findFirst().orElse("").contains(id)).toList();
        assertThat(blocks).as("one transaction naming %s in\n%s", id, journal).hasSize(1);
        Pattern posting = Pattern.compile("^\\s+members:(\\S+)\\s+(-?\\d+\\.\\d{2}) EUR$");
        List<String> out = new java.util.ArrayList<>();
        blocks.get(0).lines().skip(1).forEach(line -> {
            Matcher m = posting.matcher(line);
            assertThat(m.matches()).as("a posting: '%s'", line).isTrue();
            out.add(m.group(1) + " " + m.group(2));
        });
        return out;
    }

    @Test
    void anEmptyProjectHasAnEmptyJournal() throws Exception {
        String p = api.projectWith("journal-empty", List.of("a", "b"));
        Response r = http.get("/api/projects/" + p + "/export/journal");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain");
        assertThat(r.body()).doesNotContain("members:");
        Path file = Files.createTempFile("ledger-" + p, ".journal");
        try {
            Files.writeString(file, r.body(), StandardCharsets.UTF_8);
            AuditSupport.Run stats = run(HLEDGER, Map.of(), "hledger", "-f", file.toString(), "stats");
            assertThat(stats.exit()).as(stats.toString()).isZero();
            assertThat(stats.out()).containsPattern("Transactions\\s*:\\s*0");
        } finally {
            Files.deleteIfExists(file);
        }
        assertThat(http.get("/api/projects/no-such-" + System.nanoTime() + "/export/journal").status()).isEqualTo(404);
    }
}
