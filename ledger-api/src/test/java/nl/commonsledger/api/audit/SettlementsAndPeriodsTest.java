package nl.commonsledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.ApiTestBase;
import nl.commonsledger.api.http.support.Http.Response;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static nl.commonsledger.api.audit.AuditSupport.audit;
import static nl.commonsledger.api.audit.AuditSupport.events;
import static nl.commonsledger.api.audit.AuditSupport.recompute;
import static nl.commonsledger.api.http.support.Ledger.assertBalanced;
import static nl.commonsledger.api.http.support.Ledger.assertProblem;
import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.dec;
import static nl.commonsledger.api.http.support.Ledger.fieldNames;
import static nl.commonsledger.api.http.support.Ledger.future;
import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.http.support.Ledger.line;
import static nl.commonsledger.api.http.support.Ledger.quarter;
import static nl.commonsledger.api.http.support.Ledger.today;
import static org.assertj.core.api.Assertions.assertThat;

/** Settlements, rule 9's suggestions, and closing periods sealed with the digest chain. */
class SettlementsAndPeriodsTest extends ApiTestBase {

    private Response settle(String p, String from, String to, String amount, LocalDate date) {
        return http.post("/api/projects/" + p + "/settlements", json("from", from, "to", to, "amount", amount,
                "date", date));
    }

    private Response close(String p, String period) {
        return http.post("/api/projects/" + p + "/periods/" + period + "/close", "");
    }

    private static Map<String, Long> balancesInCents(JsonNode balances) {
        Map<String, Long> out = new TreeMap<>();
        for (JsonNode m : balances.path("members")) {
            out.put(m.path("memberId").asText(), dec(m.path("balance")).movePointRight(2).longValueExact());
        }
        return out;
    }

    /**
     * Rule 9 written out independently: repeatedly the most negative balance pays the most positive
     * the smaller of the two amounts; ties go to the smaller member id; zero balances are left out.
     */
    private static List<String> greedy(Map<String, Long> balances) {
        TreeMap<String, Long> open = new TreeMap<>();
        balances.forEach((m, v) -> {
            if (v != 0) {
                open.put(m, v);
            }
        });
        List<String> out = new ArrayList<>();
        while (!open.isEmpty()) {
            String debtor = null;
            String creditor = null;
            for (Map.Entry<String, Long> e : open.entrySet()) { // in id order, so the first of equals wins
                if (debtor == null || e.getValue() < open.get(debtor)) {
                    debtor = e.getKey();
                }
                if (creditor == null || e.getValue() > open.get(creditor)) {
                    creditor = e.getKey();
                }
            }
            long amount = Math.min(-open.get(debtor), open.get(creditor));
            out.add(debtor + "->" + creditor + ":" + BigDecimal.valueOf(amount, 2).toPlainString());
            for (String[] change : new String[][]{{debtor, String.valueOf(amount)}, {creditor, String.valueOf(-amount)}}) {
                long v = open.get(change[0]) + Long.parseLong(change[1]);
                if (v == 0) {
                    open.remove(change[0]);
                } else {
                    open.put(change[0], v);
                }
            }
        }
        return out;
    }

    @Test
    void settlementsMoveBalancesFromPayerToReceiver() {
        String p = api.projectWith("settle", List.of("a", "b", "c"));
        LocalDate b = base();
        api.money(p, "a", "300.00", b.plusDays(1));
        api.money(p, "b", "30.00", b.plusDays(2));
        JsonNode before = api.balances(p);
        assertThat(line(before, "a").path("balance").asText()).isEqualTo("190.00");
        assertThat(line(before, "c").path("balance").asText()).isEqualTo("-110.00");

        Response r = settle(p, "c", "a", "50", b.plusDays(5));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode s = r.json();
        assertThat(UUID.fromString(s.path("settlementId").asText())).isNotNull();
        assertThat(s.path("from").asText()).isEqualTo("c");
        assertThat(s.path("to").asText()).isEqualTo("a");
        assertThat(s.path("amount").asText()).isEqualTo("50.00");
        assertThat(s.path("date").asText()).isEqualTo(b.plusDays(5).toString());

        JsonNode after = api.balances(p);
        assertBalanced(after);
        assertThat(line(after, "c").path("settlementsPaid").asText()).isEqualTo("50.00");
        assertThat(line(after, "c").path("balance").asText()).isEqualTo("-60.00");
        assertThat(line(after, "a").path("settlementsReceived").asText()).isEqualTo("50.00");
        assertThat(line(after, "a").path("balance").asText()).isEqualTo("140.00");
        assertThat(line(after, "b")).isEqualTo(line(before, "b"));
        assertThat(after.path("totalValue")).isEqualTo(before.path("totalValue"));

        // The event records what was said.
        List<JsonNode> events = events(http, p);
        JsonNode recorded = events.get(events.size() - 1);
        assertThat(recorded.path("type").asText()).isEqualTo("SettlementRecorded");
        assertThat(recorded.path("payload").path("settlementId").asText()).isEqualTo(s.path("settlementId").asText());
        assertThat(recorded.path("payload").path("amount").asText()).isEqualTo("50.00");

        // Refused: to itself, an unknown member, nothing, the future, a number for money.
        assertProblem(settle(p, "a", "a", "1.00", b.plusDays(5)), 422, "/problems/settlement-to-self", "Invalid values");
        assertThat(settle(p, "a", "x", "1.00", b.plusDays(5)).status()).isEqualTo(422);
        assertThat(settle(p, "a", "b", "0.00", b.plusDays(5)).status()).isEqualTo(422);
        assertThat(settle(p, "a", "b", "1.000", b.plusDays(5)).status()).isEqualTo(422);
        assertThat(settle(p, "a", "b", "1.00", future()).status()).isEqualTo(422);
        assertThat(settle(p, "a", "b", "1.00", b.minusDays(1)).status()).as("before they joined").isEqualTo(422);
        Response number = http.post("/api/projects/" + p + "/settlements",
                "{\"from\":\"a\",\"to\":\"b\",\"amount\":1.00,\"date\":\"" + b.plusDays(5) + "\"}");
        assertThat(number.status()).as(number.toString()).isEqualTo(400);
        assertThat(api.balances(p)).as("nothing refused was stored").isEqualTo(after);
        assertThat(events(http, p)).hasSize(events.size());
    }

