package nl.commonsledger.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.ApiTestBase;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import nl.commonsledger.api.security.SecurityFixture.Caller;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.util.List;
import java.util.Map;

import static nl.commonsledger.api.http.support.Ledger.assertProblem;
import static nl.commonsledger.api.http.support.Ledger.fieldNames;
import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.http.support.Ledger.tree;
import static nl.commonsledger.api.http.support.Ledger.uid;
import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/users (ADMIN) and GET /api/users/me; passwords are kept only as BCrypt hashes. */
class UsersApiTest extends ApiTestBase {

    @Autowired
    JdbcTemplate jdbc;

    private SecurityFixture f;

    @BeforeEach
    void fixture() {
        f = SecurityFixture.on(port);
    }

    private static String user(Object... kv) {
        return json(kv);
    }

    private static void assertNoSecrets(Response r, String password) {
        assertThat(r.body()).doesNotContain(password).doesNotContain("$2a$").doesNotContain("$2b$")
                .doesNotContainIgnoringCase("hash");
        if (r.status() == 201) {
            assertThat(fieldNames(r.json())).containsExactlyInAnyOrder("username", "roles", "organisation", "projects");
        }
    }

    @Test
    void createsAUserWhoCanSignIn() {
        String name = uid("fin");
        String password = "Pw-" + uid("secret");
        Response r = http.post("/api/users", user("username", name, "password", password, "roles", List.of("FINANCE"),
                "organisation", "gm0001"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.json()).isEqualTo(tree(json("username", name, "roles", List.of("FINANCE"),
                "organisation", "gm0001", "projects", List.of())));
        assertNoSecrets(r, password);

        Response me = http.as(name, password).get("/api/users/me");
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().path("username").asText()).isEqualTo(name);
        assertThat(http.as(name, password + "x").get("/api/users/me").status()).isEqualTo(401);
    }

