package nl.commonsledger.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.commonsledger.api.http.support.Http.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static nl.commonsledger.api.http.support.Ledger.assertBalanced;
import static nl.commonsledger.api.http.support.Ledger.assertProblem;
import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.enc;
import static nl.commonsledger.api.http.support.Ledger.fieldNames;
import static nl.commonsledger.api.http.support.Ledger.future;
import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.http.support.Ledger.line;
import static nl.commonsledger.api.http.support.Ledger.quarter;
import static nl.commonsledger.api.http.support.Ledger.strings;
import static org.assertj.core.api.Assertions.assertThat;

/** Recording, listing, reading, correcting and reversing contributions: the happy paths. */
class ContributionsApiTest extends ApiTestBase {

    private static final String ISO_INSTANT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z";

    /** Every field a contribution reads with (the contract's, plus updatedAt/updatedBy), and its history. */
    private static void assertContributionShape(JsonNode c, boolean withHistory) {
        List<String> fields = new ArrayList<>(List.of("contributionId", "projectId", "memberId", "kind", "amount",
                "hours", "role", "value", "date", "period", "reference", "description", "status", "recordedAt",
                "recordedBy", "updatedAt", "updatedBy", "allocation"));
        if (withHistory) {
            fields.add("history");
        }
        assertThat(fieldNames(c)).as("fields of %s", c).containsExactlyInAnyOrderElementsOf(fields);
        assertThat(UUID.fromString(c.path("contributionId").asText())).isNotNull();
        assertThat(c.path("recordedAt").asText()).matches(ISO_INSTANT);
        assertThat(c.path("updatedAt").asText()).matches(ISO_INSTANT);
        assertThat(c.path("recordedBy").asText()).isNotBlank();
        assertThat(c.path("updatedBy").asText()).isNotBlank();
        assertThat(c.path("value").asText()).matches("\\d+\\.\\d{2}");
    }

    private static JsonNode withoutHistory(JsonNode c) {
        ObjectNode copy = c.deepCopy();
        copy.remove("history");
        return copy;
    }

