package nl.commonsledger.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.support.Http.Response;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static nl.commonsledger.api.http.support.Ledger.assertProblem;
import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.enc;
import static nl.commonsledger.api.http.support.Ledger.fieldNames;
import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.http.support.Ledger.map;
import static nl.commonsledger.api.http.support.Ledger.quarter;
import static nl.commonsledger.api.http.support.Ledger.strings;
import static nl.commonsledger.api.http.support.Ledger.today;
import static nl.commonsledger.api.http.support.Ledger.tree;
import static nl.commonsledger.api.http.support.Ledger.uid;
import static org.assertj.core.api.Assertions.assertThat;

/** Projects, members, allocation key and rate card: happy paths and every refusal, over HTTP. */
class ProjectsAndMembersApiTest extends ApiTestBase {

    private static final String INVALID = "/problems/invalid-values";

    @Test
    void createsAProjectWithDefaultsAndReadsItBack() {
        String p = uid("proj");
        Response created = http.post("/api/projects", json("projectId", p, "name", "Zaaksysteem"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.contentType()).startsWith("application/json");
        JsonNode expected = tree("""
                {"projectId":"%s","name":"Zaaksysteem","currency":"EUR","timeZone":"Europe/Amsterdam",
                 "members":[],
                 "allocationKey":{"method":"EQUAL","effectiveFrom":null,"weights":{},"versions":[]},
                 "rateCard":{"effectiveFrom":null,"hourlyRates":{},"versions":[]},
                 "periods":[{"period":"%s","status":"OPEN"}]}""".formatted(p, quarter(today())));
        assertThat(created.json()).isEqualTo(expected);
        assertThat(api.project(p)).isEqualTo(expected);
    }

    @Test
    void createsAProjectWithItsOwnCurrencyAndTimeZone() {
        String p = uid("proj");
        Response created = http.post("/api/projects",
                json("projectId", p, "name", "Yen project", "currency", "JPY", "timeZone", "Asia/Tokyo"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("currency").asText()).isEqualTo("JPY");
        assertThat(created.json().path("timeZone").asText()).isEqualTo("Asia/Tokyo");
        assertThat(api.project(p)).isEqualTo(created.json());
    }

    @Test
    void listsProjectsSortedAndPaged() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(api.createProject("list"));
        }

        Response all = http.get("/api/projects?limit=1000");
        assertThat(all.status()).isEqualTo(200);
        assertThat(fieldNames(all.json())).containsExactlyInAnyOrder("items", "next");
        assertThat(all.json().path("next").isNull()).isTrue();
        List<String> ids = new ArrayList<>();
        all.json().path("items").forEach(i -> ids.add(i.path("projectId").asText()));
        assertThat(ids).containsAll(mine).isSorted();
        JsonNode first = all.json().path("items").get(ids.indexOf(mine.get(0)));
        assertThat(first).isEqualTo(api.project(mine.get(0)));

        // Default limit: everything (well under 100 here), nothing follows.
        Response byDefault = http.get("/api/projects");
        assertThat(byDefault.json()).isEqualTo(all.json());

        // Page by page with limit=1: next is the cursor while something follows, null at the end.
        List<String> paged = new ArrayList<>();
        String after = null;
        for (int guard = 0; guard < 1000; guard++) {
            Response page = http.get("/api/projects?limit=1" + (after == null ? "" : "&after=" + enc(after)));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().path("items")).hasSize(1);
            paged.add(page.json().path("items").get(0).path("projectId").asText());
            JsonNode next = page.json().path("next");
            if (paged.size() < ids.size()) {
                assertThat(next.asText()).isEqualTo(paged.get(paged.size() - 1));
                after = next.asText();
            } else {
                assertThat(next.isNull()).as("next on the last page").isTrue();
                break;
            }
        }
        assertThat(paged).isEqualTo(ids);

