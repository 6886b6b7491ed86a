package nl.commonsledger.api.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static nl.commonsledger.api.http.support.Ledger.enc;

/**
 * What must hold of a project after every step, read over HTTP from one instance: the figures agree
 * with each other, with the contributions as listed, with the settlements acknowledged, and with the
 * service's own replay of the events; the digest chain recomputes; closed statements stay as they
 * were; and every acknowledged write is there exactly once.
 */
final class Invariants {

    static final String SUM_ZERO = "Σ balances = 0";
    static final String BALANCE = "balance = contributed − fair share + paid − received";
    static final String ALLOCATION = "allocation sums to value";
    static final String BALANCES_MATCH = "balances = sums of the contributions";
    static final String SETTLEMENTS = "settlements as acknowledged";
    static final String CHAIN = "digest chain intact";
    static final String REPLAY = "projections match replay";
    static final String CLOSED = "closed statement unchanged";
    static final String STORED_ONCE = "acknowledged write stored once";
    static final String REFUSED_NO_EVENT = "refused command leaves no event";
    static final String REFUSED = "command refused";
    static final String IDEMPOTENT = "retry with the same key answers the same";
    static final String SERVER_ERROR = "no 5xx";
    static final String READ = "reads answer";
    static final String UNREACHABLE = "every instance answers";

    private Invariants() {
    }

    /** Checks the project and returns its event count. */
    static long check(Http http, ProjectModel p) {
        String base = "/api/projects/" + p.id;
        JsonNode balances = read(http, base + "/balances");
        Map<String, long[]> sums = new HashMap<>();
        long totalValue = 0;
        Set<String> listed = new HashSet<>();
        int listedCount = 0;
        for (JsonNode c : contributions(http, base)) {
            String id = c.path("contributionId").asText();
            listed.add(id);
            listedCount++;
            JsonNode allocation = c.path("allocation");
            if (c.path("status").asText().equals("REVERSED")) {
                Violation.require(allocation.isEmpty(), ALLOCATION, "reversed " + id + " allocates " + allocation);
                continue;
            }
            long value = minor(c.path("value"));
            totalValue += value;
            int slot = List.of("MONEY", "HOURS", "CODE").indexOf(c.path("kind").asText());
            sums.computeIfAbsent(c.path("memberId").asText(), k -> new long[4])[slot] += value;
            long shares = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = allocation.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> share = it.next();
                shares += minor(share.getValue());
                sums.computeIfAbsent(share.getKey(), k -> new long[4])[3] += minor(share.getValue());
            }
            Violation.require(shares == value, ALLOCATION, "contribution " + id + " of value " + c.path("value").asText()
                    + " allocates " + BigDecimal.valueOf(shares, 2) + ": " + allocation);
        }

        Map<String, long[]> settled = new HashMap<>();
        for (Object[] s : p.settlements.values()) {
            settled.computeIfAbsent((String) s[0], k -> new long[2])[0] += (Long) s[2];
            settled.computeIfAbsent((String) s[1], k -> new long[2])[1] += (Long) s[2];
        }
        long sumBalance = 0;
        long sumFair = 0;
        for (JsonNode m : balances.path("members")) {
            String id = m.path("memberId").asText();
            JsonNode c = m.path("contributed");
            long money = minor(c.path("MONEY"));
            long hours = minor(c.path("HOURS"));
            long code = minor(c.path("CODE"));
            long total = minor(c.path("total"));
            long fair = minor(m.path("fairShare"));
            long paid = minor(m.path("settlementsPaid"));
            long received = minor(m.path("settlementsReceived"));
            long balance = minor(m.path("balance"));
            Violation.require(total == money + hours + code, BALANCE, "total of " + m);
            Violation.require(balance == total - fair + paid - received, BALANCE, m.toString());
            long[] own = sums.getOrDefault(id, new long[4]);
            Violation.require(money == own[0] && hours == own[1] && code == own[2] && fair == own[3], BALANCES_MATCH,
                    m + " but the contributions give MONEY " + own[0] + ", HOURS " + own[1] + ", CODE " + own[2]
                            + ", fair share " + own[3] + " (minor units)");
            long[] s = settled.getOrDefault(id, new long[2]);
            Violation.require(paid == s[0] && received == s[1], SETTLEMENTS,
                    m + " but the acknowledged settlements give paid " + s[0] + ", received " + s[1]);
            sumBalance += balance;
            sumFair += fair;
        }
        Violation.require(sumBalance == 0, SUM_ZERO, "Σ = " + BigDecimal.valueOf(sumBalance, 2) + " in " + balances);
        Violation.require(minor(balances.path("totalValue")) == totalValue && sumFair == totalValue, BALANCES_MATCH,
                "totalValue " + balances.path("totalValue").asText() + ", Σ fair share " + BigDecimal.valueOf(sumFair, 2)
                        + ", Σ listed values " + BigDecimal.valueOf(totalValue, 2));

        Violation.require(listed.size() == listedCount && listed.equals(p.contributions.keySet()), STORED_ONCE,
                listedCount + " listed (" + listed.size() + " distinct), " + p.contributions.size()
                        + " acknowledged; missing " + missing(p.contributions.keySet(), listed)
                        + ", unexpected " + missing(listed, p.contributions.keySet()));

        JsonNode audit = read(http, base + "/audit");
        Violation.require(audit.path("chainIntact").asBoolean(), CHAIN, audit.toString());
        Violation.require(audit.path("projectionsMatchReplay").asBoolean(), REPLAY, audit.toString());

        for (Map.Entry<String, JsonNode> closed : p.closedStatements.entrySet()) {
            JsonNode now = read(http, base + "/periods/" + closed.getKey() + "/statement");
            Violation.require(now.equals(closed.getValue()), CLOSED,
                    closed.getKey() + " was " + closed.getValue() + ", now " + now);
        }
        return audit.path("eventCount").asLong();
    }

    static long eventCount(Http http, ProjectModel p) {
        return read(http, "/api/projects/" + p.id + "/audit").path("eventCount").asLong();
    }

    static JsonNode read(Http http, String path) {
        Response r = http.get(path);
        Violation.require(r.status() == 200, r.status() >= 500 ? SERVER_ERROR : READ, "GET " + path + " → " + r);
        return r.json();
    }

    private static List<JsonNode> contributions(Http http, String base) {
        List<JsonNode> all = new java.util.ArrayList<>();
        String after = null;
        do {
            JsonNode page = read(http, base + "/contributions?limit=1000" + (after == null ? "" : "&after=" + enc(after)));
            page.path("items").forEach(all::add);
            after = page.path("next").isNull() ? null : page.path("next").asText();
        } while (after != null);
        return all;
    }

    static long minor(JsonNode decimal) {
        return new BigDecimal(decimal.asText()).movePointRight(2).longValueExact();
    }

    private static Set<String> missing(Set<String> from, Set<String> in) {
        Set<String> out = new HashSet<>(from);
        out.removeAll(in);
        return out;
    }
}