    @Test
    void storesOnlyABcryptHash() {
        String name = uid("hashed");
        String password = "Pw-" + uid("stored");
        Response r = http.post("/api/users", user("username", name, "password", password, "roles", List.of("AUDITOR"),
                "projects", List.of("zaaksysteem")));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM ledger_user WHERE username = ?", name);
        String hash = (String) row.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("password_hash"))
                .findFirst().orElseThrow().getValue();
        assertThat(hash).startsWith("$2").isNotEqualTo(password).doesNotContain(password);
        assertThat(new BCryptPasswordEncoder().matches(password, hash)).isTrue();
        // Nowhere in the user's rows is the password in clear.
        assertThat(row.values().toString()).doesNotContain(password);
        assertThat(jdbc.queryForObject("SELECT created_by FROM ledger_user WHERE username = ?", String.class, name))
                .isEqualTo("admin");
        // Every stored user has a hash, never a clear text.
        for (String h : jdbc.queryForList("SELECT password_hash FROM ledger_user", String.class)) {
            assertThat(h).matches("\\$2[aby]?\\$\\d\\d\\$.{53}");
        }
    }

    @Test
    void refusesInvalidUsersWith422() {
        String password = "Pw-" + uid("never-echoed");
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("password", user("username", uid("u"), "roles", List.of("AUDITOR")));
        bodies.put("password ", user("username", uid("u"), "password", "short-pw", "roles", List.of("AUDITOR")));
        bodies.put("roles", user("username", uid("u"), "password", password, "roles", List.of("SUPERUSER")));
        bodies.put("roles ", user("username", uid("u"), "password", password));
        bodies.put("organisation", user("username", uid("u"), "password", password, "roles", List.of("FINANCE")));
        bodies.put("username", user("username", "Not A Slug!", "password", password, "roles", List.of("BOARD")));
        bodies.put("username ", user("password", password, "roles", List.of("BOARD")));
        bodies.put("projects", user("username", uid("u"), "password", password, "roles", List.of("BOARD"),
                "projects", List.of("Not a project id")));
        bodies.forEach((field, body) -> {
            Response r = http.post("/api/users", body);
            assertProblem(r, 422, "/problems/invalid-values", "Invalid values", field.trim());
            assertNoSecrets(r, password);
        });
        // Nothing stored by any of them.
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_user WHERE username = 'Not A Slug!'",
                Integer.class)).isZero();
    }

    /**
     * BCrypt takes at most 72 bytes of a password (Spring Security refuses to hash more). A longer
     * password is a semantically invalid value (422 naming the field), never a 500.
     */
    @Test
    void aPasswordLongerThanBcryptTakesIs422() {
        String ascii = "long-password-" + "x".repeat(80);
        String multiByte = "€".repeat(25); // 25 characters, 75 bytes in UTF-8
        for (String password : List.of(ascii, multiByte)) {
            Response r = http.post("/api/users", user("username", uid("long"), "password", password,
                    "roles", List.of("AUDITOR")));
            assertProblem(r, 422, "/problems/invalid-values", "Invalid values", "password");
            assertNoSecrets(r, password);
        }
    }

    @Test
    void signingInWithAVeryLongPasswordIs401() {
        String name = uid("longsign");
        SecurityFixture.createUser(http, name, "a-normal-password", List.of("AUDITOR"), null, List.of());
        Response r = http.as(name, "x".repeat(200)).get("/api/users/me");
        assertThat(r.status()).as(r.toString()).isEqualTo(401);
        Response unknown = http.as(uid("nobody"), "x".repeat(200)).get("/api/users/me");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(401);
    }

    @Test
    void refusesAMalformedBodyWithoutEchoingIt() {
        String password = "Pw-" + uid("malformed");
        Response r = http.post("/api/users", "{\"username\":\"x\",\"password\":\"" + password + "\",\"roles\":");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertNoSecrets(r, password);
        Response wrongType = http.post("/api/users", "{\"username\":\"x\",\"password\":\"" + password
                + "\",\"roles\":{\"a\":1}}");
        assertThat(wrongType.status()).as(wrongType.toString()).isEqualTo(400);
        assertNoSecrets(wrongType, password);
    }

    @Test
    void refusesADuplicateWith409() {
        String name = uid("dup");
        String password = "Pw-" + uid("first");
        assertThat(http.post("/api/users", user("username", name, "password", password, "roles", List.of("BOARD")))
                .status()).isEqualTo(201);
        String other = "Pw-" + uid("second");
        Response again = http.post("/api/users", user("username", name, "password", other, "roles", List.of("ADMIN")));
        assertProblem(again, 409, "/problems/conflict", "Conflict");
        assertNoSecrets(again, other);
        // The first user is unchanged: its password still works, the second does not, and it is no ADMIN.
        assertThat(http.as(name, password).get("/api/users/me").json().path("roles"))
                .isEqualTo(tree("[\"BOARD\"]"));
        assertThat(http.as(name, other).get("/api/users/me").status()).isEqualTo(401);
    }

    @Test
    void onlyAnAdminCreatesUsers() {
        String body = user("username", uid("u"), "password", "a-long-password", "roles", List.of("ADMIN"));
        for (Caller caller : Caller.values()) {
            if (caller == Caller.ADMIN) {
                continue;
            }
            Response r = f.as(caller).post("/api/users", body);
            assertThat(r.status()).as("%s: %s", caller.column(), r).isEqualTo(caller == Caller.ANON ? 401 : 403);
        }
        // Even with an invalid body the refusal is 403, not a validation answer that probes the rules.
        Response invalid = f.as(Caller.FIN_1).post("/api/users", "{}");
        assertThat(invalid.status()).isEqualTo(403);
    }

    @Test
    void meShowsEachRolesScope() {
        Map<Caller, String> expected = Map.of(
                Caller.ADMIN, json("username", "admin", "roles", List.of("ADMIN"), "projects", List.of()),
                Caller.BOARD_P, json("username", "board-p", "roles", List.of("BOARD"), "projects", List.of(f.p)),
                Caller.BOARD_Q, json("username", "board-q", "roles", List.of("BOARD"), "projects", List.of(f.q)),
                Caller.FIN_1, json("username", "finance-1", "roles", List.of("FINANCE"), "organisation", "gm0001",
                        "projects", List.of()),
                Caller.FIN_X, json("username", "finance-x", "roles", List.of("FINANCE"), "organisation", "gm9999",
                        "projects", List.of()),
                Caller.AUD_P, json("username", "auditor-p", "roles", List.of("AUDITOR"), "projects", List.of(f.p)),
                Caller.AUD_Q, json("username", "auditor-q", "roles", List.of("AUDITOR"), "projects", List.of(f.q)));
        expected.forEach((caller, body) -> {
            Response r = f.as(caller).get("/api/users/me");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode me = r.json();
            JsonNode want = tree(body);
            assertThat(me.path("username")).isEqualTo(want.path("username"));
            assertThat(me.path("roles")).isEqualTo(want.path("roles"));
            assertThat(me.path("projects")).isEqualTo(want.path("projects"));
            assertThat(me.path("organisation").isNull() ? null : me.path("organisation").asText())
                    .isEqualTo(want.has("organisation") ? want.path("organisation").asText() : null);
            assertThat(fieldNames(me)).containsExactlyInAnyOrder("username", "roles", "organisation", "projects");
            assertThat(r.body()).doesNotContain(caller.password());
        });
        Response anonymous = f.as(Caller.ANON).get("/api/users/me");
        assertProblem(anonymous, 401, "/problems/not-authenticated", "Not authenticated");
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
    }

    @Test
    void anAdminCreatedByAnAdminIsAnAdmin() {
        String name = uid("admin2");
        String password = "Pw-" + uid("admin");
        assertThat(http.post("/api/users", user("username", name, "password", password, "roles", List.of("ADMIN")))
                .status()).isEqualTo(201);
        Http second = http.as(name, password);
        assertThat(second.get("/api/admin/projections").status()).isEqualTo(200);
        Response created = second.post("/api/users", user("username", uid("u"), "password", "another-password",
                "roles", List.of("AUDITOR")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(jdbc.queryForObject("SELECT created_by FROM ledger_user WHERE username = ?", String.class,
                created.json().path("username").asText())).isEqualTo(name);
    }
}