    @Test
    void suggestedTransfersFollowRule9AndSettleEverything() {
        String p = api.projectWith("suggest", List.of("a", "b", "c", "d", "e"));
        LocalDate b = base();
        api.weightedKey(p, b, "a", "3", "b", "1", "c", "1", "d", "2", "e", "1");
        api.money(p, "a", "100.00", b.plusDays(1));
        api.money(p, "b", "333.33", b.plusDays(2));
        api.money(p, "e", "17.01", b.plusDays(3));
        JsonNode balances = api.balances(p);
        assertBalanced(balances);
        Map<String, Long> cents = balancesInCents(balances);

        Response r = http.get("/api/projects/" + p + "/settlements/suggested");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(fieldNames(r.json())).containsExactly("transfers");
        List<String> suggested = new ArrayList<>();
        for (JsonNode t : r.json().path("transfers")) {
            assertThat(fieldNames(t)).containsExactlyInAnyOrder("from", "to", "amount");
            assertThat(t.path("amount").asText()).matches("\\d+\\.\\d{2}");
            assertThat(dec(t.path("amount"))).isPositive();
            suggested.add(t.path("from").asText() + "->" + t.path("to").asText() + ":" + t.path("amount").asText());
        }
        assertThat(suggested).isEqualTo(greedy(cents));
        long nonZero = cents.values().stream().filter(v -> v != 0).count();
        assertThat(suggested).isNotEmpty().hasSizeLessThanOrEqualTo((int) nonZero - 1);

        // Paying them brings every balance to exactly 0.00.
        for (JsonNode t : r.json().path("transfers")) {
            Response s = settle(p, t.path("from").asText(), t.path("to").asText(), t.path("amount").asText(), today());
            assertThat(s.status()).as(s.toString()).isEqualTo(201);
        }
        JsonNode settled = api.balances(p);
        assertBalanced(settled);
        for (JsonNode m : settled.path("members")) {
            assertThat(m.path("balance").asText()).as("%s", m).isEqualTo("0.00");
        }
        assertThat(http.get("/api/projects/" + p + "/settlements/suggested").json().path("transfers")).isEmpty();
    }

    @Test
    void suggestionsBreakTiesBySmallerIdAndLeaveOutZeroBalances() {
        String p = api.projectWith("suggest-ties", List.of("a", "b", "c", "d"));
        LocalDate b = base();
        // Equal key among four: a +30, b +30, c -30, d -30 after these two.
        api.money(p, "a", "60.00", b.plusDays(1));
        api.money(p, "b", "60.00", b.plusDays(1));
        JsonNode transfers = http.get("/api/projects/" + p + "/settlements/suggested").json().path("transfers");
        List<String> suggested = new ArrayList<>();
        transfers.forEach(t -> suggested.add(t.path("from").asText() + "->" + t.path("to").asText() + ":"
                + t.path("amount").asText()));
        assertThat(suggested).containsExactly("c->a:30.00", "d->b:30.00");
        // A project where everything is even: no transfers.
        String even = api.projectWith("suggest-even", List.of("a", "b"));
        api.money(even, "a", "10.00", b.plusDays(1));
        api.money(even, "b", "10.00", b.plusDays(1));
        assertThat(http.get("/api/projects/" + even + "/settlements/suggested").json().path("transfers")).isEmpty();
    }

