package nl.commonsledger.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.ApiTestBase;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import nl.commonsledger.api.security.SecurityFixture.Caller;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.http.support.Ledger.uid;
import static nl.commonsledger.api.security.SecurityFixture.DAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint × every caller, with the status each must get. The table below is the access rules
 * of the contract written out: 401 without credentials; 404 for a project the caller may not see;
 * 403 for a visible project where the role may not act; 2xx where it may (with valid bodies and fresh
 * data per call, so that an allowed call really succeeds).
 *
 * <p>The project column is P: board-p, finance-1 (gm0001 is a member) and auditor-p see it;
 * board-q, finance-x (gm9999, a member of nothing) and auditor-q do not.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityMatrixTest extends ApiTestBase {

    /** One call of an endpoint, on a project, as a caller; it may first prepare fresh data as admin. */
    @FunctionalInterface
    interface Call {
        Response send(SecurityFixture f, String project, Http as);
    }

    /** A line of the table: the endpoint, the status per caller, how to call it. */
    record Row(String endpoint, Map<Caller, String> expected, boolean projectScoped, Call call) {
        @Override
        public String toString() {
            return endpoint;
        }
    }

    /** "—": not called in the matrix (see the test that does). "200|404": either is right. */
    private static final String NOT_HERE = "—";

    // @formatter:off
    private static final List<Row> TABLE = List.of(
        //  endpoint                                                       anon admin  board-p board-q finance-1 finance-x auditor-p auditor-q
        row("GET  /api/users/me",                                         "401  200    200     200     200       200       200       200",
                (f, p, h) -> h.get("/api/users/me")),
        row("POST /api/users",                                            "401  201    403     403     403       403       403       403",
                (f, p, h) -> h.post("/api/users", json("username", uid("u"), "password", "a-fresh-user-password",
                        "roles", List.of("AUDITOR"), "projects", List.of(f.p)))),
        row("POST /api/projects",                                         "401  201    403     403     403       403       403       403",
                (f, p, h) -> h.post("/api/projects", json("projectId", uid("x"), "name", "Another project"))),
        row("GET  /api/projects",                                         "401  200    200     200     200       200       200       200",
                (f, p, h) -> h.get("/api/projects")),
        row("GET  /api/projects/{p}",                                     "401  200    200     404     200       404       200       404",
                (f, p, h) -> h.get("/api/projects/" + p)),
        row("POST /api/projects/{p}/members",                             "401  201    201     404     403       404       403       404",
                (f, p, h) -> h.post("/api/projects/" + p + "/members",
                        json("memberId", uid("m"), "name", "New member", "joinedOn", DAY))),
        row("POST /api/projects/{p}/members/{m}/leave",                   "401  200    200     404     403       404       403       404",
                (f, p, h) -> h.post("/api/projects/" + p + "/members/" + f.freshMember(p) + "/leave",
                        json("leftOn", DAY))),
        row("PUT  /api/projects/{p}/allocation-key",                      "401  200    200     404     403       404       403       404",
                (f, p, h) -> h.put("/api/projects/" + p + "/allocation-key",
                        json("method", "EQUAL", "effectiveFrom", DAY))),
        row("PUT  /api/projects/{p}/rate-card",                           "401  200    200     404     403       404       403       404",
                (f, p, h) -> h.put("/api/projects/" + p + "/rate-card",
                        json("effectiveFrom", DAY, "hourlyRates", Map.of("developer", "95.00")))),
        row("POST /api/projects/{p}/contributions",                       "401  201    403     404     201       404       403       404",
                (f, p, h) -> h.post("/api/projects/" + p + "/contributions", json("memberId", f.member(p),
                        "kind", "MONEY", "amount", "10.00", "date", DAY, "reference", uid("ref")))),
        row("POST /api/projects/{p}/contributions/import",                "401  201    403     404     201       404       403       404",
                (f, p, h) -> h.post("/api/projects/" + p + "/contributions/import", "[" + json("memberId", f.member(p),
                        "kind", "MONEY", "amount", "1.00", "date", DAY, "reference", uid("imp")) + "]")),
        row("POST /api/projects/{p}/members/{m}/reconciliation",          "401  200    200     404     200       404       200       404",
                (f, p, h) -> h.post("/api/projects/" + p + "/members/" + f.member(p) + "/reconciliation", "[]")),
        row("GET  /api/projects/{p}/members/{m}/export",                  "401  200    200     404     200       404       200       404",
                (f, p, h) -> h.get("/api/projects/" + p + "/members/" + f.member(p) + "/export")),
        row("GET  /api/projects/{p}/contributions",                       "401  200    200     404     200       404       200       404",
                (f, p, h) -> h.get("/api/projects/" + p + "/contributions")),
        row("GET  /api/projects/{p}/contributions/{c}",                   "401  200    200     404     200       404       200       404",
                (f, p, h) -> h.get("/api/projects/" + p + "/contributions/" + existing(f, p))),
        row("POST /api/projects/{p}/contributions/{c}/corrections",       "401  200    403     404     200       404       403       404",
                (f, p, h) -> h.post("/api/projects/" + p + "/contributions/" + f.freshContribution(p) + "/corrections",
                        json("kind", "MONEY", "amount", "12.00", "date", DAY, "reason", "matrix"))),
        row("POST /api/projects/{p}/contributions/{c}/reversal",          "401  200    403     404     200       404       403       404",
                (f, p, h) -> h.post("/api/projects/" + p + "/contributions/" + f.freshContribution(p) + "/reversal",
                        json("reason", "matrix"))),
        row("GET  /api/projects/{p}/balances",                            "401  200    200     404     200       404       200       404",
                (f, p, h) -> h.get("/api/projects/" + p + "/balances")),
        row("GET  /api/projects/{p}/balances?asOf=",                     "401  200    200     404     200       404       200       404",
                (f, p, h) -> h.get("/api/projects/" + p + "/balances?asOf=2099-01-01T00:00:00Z")),
        row("POST /api/projects/{p}/periods/{earliest open}/close",       "401  200    200     404     403       404       403       404",
                (f, p, h) -> h.post("/api/projects/" + p + "/periods/" + f.earliestOpenPeriod(p) + "/close", "")),
        row("GET  /api/projects/{p}/periods/{earliest open}/statement",   "401  200    200     404     200       404       200       404",
                (f, p, h) -> h.get("/api/projects/" + p + "/periods/" + f.earliestOpenPeriod(p) + "/statement")),
        row("GET  /api/projects/{p}/settlements/suggested",               "401  200    200     404     200       404       200       404",
                (f, p, h) -> h.get("/api/projects/" + p + "/settlements/suggested")),
        row("POST /api/projects/{p}/settlements",                         "401  201    201     404     201       404       403       404",
                (f, p, h) -> h.post("/api/projects/" + p + "/settlements", json("from", f.member(p), "to", f.other(p),
                        "amount", "5.00", "date", DAY, "reference", uid("set")))),
        row("GET  /api/projects/{p}/events",                              "401  200    200     404     200       404       200       404",
                (f, p, h) -> h.get("/api/projects/" + p + "/events")),
        row("GET  /api/projects/{p}/audit",                               "401  200    200     404     200       404       200       404",
                (f, p, h) -> h.get("/api/projects/" + p + "/audit")),
        row("GET  /api/projects/{p}/export/journal",                      "401  200    200     404     200       404       200       404",
                (f, p, h) -> h.get("/api/projects/" + p + "/export/journal")),
        row("GET  /api/projects/{p}/export/contributions",                "401  200    200     404     200       404       200       404",
                (f, p, h) -> h.get("/api/projects/" + p + "/export/contributions")),
        row("GET  /board/{p}",                                            "401  200    200     404     200       404       200       404",
                (f, p, h) -> h.get("/board/" + p)),
        row("GET  /api/admin/projections",                                "401  200    403     403     403       403       403       403",
                (f, p, h) -> h.get("/api/admin/projections")),
        row("GET  /api/admin/projections/parked",                         "401  200    403     403     403       403       403       403",
                (f, p, h) -> h.get("/api/admin/projections/parked")),
        row("POST /api/admin/projections/parked/retry",                   "401  200    403     403     403       403       403       403",
                (f, p, h) -> h.post("/api/admin/projections/parked/retry", "")),
        // admin's rebuild is the last test of this class (rebuildsProjectionsAsAdminLast).
        row("POST /api/admin/projections/rebuild",                        "401  —      403     403     403       403       403       403",
                (f, p, h) -> h.post("/api/admin/projections/rebuild", "")),
        // A path under /api that no handler answers is closed to all but ADMIN (and does not exist for ADMIN).
        row("GET  /api/no-such-endpoint",                                 "401  404    403     403     403       403       403       403",
                (f, p, h) -> h.get("/api/no-such-endpoint")),
        row("GET  /actuator/health",                                      "200  200    200     200     200       200       200       200",
                (f, p, h) -> h.get("/actuator/health")),
        row("GET  /actuator",                                             "401  200|404 403    403     403       403       403       403",
                (f, p, h) -> h.get("/actuator")),
        row("GET  /actuator/info",                                        "401  200|404 403    403     403       403       403       403",
                (f, p, h) -> h.get("/actuator/info")),
        row("GET  /actuator/env",                                         "401  200|404 403    403     403       403       403       403",
                (f, p, h) -> h.get("/actuator/env")),
        row("GET  /v3/api-docs",                                          "200  200    200     200     200       200       200       200",
                (f, p, h) -> h.get("/v3/api-docs"))
    );
    // @formatter:on

    private static Row row(String endpoint, String statuses, Call call) {
        String[] cells = statuses.trim().split("\\s+");
        Caller[] callers = Caller.values();
        if (cells.length != callers.length) {
            throw new IllegalArgumentException(endpoint + ": " + cells.length + " cells for " + callers.length + " callers");
        }
        Map<Caller, String> expected = new EnumMap<>(Caller.class);
        for (int i = 0; i < cells.length; i++) {
            expected.put(callers[i], cells[i]);
        }
        String path = endpoint.substring(5).trim();
        boolean scoped = path.startsWith("/api/projects/");
        return new Row(endpoint.replaceAll("\\s+", " "), expected, scoped, call);
    }

    private static String existing(SecurityFixture f, String project) {
        if (project.equals(f.p)) {
            return f.p2;
        }
        if (project.equals(f.q)) {
            return f.q2;
        }
        return java.util.UUID.randomUUID().toString();
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Row row : TABLE) {
            for (Caller caller : Caller.values()) {
                if (!row.expected().get(caller).equals(NOT_HERE)) {
                    cases.add(Arguments.of(row, caller, row.expected().get(caller)));
                }
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> projectScoped() {
        return TABLE.stream().filter(Row::projectScoped).map(Arguments::of);
    }

    private SecurityFixture f;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlerMapping;

    @BeforeEach
    void fixture() {
        f = SecurityFixture.on(port);
    }

    @Order(1)
    @ParameterizedTest(name = "{0} as {1} → {2}")
    @MethodSource("matrix")
    void everyEndpointForEveryCaller(Row row, Caller caller, String expected) {
        Response r = row.call().send(f, f.p, f.as(caller));
        List<Integer> allowed = Arrays.stream(expected.split("\\|")).map(Integer::valueOf).toList();
        assertThat(r.status()).as("%s as %s: %s", row.endpoint(), caller.column(), r).isIn(allowed);
        if (allowed.size() == 1 && List.of(401, 403, 404).contains(r.status())) {
            assertThat(r.contentType()).as("%s as %s: %s", row.endpoint(), caller.column(), r)
                    .startsWith("application/problem+json");
            assertThat(r.json().path("status").asInt()).isEqualTo(r.status());
        }
        if (r.status() == 401) {
            assertThat(r.header("WWW-Authenticate")).as("401 of %s", row.endpoint()).isNotBlank();
        }
    }

    /** Every project-scoped endpoint on Q, which board-p, finance-1, finance-x and auditor-p may not see: 404. */
    @Order(2)
    @ParameterizedTest(name = "{0} on a hidden project → 404")
    @MethodSource("projectScoped")
    void aProjectTheCallerMayNotSeeIs404(Row row) {
        for (Caller caller : List.of(Caller.BOARD_P, Caller.FIN_1, Caller.FIN_X, Caller.AUD_P)) {
            Response r = row.call().send(f, f.q, f.as(caller));
            assertThat(r.status()).as("%s on Q as %s: %s", row.endpoint(), caller.column(), r).isEqualTo(404);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.body()).as("no hint that Q exists").doesNotContain("Forbidden");
        }
    }

    /**
     * A project that does not exist answers exactly like one that is hidden: 404 for everyone, admin
     * included, so that a 404 tells a restricted caller nothing about which ids are taken.
     */
    @Order(3)
    @ParameterizedTest(name = "{0} on a project that does not exist → 404")
    @MethodSource("projectScoped")
    void aProjectThatDoesNotExistIs404ForEveryone(Row row) {
        String missing = uid("no-such-project");
        for (Caller caller : Caller.values()) {
            if (caller == Caller.ANON) {
                continue;
            }
            Response r = row.call().send(f, missing, f.as(caller));
            assertThat(r.status()).as("%s on a missing project as %s: %s", row.endpoint(), caller.column(), r)
                    .isEqualTo(404);
        }
        Response hidden = row.call().send(f, f.q, f.as(Caller.FIN_1));
        Response none = row.call().send(f, missing, f.as(Caller.FIN_1));
        assertThat(hidden.json().path("title")).isEqualTo(none.json().path("title"));
        assertThat(hidden.json().path("type")).isEqualTo(none.json().path("type"));
    }

    @Order(4)
    @Test
    void listsShowOnlyTheProjectsTheCallerMaySee() {
        Map<Caller, List<String>> listed = new EnumMap<>(Caller.class);
        for (Caller caller : Caller.values()) {
            if (caller != Caller.ANON) {
                listed.put(caller, SecurityFixture.listedProjects(f.as(caller)));
            }
        }
        assertThat(listed.get(Caller.ADMIN)).contains(f.p, f.q);
        assertThat(listed.get(Caller.BOARD_P)).containsExactly(f.p);
        assertThat(listed.get(Caller.AUD_P)).containsExactly(f.p);
        assertThat(listed.get(Caller.BOARD_Q)).containsExactly(f.q);
        assertThat(listed.get(Caller.AUD_Q)).containsExactly(f.q);
        assertThat(listed.get(Caller.FIN_1)).contains(f.p).doesNotContain(f.q);
        assertThat(listed.get(Caller.FIN_X)).doesNotContain(f.p, f.q);
        // FINANCE sees exactly the projects its organisation is a member of.
        for (Caller fin : List.of(Caller.FIN_1, Caller.FIN_X)) {
            for (String id : listed.get(fin)) {
                JsonNode project = f.admin.get("/api/projects/" + id).json();
                List<String> members = new ArrayList<>();
                project.path("members").forEach(m -> members.add(m.path("memberId").asText()));
                assertThat(members).as("%s lists %s", fin.column(), id).contains(fin.organisation);
            }
        }
        // The paged list does not leak hidden ids through its cursor either.
        Response page = f.as(Caller.BOARD_P).get("/api/projects?limit=1");
        assertThat(page.json().path("items")).hasSize(1);
        assertThat(page.json().path("next").isNull()).as(page.toString()).isTrue();
    }

    /**
     * Access is decided on the handler Spring MVC resolved and the path variables it read; spellings
     * that might be read as another path (trailing slash, matrix parameters, encoding, dot segments, double
     * slashes, case, suffixes) must never lead past it.
     */
    @Order(5)
    @Test
    void pathSpellingsDoNotGetAroundTheDeclaredAccess() {
        String q = f.q;
        String encoded = "%" + Integer.toHexString(q.charAt(0)) + q.substring(1);
        List<String> reads = List.of(
                "/api/projects/" + q + "/", "/api/projects/" + q + "/events/", "/api/projects/" + q + ";v=1/events",
                "/api/projects/" + encoded + "/events", "/api/projects/" + q + "/./events",
                "/api/projects/x/../" + q + "/events", "/api//projects/" + q + "/events",
                "/api/projects/" + q + "//events", "/API/projects/" + q + "/events", "/api/projects/" + q + "/events.json",
                "/api/projects/" + q + "/events%2F", "/api/projects/" + q + "%2Fevents");
        for (String path : reads) {
            for (Caller caller : List.of(Caller.BOARD_P, Caller.FIN_1, Caller.AUD_P)) {
                Response r = f.as(caller).get(path);
                assertThat(r.status()).as("GET %s as %s: %s", path, caller.column(), r).isIn(400, 403, 404, 405);
                assertThat(r.body()).as("GET %s as %s", path, caller.column()).doesNotContain("\"items\"")
                        .doesNotContain("\"members\"");
            }
        }
        String p = f.p;
        String body = json("memberId", "gm0001", "kind", "MONEY", "amount", "1.00", "date", DAY);
        List<String> writes = List.of("/api/projects/" + p + "/contributions/", "/api/projects/" + p + ";v=1/contributions",
                "/api/projects/" + p + "/./contributions", "/api//projects/" + p + "/contributions",
                "/api/projects/" + p + "/contributions.json", "/API/projects/" + p + "/contributions");
        for (String path : writes) {
            for (Caller caller : List.of(Caller.AUD_P, Caller.BOARD_P)) {
                Response r = f.as(caller).post(path, body);
                assertThat(r.status()).as("POST %s as %s: %s", path, caller.column(), r).isIn(400, 403, 404, 405);
            }
        }
    }

    /**
     * HEAD is GET without the body: Spring MVC answers it with the GET handler, so it declares the
     * same access, and every caller gets the status the GET gives it.
     */
    @Order(6)
    @Test
    void headFollowsGetOnEveryReadableRoute() {
        String p = f.p;
        List<String> reads = List.of("/api/users/me", "/api/projects", "/api/projects/" + p,
                "/api/projects/" + p + "/contributions", "/api/projects/" + p + "/contributions/" + existing(f, p),
                "/api/projects/" + p + "/balances", "/api/projects/" + p + "/settlements/suggested",
                "/api/projects/" + p + "/periods/" + f.earliestOpenPeriod(p) + "/statement",
                "/api/projects/" + p + "/events", "/api/projects/" + p + "/export/journal",
                "/api/projects/" + p + "/members/" + f.member(p) + "/export", "/board/" + p,
                "/api/projects/" + f.q + "/balances", "/api/admin/projections");
        for (String path : reads) {
            for (Caller caller : Caller.values()) {
                Http as = f.as(caller);
                Response get = as.get(path);
                Response head = as.send("HEAD", path, java.net.http.HttpRequest.BodyPublishers.noBody(), null);
                assertThat(head.status()).as("HEAD %s as %s: %s (GET gave %s)", path, caller.column(), head, get)
                        .isEqualTo(get.status());
                assertThat(head.body()).as("HEAD %s as %s", path, caller.column()).isEmpty();
            }
        }
        // A reader of the project may HEAD what it may GET (it was refused with 403 while HEAD was not a route).
        assertThat(f.as(Caller.AUD_P).send("HEAD", "/api/projects/" + p + "/balances",
                java.net.http.HttpRequest.BodyPublishers.noBody(), null).status()).isEqualTo(200);
    }

    /**
     * The table has a line for every route that the ledger's controllers map, as Spring MVC's own
     * handler mapping lists them, so a new route cannot be added without saying here who gets what.
     * The lines above call the real routes, so each one checks the access its handler declares.
     */
    @Order(7)
    @Test
    void theTableCoversEveryRouteOfTheControllers() {
        Set<String> covered = TABLE.stream()
                .map(r -> r.endpoint().replaceAll("\\?.*", "").replace("{earliest open}", "{period}")
                        .replace("{p}", "{projectId}").replace("{m}", "{memberId}").replace("{c}", "{contributionId}"))
                .collect(Collectors.toSet());
        Set<String> routes = new TreeSet<>();
        handlerMapping.getHandlerMethods().forEach((info, handler) -> {
            if (!AccessDeclarations.isOwn(handler)) {
                return;
            }
            assertThat(AccessDeclarations.of(handler)).as("the access of %s", handler).isPresent();
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    routes.add(method + " " + pattern);
                }
            }
        });
        assertThat(routes).as("the routes of the ledger's controllers").hasSizeGreaterThan(25)
                .contains("GET /api/projects/{projectId}/balances", "POST /api/projects/{projectId}/contributions");
        for (String route : routes) {
            assertThat(covered).as("a line of the matrix for route %s", route).contains(route);
        }
    }

    /** Runs last: a rebuild replays every projection; only ADMIN may start it. Waits until it is live again. */
    @Order(100)
    @Test
    void rebuildsProjectionsAsAdminLast() throws InterruptedException {
        Response r = f.admin.post("/api/admin/projections/rebuild", "");
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode status;
        do {
            Thread.sleep(50);
            status = f.admin.get("/api/admin/projections").json().path("processors").path(0);
        } while (!(status.path("state").asText().equals("LIVE") && status.path("eventsBehind").asLong() == 0)
                && System.currentTimeMillis() < deadline);
        assertThat(status.path("state").asText()).as(status.toString()).isEqualTo("LIVE");
        // The rebuilt read models still answer the restricted users as before.
        assertThat(f.as(Caller.FIN_1).get("/api/projects/" + f.p).status()).isEqualTo(200);
        assertThat(f.as(Caller.FIN_1).get("/api/projects/" + f.q).status()).isEqualTo(404);
    }
}