    @Test
    void recordsMoneyHoursAndCode() {
        String p = api.projectWith("contrib", List.of("a", "b", "c"),
                "developer", "95.00", "tester", "10.10", "intern", "0.40");
        LocalDate b = base();
        Instant before = Instant.now().minusSeconds(2);

        Response money = api.record(p, json("memberId", "a", "kind", "MONEY", "amount", "37.5",
                "date", b.plusDays(10), "reference", "INV-1", "description", "Hosting invoice"));
        Instant after = Instant.now().plusSeconds(2);
        assertThat(money.status()).as(money.toString()).isEqualTo(201);
        assertThat(money.contentType()).startsWith("application/json");
        JsonNode m = money.json();
        assertContributionShape(m, true);
        assertThat(m.path("projectId").asText()).isEqualTo(p);
        assertThat(m.path("memberId").asText()).isEqualTo("a");
        assertThat(m.path("kind").asText()).isEqualTo("MONEY");
        assertThat(m.path("amount").asText()).isEqualTo("37.50");
        assertThat(m.path("hours").isNull()).isTrue();
        assertThat(m.path("role").isNull()).isTrue();
        assertThat(m.path("value").asText()).isEqualTo("37.50");
        assertThat(m.path("date").asText()).isEqualTo(b.plusDays(10).toString());
        assertThat(m.path("period").asText()).isEqualTo(quarter(b)).matches("\\d{4}-Q[1-4]");
        assertThat(m.path("reference").asText()).isEqualTo("INV-1");
        assertThat(m.path("description").asText()).isEqualTo("Hosting invoice");
        assertThat(m.path("status").asText()).isEqualTo("EFFECTIVE");
        assertThat(Instant.parse(m.path("recordedAt").asText())).isBetween(before, after);
        assertThat(m.path("updatedAt")).isEqualTo(m.path("recordedAt"));
        assertThat(m.path("updatedBy")).isEqualTo(m.path("recordedBy"));
        assertThat(strings(m.path("allocation"))).isEqualTo(Map.of("a", "12.50", "b", "12.50", "c", "12.50"));
        assertThat(m.path("history")).hasSize(1);
        assertThat(api.contribution(p, m.path("contributionId").asText())).isEqualTo(m);

        // HOURS: value = hours × rate, HALF_EVEN: 0.25 × 10.10 = 2.525 → 2.52.
        JsonNode h = api.hours(p, "b", "HOURS", "0.25", "tester", b.plusDays(11), null);
        assertContributionShape(h, true);
        assertThat(h.path("kind").asText()).isEqualTo("HOURS");
        assertThat(h.path("amount").isNull()).isTrue();
        assertThat(h.path("hours").asText()).isEqualTo("0.25");
        assertThat(h.path("role").asText()).isEqualTo("tester");
        assertThat(h.path("value").asText()).isEqualTo("2.52");
        assertThat(h.path("reference").isNull()).isTrue();
        assertThat(strings(h.path("allocation"))).isEqualTo(Map.of("a", "0.84", "b", "0.84", "c", "0.84"));

        JsonNode h2 = api.hours(p, "b", "HOURS", "10.5", "developer", b.plusDays(12), null);
        assertThat(h2.path("hours").asText()).isEqualTo("10.50");
        assertThat(h2.path("value").asText()).isEqualTo("997.50");
        assertThat(strings(h2.path("allocation"))).isEqualTo(Map.of("a", "332.50", "b", "332.50", "c", "332.50"));

        // CODE: agreed hours × rate, with its reference.
        JsonNode code = api.hours(p, "c", "CODE", "3", "developer", b.plusDays(100), "https://git.example/mr/1");
        assertThat(code.path("kind").asText()).isEqualTo("CODE");
        assertThat(code.path("hours").asText()).isEqualTo("3.00");
        assertThat(code.path("value").asText()).isEqualTo("285.00");
        assertThat(code.path("period").asText()).isEqualTo(quarter(b.plusDays(100)));
        assertThat(code.path("reference").asText()).isEqualTo("https://git.example/mr/1");
        assertThat(strings(code.path("allocation"))).isEqualTo(Map.of("a", "95.00", "b", "95.00", "c", "95.00"));

        // Every active member is listed, zero shares included; leftover cents go to the smallest ids.
        JsonNode cents = api.money(p, "c", "0.02", b.plusDays(13));
        assertThat(strings(cents.path("allocation"))).isEqualTo(Map.of("a", "0.01", "b", "0.01", "c", "0.00"));
        // A value that rounds to 0.00 is accepted: 0.01 h × 0.40 = 0.004.
        JsonNode nothing = api.hours(p, "a", "HOURS", "0.01", "intern", b.plusDays(14), null);
        assertThat(nothing.path("value").asText()).isEqualTo("0.00");
        assertThat(strings(nothing.path("allocation"))).isEqualTo(Map.of("a", "0.00", "b", "0.00", "c", "0.00"));
        // The limits themselves are accepted.
        JsonNode max = api.money(p, "a", "999999999999.99", b.plusDays(15));
        assertThat(max.path("value").asText()).isEqualTo("999999999999.99");
        assertThat(strings(max.path("allocation")))
                .isEqualTo(Map.of("a", "333333333333.33", "b", "333333333333.33", "c", "333333333333.33"));
        JsonNode maxHours = api.hours(p, "a", "HOURS", "10000.00", "developer", b.plusDays(16), null);
        assertThat(maxHours.path("value").asText()).isEqualTo("950000.00");

        // A member who joins later, or has left, is not in the allocation of a contribution outside its membership.
        api.join(p, "d", b.plusDays(120));
        api.leave(p, "c", b.plusDays(150));
        assertThat(strings(api.contribution(p, m.path("contributionId").asText()).path("allocation")).keySet())
                .containsExactly("a", "b", "c");
        JsonNode later = api.money(p, "d", "10.00", b.plusDays(200));
        assertThat(strings(later.path("allocation"))).isEqualTo(Map.of("a", "3.34", "b", "3.33", "d", "3.33"));

        assertThat(api.contributions(p)).hasSize(9);
        assertBalanced(api.balances(p));
    }

