package nl.commonsledger.api.security;

import nl.commonsledger.api.http.ApiTestBase;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.http.support.Ledger.uid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No password, hash or Authorization header in the logs or in error bodies; failed sign-ins are
 * logged with who, when and from where, without the password.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsInLogsTest extends ApiTestBase {

    @Autowired
    JdbcTemplate jdbc;

    private static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void passwordsHashesAndAuthorizationHeadersNeverReachTheLogs(CapturedOutput output) {
        String name = uid("logged");
        String password = "Distinctive-Secret-" + UUID.randomUUID();
        String wrongPassword = "Distinctive-Wrong-" + UUID.randomUUID();
        String otherPassword = "Distinctive-Other-" + UUID.randomUUID();
        List<String> secrets = List.of(password, wrongPassword, otherPassword, basic(name, password),
                basic(name, wrongPassword), basic("admin", Http.ADMIN_PASSWORD), Http.ADMIN_PASSWORD);

        Response created = http.post("/api/users",
                json("username", name, "password", password, "roles", List.of("AUDITOR"), "projects", List.of("x")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String hash = jdbc.queryForObject("SELECT password_hash FROM ledger_user WHERE username = ?", String.class,
                name);

        // Signed-in requests, refusals and errors, each with credentials in the header or body.
        Http user = http.as(name, password);
        List<Response> answers = new java.util.ArrayList<>();
        answers.add(created);
        answers.add(user.get("/api/users/me"));
        answers.add(user.get("/api/projects/x"));
        answers.add(user.post("/api/users", json("username", uid("u"), "password", otherPassword,
                "roles", List.of("ADMIN"))));
        answers.add(http.post("/api/users", json("username", name, "password", otherPassword,
                "roles", List.of("ADMIN"))));
        answers.add(http.post("/api/users", json("username", uid("u"), "password", otherPassword,
                "roles", List.of("NO-SUCH-ROLE"))));
        answers.add(http.post("/api/users", "{\"username\":\"u\",\"password\":\"" + otherPassword + "\",\"roles\":[1"));
        answers.add(http.post("/api/users", "{\"username\":\"u\",\"password\":{\"p\":\"" + otherPassword + "\"}}"));
        answers.add(http.as(name, wrongPassword).get("/api/users/me"));
        answers.add(http.as(name, wrongPassword).post("/api/projects", json("projectId", "x", "name", "x")));
        answers.add(http.as("nobody-" + name, wrongPassword).get("/api/projects"));
        answers.add(http.withAuthorization("Basic " + basic(name, wrongPassword) + "!!").get("/api/users/me"));
        answers.add(user.get("/actuator/env"));

        for (Response r : answers) {
            for (String secret : secrets) {
                assertThat(r.body()).as("answer %s", r).doesNotContain(secret);
            }
            assertThat(r.body()).as("answer %s", r).doesNotContain(hash).doesNotContain("$2a$");
        }
        assertThat(answers.get(8).status()).isEqualTo(401);

        String log = output.getAll();
        // The failed sign-ins are there: who, from where, when, and how many in a row.
        assertThat(log).containsPattern(Pattern.compile("Failed sign-in for user '" + Pattern.quote(name)
                + "' from [0-9a-fA-F:.]+ at \\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z \\(\\d+ in a row\\)"));
        assertThat(log).contains("Failed sign-in for user 'nobody-" + name + "'");
        // And no secret at all.
        for (String secret : secrets) {
            assertThat(log).as("the log").doesNotContain(secret);
        }
        assertThat(log).doesNotContain(hash).doesNotContain("Authorization: Basic").doesNotContain("Basic " + basic(name, password));
        assertThat(log).doesNotContainPattern("\\$2[aby]\\$\\d\\d\\$");
    }

    @Test
    void aUserNameCannotForgeLogLines(CapturedOutput output) {
        String forged = "x\nERROR forged line " + UUID.randomUUID();
        Response r = http.withAuthorization("Basic " + basic(forged, "whatever-password")).get("/api/users/me");
        assertThat(r.status()).isEqualTo(401);
        assertThat(output.getAll()).doesNotContain(forged).doesNotContain("whatever-password")
                .contains("Failed sign-in for user 'x_ERROR forged line");
    }
}