        assertThat(http.get("/api/projects?limit=5000").json()).as("limit above 1000 is 1000").isEqualTo(all.json());
        for (String bad : List.of("0", "-1", "abc")) {
            assertProblem(http.get("/api/projects?limit=" + bad), 400, "/problems/malformed-request",
                    "Malformed request", "limit");
        }
    }

    @Test
    void membersKeyVersionsAndRateCards() {
        String p = api.createProject("members");
        LocalDate b = base();

        Response joined = http.post("/api/projects/" + p + "/members",
                json("memberId", "gm0363", "name", "Gemeente Amsterdam", "joinedOn", b));
        assertThat(joined.status()).as(joined.toString()).isEqualTo(201);
        assertThat(joined.json()).isEqualTo(tree("""
                {"memberId":"gm0363","name":"Gemeente Amsterdam","joinedOn":"%s","leftOn":null}""".formatted(b)));
        api.join(p, "gm0014", b.plusDays(5));
        api.join(p, "gm0599", b.plusMonths(4));

        JsonNode project = api.project(p);
        assertThat(project.path("members")).isEqualTo(tree("""
                [{"memberId":"gm0014","name":"Member gm0014","joinedOn":"%s","leftOn":null},
                 {"memberId":"gm0363","name":"Gemeente Amsterdam","joinedOn":"%s","leftOn":null},
                 {"memberId":"gm0599","name":"Member gm0599","joinedOn":"%s","leftOn":null}]"""
                .formatted(b.plusDays(5), b, b.plusMonths(4))));
        // Periods: from the quarter of the earliest joinedOn through the current quarter, all open.
        List<String> periods = new ArrayList<>();
        for (LocalDate q = b; !q.isAfter(today()); q = q.plusMonths(3)) {
            periods.add(quarter(q));
        }
        List<String> shown = new ArrayList<>();
        project.path("periods").forEach(x -> {
            assertThat(x.path("status").asText()).isEqualTo("OPEN");
            shown.add(x.path("period").asText());
        });
        assertThat(shown).isEqualTo(periods).hasSize(5);

        // EQUAL from a date: 200, the project as it now reads.
        Response equal = http.put("/api/projects/" + p + "/allocation-key",
                json("method", "EQUAL", "effectiveFrom", b));
        assertThat(equal.status()).as(equal.toString()).isEqualTo(200);
        assertThat(equal.json().path("allocationKey")).isEqualTo(tree("""
                {"method":"EQUAL","effectiveFrom":"%s","weights":{},
                 "versions":[{"method":"EQUAL","effectiveFrom":"%s","weights":{}}]}""".formatted(b, b)));

        // WEIGHTED: decimal strings and a JSON integer are accepted; weights come back as strings.
        Response weighted = http.put("/api/projects/" + p + "/allocation-key", """
                {"method":"WEIGHTED","effectiveFrom":"%s",
                 "weights":{"gm0363":"931298","gm0014":"2.50","gm0599":3}}""".formatted(b.plusMonths(6)));
        assertThat(weighted.status()).as(weighted.toString()).isEqualTo(200);
        JsonNode key = weighted.json().path("allocationKey");
        assertThat(key.path("method").asText()).isEqualTo("WEIGHTED");
        assertThat(key.path("effectiveFrom").asText()).isEqualTo(b.plusMonths(6).toString());
        assertThat(strings(key.path("weights"))).isEqualTo(Map.of("gm0363", "931298", "gm0014", "2.5", "gm0599", "3"));
        assertThat(key.path("versions")).hasSize(2);
        assertThat(key.path("versions").get(1)).isEqualTo(tree("""
                {"method":"WEIGHTED","effectiveFrom":"%s","weights":{"gm0014":"2.5","gm0363":"931298","gm0599":"3"}}"""
                .formatted(b.plusMonths(6))));
        assertThat(api.project(p)).isEqualTo(weighted.json());

        // The same PUT again stores nothing and answers the same.
        Response again = http.put("/api/projects/" + p + "/allocation-key", """
                {"method":"WEIGHTED","effectiveFrom":"%s",
                 "weights":{"gm0363":"931298","gm0014":"2.50","gm0599":3}}""".formatted(b.plusMonths(6)));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(weighted.json());

        // Rate card: rates are money, normalised to the currency's decimals.
        Response rates = http.put("/api/projects/" + p + "/rate-card",
                json("effectiveFrom", b, "hourlyRates", map("developer", "95", "tester", "80.5")));
        assertThat(rates.status()).as(rates.toString()).isEqualTo(200);
        assertThat(rates.json().path("rateCard")).isEqualTo(tree("""
                {"effectiveFrom":"%s","hourlyRates":{"developer":"95.00","tester":"80.50"},
                 "versions":[{"effectiveFrom":"%s","hourlyRates":{"developer":"95.00","tester":"80.50"}}]}"""
                .formatted(b, b)));
        Response newer = http.put("/api/projects/" + p + "/rate-card",
                json("effectiveFrom", b.plusMonths(9), "hourlyRates", map("developer", "98.50", "tester", "82.00")));
        assertThat(newer.status()).isEqualTo(200);
        assertThat(newer.json().path("rateCard").path("effectiveFrom").asText()).isEqualTo(b.plusMonths(9).toString());
        assertThat(strings(newer.json().path("rateCard").path("hourlyRates")))
                .isEqualTo(Map.of("developer", "98.50", "tester", "82.00"));
        assertThat(newer.json().path("rateCard").path("versions")).hasSize(2);

        // Leaving: 200 with the member as it now reads.
        Response left = http.post("/api/projects/" + p + "/members/gm0599/leave", json("leftOn", b.plusMonths(10)));
        assertThat(left.status()).as(left.toString()).isEqualTo(200);
        assertThat(left.json()).isEqualTo(tree("""
                {"memberId":"gm0599","name":"Member gm0599","joinedOn":"%s","leftOn":"%s"}"""
                .formatted(b.plusMonths(4), b.plusMonths(10))));
        assertThat(api.project(p).path("members").get(2)).isEqualTo(left.json());
    }

    @Test
    void joiningUnderAWeightedKeyNeedsAWeightAndAddsAKeyVersion() {
        String p = api.projectWith("weighted", List.of("a", "b"));
        LocalDate b = base();
        api.weightedKey(p, b, "a", "1", "b", "2");
        JsonNode before = api.project(p);

        Response noWeight = http.post("/api/projects/" + p + "/members",
                json("memberId", "c", "name", "C", "joinedOn", b.plusDays(20)));
        assertProblem(noWeight, 422, "/problems/weight-required", "Invalid values", "weight");
        assertThat(api.project(p)).as("nothing stored").isEqualTo(before);

        Response zero = http.post("/api/projects/" + p + "/members",
                json("memberId", "c", "name", "C", "joinedOn", b.plusDays(20), "weight", "0"));
        assertProblem(zero, 422, "/problems/weight-not-positive", "Invalid values", "weight");
        assertThat(api.project(p)).as("nothing stored").isEqualTo(before);

        JsonNode c = api.join(p, "c", b.plusDays(20), 4);
        assertThat(c.path("joinedOn").asText()).isEqualTo(b.plusDays(20).toString());
        JsonNode key = api.project(p).path("allocationKey");
        assertThat(key.path("versions")).isEqualTo(tree("""
                [{"method":"WEIGHTED","effectiveFrom":"%s","weights":{"a":"1","b":"2"}},
                 {"method":"WEIGHTED","effectiveFrom":"%s","weights":{"a":"1","b":"2","c":"4"}}]"""
                .formatted(b, b.plusDays(20))));
        assertThat(strings(key.path("weights"))).isEqualTo(Map.of("a", "1", "b", "2", "c", "4"));
    }

    @Test
    void refusesBadProjects() {
        String p = api.createProject("dupe");
        JsonNode before = api.project(p);

        assertProblem(http.post("/api/projects", json("projectId", p, "name", "Again")), 409,
                "/problems/project-already-exists", "Conflicts with the ledger");
        assertThat(api.project(p)).as("unchanged").isEqualTo(before);

        for (String slug : List.of("Bad_Id", "-leading-dash", "UPPER", "a".repeat(65), "spaces here", "é")) {
            Response r = http.post("/api/projects", json("projectId", slug, "name", "Bad"));
            assertProblem(r, 422, INVALID, "Invalid values", "projectId");
        }
        assertProblem(http.post("/api/projects", json("name", "No id")), 422, INVALID, "Invalid values", "projectId");
        String noName = uid("noname");
        assertProblem(http.post("/api/projects", json("projectId", noName)), 422, INVALID, "Invalid values", "name");
        assertProblem(http.post("/api/projects", json("projectId", noName, "name", "x".repeat(201))), 422, INVALID,
                "Invalid values", "name");
        assertProblem(http.post("/api/projects", json("projectId", noName, "name", "N", "currency", "EURO")), 422,
                "/problems/unknown-currency", "Invalid values", "currency");
        assertProblem(http.post("/api/projects", json("projectId", noName, "name", "N", "timeZone", "Mars/Base")), 422,
                "/problems/unknown-time-zone", "Invalid values", "timeZone");
        assertProblem(http.post("/api/projects", "{\"projectId\":"), 400, "/problems/malformed-request",
                "Malformed request");
        assertProblem(http.post("/api/projects", "{\"projectId\":\"" + noName + "\",\"name\":42}"), 400,
                "/problems/malformed-request", "Malformed request", "name");
        assertProblem(http.get("/api/projects/" + noName), 404, "/problems/not-found", "Not found");
        assertProblem(http.get("/api/projects/Bad_Id"), 404, "/problems/not-found", "Not found");
    }

    /**
     * Twelve clients create the same project at once: one 201, the rest 409; and the losers' refused
     * appends do not hold up the next write. Soft assertions, so that
     * both halves are reported.
     */
    @Test
    void concurrentCreationOfOneProjectCreatesItOnce() throws Exception {
        int threads = 12;
        org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 1; round++) {
                String p = uid("race");
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<Response>> futures = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    String name = "Racer " + i;
                    futures.add(pool.submit(() -> {
                        go.await();
                        return http.post("/api/projects", json("projectId", p, "name", name));
                    }));
                }
                go.countDown();
                List<Response> answers = new ArrayList<>();
                for (var f : futures) {
                    answers.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
                }
                soft.assertThat(answers.stream().filter(r -> r.status() == 201).count())
                        .as("exactly one creation wins: %s", answers).isEqualTo(1);
                for (Response r : answers) {
                    if (r.status() != 201) {
                        soft.assertThat(r.status()).as("a loser's answer: %s", r).isEqualTo(409);
                        soft.assertThat(r.json().path("type").asText()).as("a loser's answer: %s", r)
                                .isEqualTo("/problems/project-already-exists");
                    }
                }
                soft.assertThat(api.project(p).path("name").asText()).startsWith("Racer ");
            }
        } finally {
            pool.shutdownNow();
        }
        // A write normally answers well within a second; read-your-writes gives up waiting after 10 s.
        long start = System.nanoTime();
        api.createProject("after-race");
        soft.assertThat((System.nanoTime() - start) / 1_000_000).as("ms for the first write after the race")
                .isLessThan(5_000);
        soft.assertAll();
    }

    @Test
    void unknownProjectIs404OnEveryProjectEndpoint() {
        String p = uid("nosuch");
        String body = json("memberId", "a", "name", "A", "joinedOn", base());
        List<Response> answers = List.of(
                http.get("/api/projects/" + p),
                http.post("/api/projects/" + p + "/members", body),
                http.post("/api/projects/" + p + "/members/a/leave", json("leftOn", base())),
                http.put("/api/projects/" + p + "/allocation-key", json("method", "EQUAL", "effectiveFrom", base())),
                http.put("/api/projects/" + p + "/rate-card",
                        json("effectiveFrom", base(), "hourlyRates", map("developer", "95.00"))),
                http.post("/api/projects/" + p + "/contributions",
                        json("memberId", "a", "kind", "MONEY", "amount", "1.00", "date", base())),
                http.get("/api/projects/" + p + "/contributions"),
                http.get("/api/projects/" + p + "/contributions/" + java.util.UUID.randomUUID()),
                http.post("/api/projects/" + p + "/contributions/" + java.util.UUID.randomUUID() + "/corrections",
                        json("kind", "MONEY", "amount", "1.00", "date", base(), "reason", "r")),
                http.post("/api/projects/" + p + "/contributions/" + java.util.UUID.randomUUID() + "/reversal",
                        json("reason", "r")),
                http.get("/api/projects/" + p + "/balances"),
                http.get("/api/projects/" + p + "/balances?through=" + quarter(today())));
        for (Response r : answers) {
            assertProblem(r, 404, "/problems/not-found", "Not found");
        }
        assertThat(http.get("/api/projects/" + p).status()).as("nothing created on the way").isEqualTo(404);
    }

    @Test
    void refusesBadMembershipChanges() {
        String p = api.projectWith("memberrules", List.of("a", "b"), "developer", "95.00");
        LocalDate b = base();
        api.money(p, "b", "10.00", b.plusDays(40));
        JsonNode before = api.project(p);
        String members = "/api/projects/" + p + "/members";

        // Joining twice.
        assertProblem(http.post(members, json("memberId", "a", "name", "A", "joinedOn", b.plusDays(3))), 409,
                "/problems/duplicate-member", "Conflicts with the ledger", "memberId");
        // Values that do not parse are 400, missing or unacceptable ones 422.
        assertProblem(http.post(members, json("memberId", "c", "name", "C", "joinedOn", "2025-02-30")), 400,
                "/problems/malformed-request", "Malformed request", "joinedOn");
        assertProblem(http.post(members, json("memberId", "c", "name", "C")), 422, INVALID, "Invalid values",
                "joinedOn");
        assertProblem(http.post(members, json("memberId", "C_1", "name", "C", "joinedOn", b)), 422, INVALID,
                "Invalid values", "memberId");
        assertProblem(http.post(members, json("memberId", "c", "joinedOn", b)), 422, INVALID, "Invalid values",
                "name");
        // A weight under an EQUAL key has no meaning.
        assertProblem(http.post(members, json("memberId", "c", "name", "C", "joinedOn", b, "weight", "2")), 422,
                "/problems/weights-not-allowed", "Invalid values", "weight");
        // Leaving while contributions are dated after leftOn.
        assertProblem(http.post(members + "/b/leave", json("leftOn", b.plusDays(39))), 409,
                "/problems/member-has-later-contributions", "Conflicts with the ledger");
        // leftOn before joinedOn; missing leftOn; unparseable leftOn.
        assertProblem(http.post(members + "/b/leave", json("leftOn", b.minusDays(1))), 422,
                "/problems/left-before-joined", "Invalid values", "leftOn");
        assertProblem(http.post(members + "/b/leave", "{}"), 422, INVALID, "Invalid values", "leftOn");
        assertProblem(http.post(members + "/b/leave", json("leftOn", "tomorrow")), 400,
                "/problems/malformed-request", "Malformed request", "leftOn");
        // EQUAL with weights; WEIGHTED missing an active member; unknown and non-positive weights.
        String key = "/api/projects/" + p + "/allocation-key";
        assertProblem(http.put(key, json("method", "EQUAL", "effectiveFrom", b, "weights", map("a", "1", "b", "1"))),
                422, "/problems/weights-not-allowed", "Invalid values", "weights");
        assertProblem(http.put(key, json("method", "WEIGHTED", "effectiveFrom", b, "weights", map("a", "1"))),
                422, "/problems/weight-missing-for-active-member", "Invalid values", "weights.b");
        assertProblem(http.put(key, json("method", "WEIGHTED", "effectiveFrom", b,
                "weights", map("a", "1", "b", "1", "zz", "1"))), 422, "/problems/unknown-member", "Invalid values",
                "weights.zz");
        assertProblem(http.put(key, json("method", "WEIGHTED", "effectiveFrom", b, "weights", map("a", "1", "b", "0"))),
                422, "/problems/weight-not-positive", "Invalid values", "weights.b");
        assertProblem(http.put(key, json("method", "WEIGHTED", "effectiveFrom", b, "weights", map("a", "1", "b", "-1"))),
                400, "/problems/malformed-request", "Malformed request", "weights.b");
        assertProblem(http.put(key, json("method", "SQUARE", "effectiveFrom", b)), 422, INVALID, "Invalid values",
                "method");
        assertProblem(http.put(key, json("effectiveFrom", b)), 422, INVALID, "Invalid values", "method");
        assertProblem(http.put(key, json("method", "EQUAL")), 422, INVALID, "Invalid values", "effectiveFrom");
        // Rate cards: a card that leaves an effective contribution without a rate is 409.
        api.hours(p, "a", "HOURS", "2", "developer", b.plusDays(50), null);
        JsonNode withHours = api.project(p);
        String rates = "/api/projects/" + p + "/rate-card";
        assertProblem(http.put(rates, json("effectiveFrom", b.plusDays(10), "hourlyRates", map("tester", "80.00"))),
                409, "/problems/rate-card-leaves-contribution-without-rate", "Conflicts with the ledger");
        assertProblem(http.put(rates, json("effectiveFrom", b, "hourlyRates", map("developer", "0"))),
                422, "/problems/rate-not-positive", "Invalid values", "hourlyRates.developer");
        assertProblem(http.put(rates, json("effectiveFrom", b, "hourlyRates", map("developer", "95.001"))),
                422, "/problems/too-many-decimals", "Invalid values", "hourlyRates.developer");
        assertProblem(http.put(rates, "{\"effectiveFrom\":\"" + b + "\",\"hourlyRates\":{\"developer\":95}}"),
                400, "/problems/malformed-request", "Malformed request", "hourlyRates.developer");

        JsonNode after = api.project(p);
        assertThat(after).as("nothing stored by any refusal").isEqualTo(withHours);
        assertThat(after.path("members")).isEqualTo(before.path("members"));
        assertThat(after.path("allocationKey")).isEqualTo(before.path("allocationKey"));
        assertThat(after.path("rateCard")).isEqualTo(before.path("rateCard"));

        // Unknown member leaving; a member leaving twice.
        assertThat(http.post(members + "/zz/leave", json("leftOn", b)).status()).isIn(404, 422);
        api.leave(p, "b", b.plusDays(45));
        assertProblem(http.post(members + "/b/leave", json("leftOn", b.plusDays(60))), 409,
                "/problems/member-already-left", "Conflicts with the ledger");
        assertThat(api.project(p).path("members").get(1).path("leftOn").asText())
                .isEqualTo(b.plusDays(45).toString());
    }
}
