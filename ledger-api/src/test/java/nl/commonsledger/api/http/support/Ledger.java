package nl.commonsledger.api.http.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.support.Http.Response;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the ledger over HTTP the way a client would, asserting the status of every step that is
 * meant to succeed, and holds the assertions that every test shares (problem responses, Σ = 0).
 */
public final class Ledger {

    public static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    public final Http http;

    public Ledger(Http http) {
        this.http = http;
    }

    // ---- dates and ids -------------------------------------------------------------------------

    public static LocalDate today() {
        return LocalDate.now(AMSTERDAM);
    }

    /** The first day of the current quarter (Europe/Amsterdam), one year ago: five quarters of history. */
    public static LocalDate base() {
        LocalDate t = today();
        return t.withDayOfMonth(1).withMonth(((t.getMonthValue() - 1) / 3) * 3 + 1).minusYears(1);
    }

    /** A date after today in Europe/Amsterdam, whatever the time of day. */
    public static LocalDate future() {
        return today().plusDays(2);
    }

    public static String quarter(LocalDate d) {
        return d.getYear() + "-Q" + ((d.getMonthValue() - 1) / 3 + 1);
    }

    /** A slug unique to this run: {@code prefix-xxxxxxxx}. */
    public static String uid(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ---- JSON ----------------------------------------------------------------------------------

    /** A JSON object from name/value pairs, in that order; null values are left out. */
    public static String json(Object... kv) {
        try {
            return Http.MAPPER.writeValueAsString(map(kv));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1] instanceof LocalDate d ? d.toString() : kv[i + 1]);
            }
        }
        return m;
    }

    public static JsonNode tree(String json) {
        try {
            return Http.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static BigDecimal dec(JsonNode n) {
        assertThat(n.isTextual()).as("a decimal string: %s", n).isTrue();
        return new BigDecimal(n.asText());
    }

    /** A JSON object of strings as a sorted map. */
    public static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new TreeMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        return out;
    }

    public static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ---- writes that must succeed --------------------------------------------------------------

    public String createProject(String prefix) {
        String id = uid(prefix);
        Response r = http.post("/api/projects", json("projectId", id, "name", "Project " + id));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return id;
    }

    /** A project with members joined on {@link #base()} and a rate card from then on. */
    public String projectWith(String prefix, List<String> members, String... roleRates) {
        String p = createProject(prefix);
        for (String m : members) {
            join(p, m, base());
        }
        if (roleRates.length > 0) {
            rateCard(p, base(), roleRates);
        }
        return p;
    }

    public JsonNode join(String p, String m, LocalDate joinedOn) {
        return join(p, m, joinedOn, null);
    }

    public JsonNode join(String p, String m, LocalDate joinedOn, Object weight) {
        Response r = http.post("/api/projects/" + p + "/members",
                json("memberId", m, "name", "Member " + m, "joinedOn", joinedOn, "weight", weight));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    public JsonNode leave(String p, String m, LocalDate leftOn) {
        Response r = http.post("/api/projects/" + p + "/members/" + m + "/leave", json("leftOn", leftOn));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    /** @param roleRates role, rate, role, rate ... */
    public JsonNode rateCard(String p, LocalDate from, String... roleRates) {
        Response r = http.put("/api/projects/" + p + "/rate-card",
                json("effectiveFrom", from, "hourlyRates", map((Object[]) roleRates)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    /** @param memberWeights member, weight, member, weight ... */
    public JsonNode weightedKey(String p, LocalDate from, String... memberWeights) {
        Response r = http.put("/api/projects/" + p + "/allocation-key",
                json("method", "WEIGHTED", "effectiveFrom", from, "weights", map((Object[]) memberWeights)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    public Response record(String p, String body, String... headers) {
        return http.post("/api/projects/" + p + "/contributions", body, headers);
    }

    public JsonNode money(String p, String m, String amount, LocalDate date) {
        return money(p, m, amount, date, null);
    }

    public JsonNode money(String p, String m, String amount, LocalDate date, String reference) {
        Response r = record(p, json("memberId", m, "kind", "MONEY", "amount", amount, "date", date,
                "reference", reference, "description", "paid " + amount));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    public JsonNode hours(String p, String m, String kind, String hours, String role, LocalDate date,
                          String reference) {
        Response r = record(p, json("memberId", m, "kind", kind, "hours", hours, "role", role, "date", date,
                "reference", reference, "description", hours + " h " + role));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    public JsonNode correct(String p, String id, String body) {
        Response r = http.post("/api/projects/" + p + "/contributions/" + id + "/corrections", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    public JsonNode reverse(String p, String id, String reason) {
        Response r = http.post("/api/projects/" + p + "/contributions/" + id + "/reversal", json("reason", reason));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    // ---- reads ---------------------------------------------------------------------------------

    public JsonNode project(String p) {
        Response r = http.get("/api/projects/" + p);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    public JsonNode contribution(String p, String id) {
        Response r = http.get("/api/projects/" + p + "/contributions/" + id);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    /** Every contribution matching the query, following {@code next} through all pages. */
    public List<JsonNode> contributions(String p, String query) {
        List<JsonNode> all = new ArrayList<>();
        String after = null;
        do {
            String q = (query == null || query.isEmpty() ? "" : query + "&") + "limit=1000"
                    + (after == null ? "" : "&after=" + enc(after));
            Response r = http.get("/api/projects/" + p + "/contributions?" + q);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode page = r.json();
            page.path("items").forEach(all::add);
            after = page.path("next").isNull() ? null : page.path("next").asText();
        } while (after != null);
        return all;
    }

    public List<JsonNode> contributions(String p) {
        return contributions(p, "");
    }

    public JsonNode balances(String p) {
        Response r = http.get("/api/projects/" + p + "/balances");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    public JsonNode balances(String p, String through) {
        Response r = http.get("/api/projects/" + p + "/balances?through=" + through);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    /** One member's line of a balances answer. */
    public static JsonNode line(JsonNode balances, String memberId) {
        for (JsonNode m : balances.path("members")) {
            if (m.path("memberId").asText().equals(memberId)) {
                return m;
            }
        }
        throw new AssertionError("no member " + memberId + " in " + balances);
    }

    // ---- shared assertions ---------------------------------------------------------------------

    /**
     * An RFC 9457 problem: the status, {@code application/problem+json}, {@code type}, {@code title},
     * {@code status}, a {@code detail}, and (when fields are given) exactly those fields in {@code errors}.
     */
    public static JsonNode assertProblem(Response r, int status, String type, String title, String... fields) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(status);
        assertThat(r.contentType()).as("content type of %s", r).startsWith("application/problem+json");
        JsonNode b = r.json();
        assertThat(b.path("type").asText()).as("type of %s", r).isEqualTo(type);
        assertThat(b.path("title").asText()).as("title of %s", r).isEqualTo(title);
        assertThat(b.path("status").isInt()).as("status field of %s", r).isTrue();
        assertThat(b.path("status").asInt()).as("status field of %s", r).isEqualTo(status);
        assertThat(b.path("detail").asText()).as("detail of %s", r).isNotBlank();
        if (fields.length > 0) {
            assertThat(b.path("errors").isArray()).as("errors of %s", r).isTrue();
            List<String> named = new ArrayList<>();
            for (JsonNode e : b.path("errors")) {
                assertThat(fieldNames(e)).as("error entry %s", e).containsExactlyInAnyOrder("field", "message");
                assertThat(e.path("message").asText()).as("message of %s", e).isNotBlank();
                named.add(e.path("field").asText());
            }
            assertThat(named).as("fields named by %s", r).containsExactlyInAnyOrder(fields);
        }
        return b;
    }

    /**
     * The balances add up: every figure a string with two decimals, members sorted by id, each
     * member's total and balance follow from its figures, Σ contributed = Σ fair share = totalValue,
     * and Σ balance is exactly 0.00.
     */
    public static void assertBalanced(JsonNode b) {
        BigDecimal contributed = BigDecimal.ZERO.setScale(2);
        BigDecimal fairShares = BigDecimal.ZERO.setScale(2);
        BigDecimal balances = BigDecimal.ZERO.setScale(2);
        String previous = null;
        for (JsonNode m : b.path("members")) {
            String id = m.path("memberId").asText();
            if (previous != null) {
                assertThat(id).as("members sorted by id").isGreaterThan(previous);
            }
            previous = id;
            JsonNode c = m.path("contributed");
            for (JsonNode figure : List.of(c.path("MONEY"), c.path("HOURS"), c.path("CODE"), c.path("total"),
                    m.path("fairShare"), m.path("settlementsPaid"), m.path("settlementsReceived"))) {
                assertThat(figure.asText()).as("figure of %s", m).matches("\\d+\\.\\d{2}");
            }
            assertThat(m.path("balance").asText()).as("balance of %s", m).matches("-?\\d+\\.\\d{2}");
            BigDecimal total = dec(c.path("total"));
            assertThat(total).as("total of %s", m)
                    .isEqualTo(dec(c.path("MONEY")).add(dec(c.path("HOURS"))).add(dec(c.path("CODE"))));
            assertThat(dec(m.path("balance"))).as("balance of %s", m).isEqualTo(total.subtract(dec(m.path("fairShare")))
                    .add(dec(m.path("settlementsPaid"))).subtract(dec(m.path("settlementsReceived"))));
            contributed = contributed.add(total);
            fairShares = fairShares.add(dec(m.path("fairShare")));
            balances = balances.add(dec(m.path("balance")));
        }
        assertThat(balances).as("Σ balance of %s", b).isEqualTo(new BigDecimal("0.00"));
        assertThat(dec(b.path("totalValue"))).as("totalValue = Σ contributed in %s", b).isEqualTo(contributed);
        assertThat(fairShares).as("Σ fair share = totalValue in %s", b).isEqualTo(contributed);
    }
    /**
     * The balances are the sums of the contributions as listed: values per member and kind, shares
     * per member; each effective contribution's shares sum to its value, a reversed one has none.
     */
    public void assertConsistentWithContributions(String p) {
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        BigDecimal total = new BigDecimal("0.00");
        for (JsonNode c : contributions(p)) {
            if (c.path("status").asText().equals("REVERSED")) {
                assertThat(c.path("allocation")).as("allocation of reversed %s", c).isEmpty();
                continue;
            }
            BigDecimal value = dec(c.path("value"));
            total = total.add(value);
            int slot = List.of("MONEY", "HOURS", "CODE").indexOf(c.path("kind").asText());
            BigDecimal[] own = sums.computeIfAbsent(c.path("memberId").asText(), k -> zeros());
            own[slot] = own[slot].add(value);
            BigDecimal shares = new BigDecimal("0.00");
            for (Map.Entry<String, String> share : strings(c.path("allocation")).entrySet()) {
                BigDecimal[] bearer = sums.computeIfAbsent(share.getKey(), k -> zeros());
                bearer[3] = bearer[3].add(new BigDecimal(share.getValue()));
                shares = shares.add(new BigDecimal(share.getValue()));
            }
            assertThat(shares).as("shares of %s sum to its value", c).isEqualTo(value);
        }
        JsonNode balances = balances(p);
        assertThat(dec(balances.path("totalValue"))).as("totalValue of %s", balances).isEqualTo(total);
        for (JsonNode m : balances.path("members")) {
            BigDecimal[] s = sums.getOrDefault(m.path("memberId").asText(), zeros());
            assertThat(dec(m.path("contributed").path("MONEY"))).as("MONEY of %s", m).isEqualTo(s[0]);
            assertThat(dec(m.path("contributed").path("HOURS"))).as("HOURS of %s", m).isEqualTo(s[1]);
            assertThat(dec(m.path("contributed").path("CODE"))).as("CODE of %s", m).isEqualTo(s[2]);
            assertThat(dec(m.path("fairShare"))).as("fair share of %s", m).isEqualTo(s[3]);
        }
    }

    private static BigDecimal[] zeros() {
        BigDecimal z = new BigDecimal("0.00");
        return new BigDecimal[]{z, z, z, z};
    }

    /**
     * Rule 3 written out independently of the service: floor(V × w / Σw) each, then the leftover
     * cents one each to the largest remainders, equal remainders to the smaller id.
     */
    public static Map<String, String> largestRemainder(long cents, Map<String, Long> weights) {
        long sum = weights.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> shares = new TreeMap<>();
        List<Map.Entry<String, Long>> remainders = new ArrayList<>();
        long given = 0;
        for (Map.Entry<String, Long> w : new TreeMap<>(weights).entrySet()) {
            long floor = cents * w.getValue() / sum;
            shares.put(w.getKey(), floor);
            given += floor;
            remainders.add(Map.entry(w.getKey(), cents * w.getValue() % sum));
        }
        remainders.sort(java.util.Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey));
        for (int i = 0; i < cents - given; i++) {
            shares.merge(remainders.get(i).getKey(), 1L, Long::sum);
        }
        Map<String, String> out = new TreeMap<>();
        shares.forEach((k, v) -> out.put(k, BigDecimal.valueOf(v, 2).toPlainString()));
        return out;
    }

    /**
     * A balances answer without its optional {@code through}/{@code asOf} when they are null
     * (the contract marks both optional: present with null, or absent, reads the same).
     */
    public static JsonNode withoutNullOptionals(JsonNode balances) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = balances.deepCopy();
        for (String optional : List.of("through", "asOf")) {
            if (copy.has(optional) && copy.get(optional).isNull()) {
                copy.remove(optional);
            }
        }
        return copy;
    }
}
