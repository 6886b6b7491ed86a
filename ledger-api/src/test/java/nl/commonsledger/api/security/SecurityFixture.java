package nl.commonsledger.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import nl.commonsledger.api.http.support.Ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.http.support.Ledger.uid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cast of the access tests, set up once per run in the shared application (ApiTestBase): project
 * P with members gm0001 and gm0002, a rate card and a contribution of each; project Q with gm0002 and
 * gm0003, that the restricted users of P are not part of; and one user per role and scope.
 */
final class SecurityFixture {

    /** Who calls: the columns of the matrix. */
    enum Caller {
        ANON(null, null),
        ADMIN(Http.ADMIN, null),
        BOARD_P("board-p", null),
        BOARD_Q("board-q", null),
        FIN_1("finance-1", "gm0001"),
        FIN_X("finance-x", "gm9999"),
        AUD_P("auditor-p", null),
        AUD_Q("auditor-q", null);

        final String username;
        final String organisation;

        Caller(String username, String organisation) {
            this.username = username;
            this.organisation = organisation;
        }

        String password() {
            if (this == ADMIN) {
                return Http.ADMIN_PASSWORD;
            }
            return username == null ? null : username + "-secret-pass";
        }

        /** The column heading in the matrix. */
        String column() {
            return switch (this) {
                case ANON -> "anon";
                case ADMIN -> "admin";
                default -> username;
            };
        }
    }

    /** The date of every dated write: yesterday, never in the future, never in a closed quarter. */
    static final LocalDate DAY = Ledger.today().minusDays(1);

    private static SecurityFixture instance;

    final int port;
    final Http admin;
    final String p;
    final String q;
    /** A contribution of gm0001 in P (booked by finance-1), of gm0002 in P, of gm0002 in Q. */
    final String p1;
    final String p2;
    final String q2;

    private SecurityFixture(int port) {
        this.port = port;
        this.admin = new Http(port);
        this.p = uid("sec-p");
        this.q = uid("sec-q");
        createUser(admin, Caller.BOARD_P.username, Caller.BOARD_P.password(), List.of("BOARD"), null, List.of(p));
        createUser(admin, Caller.BOARD_Q.username, Caller.BOARD_Q.password(), List.of("BOARD"), null, List.of(q));
        createUser(admin, Caller.FIN_1.username, Caller.FIN_1.password(), List.of("FINANCE"), "gm0001", List.of());
        createUser(admin, Caller.FIN_X.username, Caller.FIN_X.password(), List.of("FINANCE"), "gm9999", List.of());
        createUser(admin, Caller.AUD_P.username, Caller.AUD_P.password(), List.of("AUDITOR"), null, List.of(p));
        createUser(admin, Caller.AUD_Q.username, Caller.AUD_Q.password(), List.of("AUDITOR"), null, List.of(q));

        Ledger api = new Ledger(admin);
        createProject(p);
        api.join(p, "gm0001", Ledger.base());
        api.join(p, "gm0002", Ledger.base());
        api.rateCard(p, Ledger.base(), "developer", "95.00");
        p1 = book(as(Caller.FIN_1), p, "gm0001");
        p2 = book(admin, p, "gm0002");

        createProject(q);
        api.join(q, "gm0002", Ledger.base());
        api.join(q, "gm0003", Ledger.base());
        api.rateCard(q, Ledger.base(), "developer", "95.00");
        q2 = book(admin, q, "gm0002");
    }

    /** The fixture of the application on this port, set up on first use. */
    static synchronized SecurityFixture on(int port) {
        if (instance == null || instance.port != port) {
            instance = new SecurityFixture(port);
        }
        return instance;
    }

    Http as(Caller caller) {
        return admin.as(caller.username, caller.password());
    }

    private void createProject(String id) {
        Response r = admin.post("/api/projects",
                json("projectId", id, "name", "Project " + id, "currency", "EUR", "timeZone", "Europe/Amsterdam"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    static void createUser(Http admin, String username, String password, List<String> roles, String organisation,
                           List<String> projects) {
        Response r = admin.post("/api/users", json("username", username, "password", password, "roles", roles,
                "organisation", organisation, "projects", projects));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    /** The member whose contributions the matrix books in a project: the one finance-1 may book for in P. */
    String member(String project) {
        return project.equals(p) ? "gm0001" : "gm0002";
    }

    /** Another member of the project, to settle with. */
    String other(String project) {
        return project.equals(p) ? "gm0002" : "gm0003";
    }

    /** A new MONEY contribution of {@link #member} booked by admin; a random id for a project that does not exist. */
    String freshContribution(String project) {
        if (!project.equals(p) && !project.equals(q)) {
            return UUID.randomUUID().toString();
        }
        return book(admin, project, member(project));
    }

    /** A new member joined by admin (a made-up id for a project that does not exist). */
    String freshMember(String project) {
        String m = uid("m");
        if (project.equals(p) || project.equals(q)) {
            new Ledger(admin).join(project, m, DAY);
        }
        return m;
    }

    /** The earliest open period of a project (what a close must name), as admin reads it. */
    String earliestOpenPeriod(String project) {
        Response r = admin.get("/api/projects/" + project);
        if (r.status() == 404) {
            return "2000-Q1";
        }
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        for (JsonNode period : r.json().path("periods")) {
            if (period.path("status").asText().equals("OPEN")) {
                return period.path("period").asText();
            }
        }
        throw new AssertionError("no open period in " + r);
    }

    static String book(Http as, String project, String member) {
        Response r = as.post("/api/projects/" + project + "/contributions", json("memberId", member, "kind", "MONEY",
                "amount", "100.00", "date", DAY, "reference", uid("ref"), "description", "fixture"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("contributionId").asText();
    }

    /** Every project id the caller's GET /api/projects lists, following {@code next}. */
    static List<String> listedProjects(Http as) {
        List<String> ids = new ArrayList<>();
        String after = null;
        do {
            Response r = as.get("/api/projects?limit=1000" + (after == null ? "" : "&after=" + Ledger.enc(after)));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            r.json().path("items").forEach(i -> ids.add(i.path("projectId").asText()));
            after = r.json().path("next").isNull() ? null : r.json().path("next").asText();
        } while (after != null);
        return ids;
    }
}