    @Test
    void closingPeriodsInOrderSealsTheChain() {
        String p = api.projectWith("close", List.of("a", "b"));
        LocalDate b = base();
        String q0 = quarter(b);
        LocalDate q1Day = b.plusMonths(3).plusDays(1);
        String q1 = quarter(q1Day);
        String current = quarter(today());
        String c0 = api.money(p, "a", "100.00", b.plusDays(1)).path("contributionId").asText();
        String c1 = api.money(p, "b", "40.00", q1Day).path("contributionId").asText();

        // Out of order, and a period that has not ended: 409.
        assertProblem(close(p, q1), 409, "/problems/period-not-closable", "Conflicts with the ledger");
        assertProblem(close(p, current), 409, "/problems/period-not-closable", "Conflicts with the ledger");

        List<JsonNode> before = events(http, p);
        Response closed = close(p, q0);
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        JsonNode body = closed.json();
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("period", "status", "digest", "eventCount");
        assertThat(body.path("period").asText()).isEqualTo(q0);
        assertThat(body.path("status").asText()).isEqualTo("CLOSED");
        assertThat(body.path("eventCount").asLong()).isEqualTo(before.size());
        assertThat(body.path("digest").asText())
                .isEqualTo(before.get(before.size() - 1).path("digest").asText())
                .isEqualTo(recompute(before).get(before.size() - 1));

        // The close is itself an event that carries both, and the chain goes on through it.
        List<JsonNode> after = events(http, p);
        assertThat(after).hasSize(before.size() + 1);
        JsonNode event = after.get(before.size());
        assertThat(event.path("type").asText()).isEqualTo("PeriodClosed");
        assertThat(event.path("payload").path("period").asText()).isEqualTo(q0);
        assertThat(event.path("payload").path("eventCount").asLong()).isEqualTo(body.path("eventCount").asLong());
        assertThat(event.path("payload").path("digest").asText()).isEqualTo(body.path("digest").asText());
        assertThat(recompute(after).get(after.size() - 1)).isEqualTo(event.path("digest").asText());
        assertThat(audit(http, p).path("chainIntact").asBoolean()).isTrue();
        assertThat(statusOf(p, q0)).isEqualTo("CLOSED");
        assertThat(statusOf(p, q1)).isEqualTo("OPEN");

        // Twice: 409.
        assertProblem(close(p, q0), 409, "/problems/period-not-closable", "Conflicts with the ledger");

        // Nothing may be booked into the closed period, nor moved into or out of it.
        String closedProblem = "/problems/date-in-closed-period";
        assertProblem(api.record(p, json("memberId", "a", "kind", "MONEY", "amount", "1.00", "date", b.plusDays(2))),
                409, closedProblem, "Conflicts with the ledger");
        assertProblem(settle(p, "b", "a", "1.00", b.plusDays(2)), 409, closedProblem, "Conflicts with the ledger");
        assertProblem(http.post("/api/projects/" + p + "/contributions/" + c1 + "/corrections", json("kind", "MONEY",
                "amount", "40.00", "date", b.plusDays(3), "reason", "into the closed quarter")), 409, closedProblem,
                "Conflicts with the ledger");
        assertThat(http.post("/api/projects/" + p + "/contributions/" + c0 + "/corrections", json("kind", "MONEY",
                "amount", "101.00", "date", b.plusDays(1), "reason", "in the closed quarter")).status()).isEqualTo(409);
        assertThat(http.post("/api/projects/" + p + "/contributions/" + c0 + "/reversal", json("reason", "no"))
                .status()).isEqualTo(409);
        assertThat(events(http, p)).as("nothing refused was stored").hasSize(after.size());
        // The next quarter is still open.
        api.money(p, "a", "5.00", q1Day.plusDays(1));
        assertThat(settle(p, "b", "a", "1.00", q1Day.plusDays(2)).status()).isEqualTo(201);

        // Close the following quarters in order up to the current one, which has not ended.
        String next = q1;
        int guard = 0;
        while (!next.equals(current) && guard++ < 8) {
            List<JsonNode> now = events(http, p);
            Response ok = close(p, next);
            assertThat(ok.status()).as("%s: %s", next, ok).isEqualTo(200);
            assertThat(ok.json().path("eventCount").asLong()).isEqualTo(now.size());
            assertThat(ok.json().path("digest").asText()).isEqualTo(now.get(now.size() - 1).path("digest").asText());
            next = nextQuarter(next);
        }
        assertThat(next).isEqualTo(current);
        assertProblem(close(p, current), 409, "/problems/period-not-closable", "Conflicts with the ledger");
        assertThat(statusOf(p, current)).isEqualTo("OPEN");
        JsonNode audit = audit(http, p);
        assertThat(audit.path("chainIntact").asBoolean()).isTrue();
        assertThat(audit.path("projectionsMatchReplay").asBoolean()).isTrue();
        // A malformed period is 400, an unknown project 404.
        assertThat(close(p, "2026-Q5").status()).isEqualTo(400);
        assertThat(close("no-such-" + System.nanoTime(), q0).status()).isEqualTo(404);
    }

    private String statusOf(String p, String period) {
        Map<String, String> statuses = new LinkedHashMap<>();
        api.project(p).path("periods").forEach(x -> statuses.put(x.path("period").asText(), x.path("status").asText()));
        assertThat(statuses).as("periods of %s", p).containsKey(period);
        return statuses.get(period);
    }

    private static String nextQuarter(String period) {
        int year = Integer.parseInt(period.substring(0, 4));
        int q = Integer.parseInt(period.substring(6));
        return q == 4 ? (year + 1) + "-Q1" : year + "-Q" + (q + 1);
    }
}