    @Test
    void listsWithFiltersAndPages() {
        String p = api.projectWith("list", List.of("a", "b"), "developer", "95.00");
        LocalDate b = base();
        String c1 = api.money(p, "a", "100.00", b.plusDays(1), "R1").path("contributionId").asText();
        String c2 = api.hours(p, "b", "HOURS", "2", "developer", b.plusDays(2), null).path("contributionId").asText();
        String c3 = api.hours(p, "a", "CODE", "1", "developer", b.plusDays(100), "MR-7").path("contributionId").asText();
        String c4 = api.money(p, "b", "5.00", b.plusDays(200)).path("contributionId").asText();
        String c5 = api.money(p, "a", "7.00", b.plusDays(10), "R1-other").path("contributionId").asText();
        api.reverse(p, c5, "booked by mistake");

        Response all = http.get("/api/projects/" + p + "/contributions");
        assertThat(all.status()).isEqualTo(200);
        assertThat(fieldNames(all.json())).containsExactlyInAnyOrder("items", "next");
        assertThat(all.json().path("next").isNull()).isTrue();
        assertThat(ids(all.json())).containsExactly(c1, c2, c3, c4, c5);
        for (JsonNode item : all.json().path("items")) {
            assertContributionShape(item, false);
            assertThat(item).isEqualTo(withoutHistory(api.contribution(p, item.path("contributionId").asText())));
        }

        assertThat(query(p, "memberId=a")).containsExactly(c1, c3, c5);
        assertThat(query(p, "memberId=b")).containsExactly(c2, c4);
        assertThat(query(p, "memberId=nobody")).isEmpty();
        assertThat(query(p, "kind=MONEY")).containsExactly(c1, c4, c5);
        assertThat(query(p, "kind=HOURS")).containsExactly(c2);
        assertThat(query(p, "kind=CODE")).containsExactly(c3);
        assertThat(query(p, "period=" + quarter(b))).containsExactly(c1, c2, c5);
        assertThat(query(p, "period=" + quarter(b.plusDays(100)))).containsExactly(c3);
        assertThat(query(p, "period=" + quarter(b.minusDays(1)))).isEmpty();
        assertThat(query(p, "reference=R1")).containsExactly(c1);
        assertThat(query(p, "reference=" + enc("MR-7"))).containsExactly(c3);
        assertThat(query(p, "reference=r1")).as("references are case-sensitive").isEmpty();
        assertThat(query(p, "status=EFFECTIVE")).containsExactly(c1, c2, c3, c4);
        assertThat(query(p, "status=REVERSED")).containsExactly(c5);
        assertThat(query(p, "memberId=a&kind=MONEY&status=EFFECTIVE")).containsExactly(c1);

        // Paging: next is null exactly when nothing follows.
        JsonNode page1 = get(p, "limit=2");
        assertThat(ids(page1)).containsExactly(c1, c2);
        assertThat(page1.path("next").isTextual()).isTrue();
        JsonNode page2 = get(p, "limit=2&after=" + enc(page1.path("next").asText()));
        assertThat(ids(page2)).containsExactly(c3, c4);
        assertThat(page2.path("next").isTextual()).isTrue();
        JsonNode page3 = get(p, "limit=2&after=" + enc(page2.path("next").asText()));
        assertThat(ids(page3)).containsExactly(c5);
        assertThat(page3.path("next").isNull()).isTrue();
        JsonNode exact = get(p, "limit=5");
        assertThat(ids(exact)).containsExactly(c1, c2, c3, c4, c5);
        assertThat(exact.path("next").isNull()).as("five of five: nothing follows").isTrue();
        JsonNode four = get(p, "limit=4");
        assertThat(four.path("next").isTextual()).isTrue();
        JsonNode last = get(p, "limit=4&after=" + enc(four.path("next").asText()));
        assertThat(ids(last)).containsExactly(c5);
        assertThat(last.path("next").isNull()).isTrue();
        JsonNode filtered = get(p, "memberId=a&limit=1");
        assertThat(ids(filtered)).containsExactly(c1);
        JsonNode filtered2 = get(p, "memberId=a&limit=1&after=" + enc(filtered.path("next").asText()));
        assertThat(ids(filtered2)).containsExactly(c3);
        JsonNode filtered3 = get(p, "memberId=a&limit=1&after=" + enc(filtered2.path("next").asText()));
        assertThat(ids(filtered3)).containsExactly(c5);
        assertThat(filtered3.path("next").isNull()).isTrue();
        assertThat(get(p, "limit=1000")).isEqualTo(all.json());
        assertThat(get(p, "limit=1001")).as("limit above 1000 is treated as 1000").isEqualTo(all.json());
        assertThat(get(p, "limit=999999")).isEqualTo(all.json());
        // Any number above 1000 is 1000, also one beyond 64 bits.
        assertThat(get(p, "limit=99999999999999999999")).isEqualTo(all.json());

        String list = "/api/projects/" + p + "/contributions?";
        for (String bad : List.of("0", "-1", "abc", "1.5", "")) {
            assertProblem(http.get(list + "limit=" + bad), 400, "/problems/malformed-request", "Malformed request",
                    "limit");
        }
        assertProblem(http.get(list + "after=not-a-cursor"), 400, "/problems/malformed-request", "Malformed request",
                "after");
        assertProblem(http.get(list + "period=2025-Q5"), 400, "/problems/malformed-request", "Malformed request",
                "period");
        assertProblem(http.get(list + "kind=GIFT"), 422, "/problems/invalid-values", "Invalid values", "kind");
        assertProblem(http.get(list + "status=GONE"), 422, "/problems/invalid-values", "Invalid values", "status");
    }

    @Test
    void correctionsRestateEveryFieldAndMayChangeTheKind() {
        String p = api.projectWith("correct", List.of("a", "b"), "developer", "95.00");
        LocalDate b = base();
        JsonNode original = api.money(p, "a", "100.00", b.plusDays(5), "INV-9");
        String id = original.path("contributionId").asText();
        String corrections = "/api/projects/" + p + "/contributions/" + id + "/corrections";

        // Reason required: 422, nothing stored.
        assertProblem(http.post(corrections, json("kind", "MONEY", "amount", "90.00", "date", b.plusDays(5))), 422,
                "/problems/invalid-values", "Invalid values", "reason");
        assertProblem(http.post(corrections, json("kind", "MONEY", "amount", "90.00", "date", b.plusDays(5),
                "reason", "  ")), 422, "/problems/invalid-values", "Invalid values", "reason");
        // The new terms must satisfy every rule for a new contribution.
        assertProblem(http.post(corrections, json("kind", "MONEY", "amount", "90.00", "date", future(),
                "reason", "r")), 422, "/problems/date-in-future", "Invalid values", "date");
        assertProblem(http.post(corrections, json("kind", "MONEY", "amount", "90.001", "date", b.plusDays(5),
                "reason", "r")), 422, "/problems/too-many-decimals", "Invalid values", "amount");
        assertProblem(http.post(corrections, json("kind", "HOURS", "hours", "1", "role", "dancer",
                "date", b.plusDays(5), "reason", "r")), 422, "/problems/unknown-role", "Invalid values", "role");
        assertProblem(http.post(corrections, json("kind", "MONEY", "amount", "90.00", "date", b.minusDays(1),
                "reason", "r")), 422, "/problems/member-not-active", "Invalid values", "date");
        api.money(p, "a", "1.00", b.plusDays(6), "TAKEN");
        assertProblem(http.post(corrections, json("kind", "MONEY", "amount", "90.00", "date", b.plusDays(5),
                "reference", "TAKEN", "reason", "r")), 409, "/problems/duplicate-reference",
                "Conflicts with the ledger", "reference");
        assertThat(api.contribution(p, id)).as("nothing stored by a refused correction").isEqualTo(original);

        // MONEY → HOURS, new date, new reference.
        Response corrected = http.post(corrections, json("kind", "HOURS", "hours", "2.5", "role", "developer",
                "date", b.plusDays(6), "reference", "TS-1", "description", "timesheet", "reason", "It was hours"));
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
        JsonNode c = corrected.json();
        assertContributionShape(c, true);
        assertThat(c.path("contributionId").asText()).isEqualTo(id);
        assertThat(c.path("memberId").asText()).isEqualTo("a");
        assertThat(c.path("kind").asText()).isEqualTo("HOURS");
        assertThat(c.path("amount").isNull()).isTrue();
        assertThat(c.path("hours").asText()).isEqualTo("2.50");
        assertThat(c.path("role").asText()).isEqualTo("developer");
        assertThat(c.path("value").asText()).isEqualTo("237.50");
        assertThat(c.path("date").asText()).isEqualTo(b.plusDays(6).toString());
        assertThat(c.path("reference").asText()).isEqualTo("TS-1");
        assertThat(c.path("description").asText()).isEqualTo("timesheet");
        assertThat(c.path("status").asText()).isEqualTo("EFFECTIVE");
        assertThat(c.path("recordedAt")).isEqualTo(original.path("recordedAt"));
        assertThat(c.path("recordedBy")).isEqualTo(original.path("recordedBy"));
        assertThat(Instant.parse(c.path("updatedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(original.path("recordedAt").asText()));
        assertThat(strings(c.path("allocation"))).isEqualTo(Map.of("a", "118.75", "b", "118.75"));
        assertThat(api.contribution(p, id)).isEqualTo(c);

        // History: the recording and the correction, as /events shows them. Sequences count per project:
        // created 0, joins 1-2, rate card 3, this contribution 4, "TAKEN" 5, the correction 6.
        JsonNode history = c.path("history");
        assertThat(history).hasSize(2);
        for (JsonNode e : history) {
            // As /events shows them: with the event's link in the digest chain.
            assertThat(fieldNames(e)).containsExactlyInAnyOrder("sequence", "type", "recordedAt", "recordedBy",
                    "payload", "digest");
            assertThat(e.path("digest").asText()).matches("[0-9a-f]{64}");
            assertThat(e.path("recordedAt").asText()).matches(ISO_INSTANT);
            assertThat(e.path("recordedBy").asText()).isNotBlank();
            assertThat(e.path("payload").path("contributionId").asText()).isEqualTo(id);
            assertThat(e.path("payload").has("value")).as("events record inputs, not values").isFalse();
            assertThat(e.path("payload").has("allocation")).as("events record inputs, not allocations").isFalse();
        }
        assertThat(history.get(0).path("sequence").asLong()).isEqualTo(4);
        assertThat(history.get(0).path("type").asText()).isEqualTo("ContributionRecorded");
        assertThat(history.get(0).path("recordedAt")).isEqualTo(original.path("recordedAt"));
        assertThat(history.get(0).path("payload").path("memberId").asText()).isEqualTo("a");
        assertThat(history.get(0).path("payload").path("kind").asText()).isEqualTo("MONEY");
        assertThat(history.get(0).path("payload").path("amount").asText()).isEqualTo("100.00");
        assertThat(history.get(0).path("payload").path("date").asText()).isEqualTo(b.plusDays(5).toString());
        assertThat(history.get(0).path("payload").path("reference").asText()).isEqualTo("INV-9");
        assertThat(history.get(1).path("sequence").asLong()).isEqualTo(6);
        assertThat(history.get(1).path("type").asText()).isEqualTo("ContributionCorrected");
        assertThat(history.get(1).path("recordedAt")).isEqualTo(c.path("updatedAt"));
        assertThat(history.get(1).path("payload").path("kind").asText()).isEqualTo("HOURS");
        assertThat(history.get(1).path("payload").path("hours").asText()).isEqualTo("2.50");
        assertThat(history.get(1).path("payload").path("reason").asText()).isEqualTo("It was hours");

        // The old reference is free again; a full replacement turns omitted optional fields into null.
        api.money(p, "a", "3.00", b.plusDays(7), "INV-9");
        JsonNode bare = api.correct(p, id, json("kind", "MONEY", "amount", "80", "date", b.plusDays(6),
                "reason", "An invoice after all"));
        assertThat(bare.path("kind").asText()).isEqualTo("MONEY");
        assertThat(bare.path("amount").asText()).isEqualTo("80.00");
        assertThat(bare.path("hours").isNull()).isTrue();
        assertThat(bare.path("role").isNull()).isTrue();
        assertThat(bare.path("reference").isNull()).isTrue();
        assertThat(bare.path("description").isNull()).isTrue();
        assertThat(bare.path("history")).hasSize(3);
        assertThat(query(p, "reference=TS-1")).as("TS-1 no longer held").isEmpty();

        JsonNode balances = api.balances(p);
        assertBalanced(balances);
        assertThat(line(balances, "a").path("contributed").path("MONEY").asText()).isEqualTo("84.00");
        assertThat(line(balances, "a").path("contributed").path("HOURS").asText()).isEqualTo("0.00");
    }

    @Test
    void reversalsKeepTheValueAllocateNothingAndFreeTheReference() {
        String p = api.projectWith("reverse", List.of("a", "b"), "developer", "95.00");
        LocalDate b = base();
        JsonNode code = api.hours(p, "a", "CODE", "1", "developer", b.plusDays(20), "MR-1");
        String id = code.path("contributionId").asText();
        String reversal = "/api/projects/" + p + "/contributions/" + id + "/reversal";

        assertProblem(http.post(reversal, "{}"), 422, "/problems/invalid-values", "Invalid values", "reason");
        assertProblem(http.post(reversal, json("reason", "x".repeat(2001))), 422, "/problems/invalid-values",
                "Invalid values", "reason");
        assertThat(api.contribution(p, id)).as("nothing stored").isEqualTo(code);

        Response reversed = http.post(reversal, json("reason", "Booked twice"));
        assertThat(reversed.status()).as(reversed.toString()).isEqualTo(200);
        JsonNode r = reversed.json();
        assertContributionShape(r, true);
        assertThat(r.path("status").asText()).isEqualTo("REVERSED");
        assertThat(r.path("value").asText()).as("value kept for information").isEqualTo("95.00");
        assertThat(r.path("allocation").isObject()).isTrue();
        assertThat(r.path("allocation")).as("allocates nothing").isEmpty();
        assertThat(r.path("kind").asText()).isEqualTo("CODE");
        assertThat(r.path("hours").asText()).isEqualTo("1.00");
        assertThat(r.path("reference").asText()).isEqualTo("MR-1");
        assertThat(r.path("recordedAt")).isEqualTo(code.path("recordedAt"));
        assertThat(r.path("history")).hasSize(2);
        assertThat(r.path("history").get(1).path("type").asText()).isEqualTo("ContributionReversed");
        assertThat(r.path("history").get(1).path("payload").path("reason").asText()).isEqualTo("Booked twice");
        assertThat(api.contribution(p, id)).isEqualTo(r);

        // Reversing again, or correcting a reversed contribution: 409, nothing stored.
        assertProblem(http.post(reversal, json("reason", "again")), 409, "/problems/contribution-reversed",
                "Conflicts with the ledger");
        assertProblem(http.post("/api/projects/" + p + "/contributions/" + id + "/corrections",
                        json("kind", "MONEY", "amount", "1.00", "date", b.plusDays(20), "reason", "fix")), 409,
                "/problems/contribution-reversed", "Conflicts with the ledger");
        assertThat(api.contribution(p, id)).isEqualTo(r);

        // The reference is free again.
        JsonNode again = api.hours(p, "a", "CODE", "2", "developer", b.plusDays(21), "MR-1");
        assertThat(again.path("status").asText()).isEqualTo("EFFECTIVE");

        JsonNode balances = api.balances(p);
        assertBalanced(balances);
        assertThat(balances.path("totalValue").asText()).isEqualTo("190.00");
        assertThat(line(balances, "a").path("contributed").path("CODE").asText()).isEqualTo("190.00");
        assertThat(line(balances, "a").path("fairShare").asText()).isEqualTo("95.00");
        assertThat(line(balances, "b").path("balance").asText()).isEqualTo("-95.00");
    }

    private JsonNode get(String p, String query) {
        Response r = http.get("/api/projects/" + p + "/contributions?" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private List<String> query(String p, String query) {
        JsonNode page = get(p, query);
        assertThat(page.path("next").isNull()).isTrue();
        return ids(page);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(i -> ids.add(i.path("contributionId").asText()));
        return ids;
    }
}
