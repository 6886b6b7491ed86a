package nl.commonsledger.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import nl.commonsledger.api.LedgerApplication;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import nl.commonsledger.api.http.support.Ledger;
import nl.commonsledger.api.http.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.http.support.Ledger.tree;
import static nl.commonsledger.api.http.support.Ledger.uid;
import static nl.commonsledger.api.security.SecurityFixture.DAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer JWTs, when a key is configured: an application of its own (own data directory) with
 * {@code spring.security.oauth2.resourceserver.jwt.public-key-location} pointing to the public half of
 * an RSA key this test makes, and tokens it signs with the private half.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class JwtSignInTest {

    private static final KeyPair KEY = rsa();
    private static final KeyPair OTHER_KEY = rsa();
    private static final Path DATA = TestData.newDir("jwt");
    private static final Path PUBLIC_KEY = pem(KEY);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("LEDGER_DATA_DIR", DATA::toString);
        registry.add("spring.datasource.url", () -> TestData.jdbcUrl(DATA));
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> PUBLIC_KEY.toUri().toString());
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path pem(KeyPair key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPublic().getEncoded());
        try {
            Path file = DATA.resolve("jwt-public-key.pem");
            Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A signed token; organisation and projects are left out when null. */
    static String token(PrivateKey key, String username, List<String> roles, String organisation,
                        List<String> projects, Instant expires) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(username == null ? "subject-only" : "subject-" + username)
                .issueTime(new Date())
                .expirationTime(Date.from(expires))
                .claim("roles", roles);
        if (username != null) {
            claims.claim("preferred_username", username);
        }
        if (organisation != null) {
            claims.claim("organisation", organisation);
        }
        if (projects != null) {
            claims.claim("projects", projects);
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(String username, List<String> roles, String organisation, List<String> projects) {
        return token(KEY.getPrivate(), username, roles, organisation, projects, Instant.now().plusSeconds(600));
    }

    @LocalServerPort
    int port;

    private Http admin;
    private Ledger api;

    @BeforeEach
    void connect() {
        admin = new Http(port);
        api = new Ledger(admin);
    }

    private Http bearer(String token) {
        return admin.withAuthorization("Bearer " + token);
    }

    private String project() {
        String p = api.projectWith("jwt", List.of("gm0001", "gm0002"), "developer", "95.00");
        return p;
    }

    @Test
    void claimsMapToTheUser() {
        Response me = bearer(token("jwt-finance", List.of("FINANCE"), "gm0001", null)).get("/api/users/me");
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json()).isEqualTo(tree(json("username", "jwt-finance", "roles", List.of("FINANCE"),
                "organisation", "gm0001", "projects", List.of())));

        Response board = bearer(token("jwt-board", List.of("BOARD", "AUDITOR"), null, List.of("p1", "p2")))
                .get("/api/users/me");
        JsonNode b = board.json();
        assertThat(b.path("username").asText()).isEqualTo("jwt-board");
        assertThat(b.path("roles")).isEqualTo(tree("[\"AUDITOR\",\"BOARD\"]"));
        assertThat(b.path("organisation").isNull()).isTrue();
        assertThat(b.path("projects")).isEqualTo(tree("[\"p1\",\"p2\"]"));

        // Without preferred_username the subject names the user; unknown roles are ignored.
        Response sub = bearer(token(KEY.getPrivate(), null, List.of("SUPERUSER", "AUDITOR"), null, null,
                Instant.now().plusSeconds(600))).get("/api/users/me");
        assertThat(sub.json().path("username").asText()).isEqualTo("subject-only");
        assertThat(sub.json().path("roles")).isEqualTo(tree("[\"AUDITOR\"]"));
    }

    @Test
    void aFinanceTokenBooksForItsOrganisationOnly() {
        String p = project();
        Http finance = bearer(token("jwt-finance", List.of("FINANCE"), "gm0001", null));
        Response booked = finance.post("/api/projects/" + p + "/contributions", json("memberId", "gm0001",
                "kind", "MONEY", "amount", "40.00", "date", DAY, "recordedBy", "someone-else"));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        assertThat(booked.json().path("recordedBy").asText()).isEqualTo("jwt-finance@gm0001");

        JsonNode events = admin.get("/api/projects/" + p + "/events").json().path("items");
        assertThat(events.get(events.size() - 1).path("recordedBy").asText()).isEqualTo("jwt-finance@gm0001");

        Response other = finance.post("/api/projects/" + p + "/contributions", json("memberId", "gm0002",
                "kind", "MONEY", "amount", "40.00", "date", DAY));
        assertThat(other.status()).as(other.toString()).isEqualTo(403);

        // It sees the projects its organisation is in, and no other.
        assertThat(finance.get("/api/projects/" + p).status()).isEqualTo(200);
        String elsewhere = api.projectWith("jwt-other", List.of("gm0002"));
        assertThat(finance.get("/api/projects/" + elsewhere).status()).isEqualTo(404);
        assertThat(SecurityFixture.listedProjects(finance)).contains(p).doesNotContain(elsewhere);
    }

    @Test
    void aBoardTokenGovernsItsProjectsButDoesNotBook() {
        String p = project();
        String other = api.projectWith("jwt-other", List.of("gm0002"));
        Http board = bearer(token("jwt-board", List.of("BOARD"), null, List.of(p)));
        Response joined = board.post("/api/projects/" + p + "/members",
                json("memberId", uid("m"), "name", "m", "joinedOn", DAY));
        assertThat(joined.status()).as(joined.toString()).isEqualTo(201);
        JsonNode events = admin.get("/api/projects/" + p + "/events").json().path("items");
        assertThat(events.get(events.size() - 1).path("recordedBy").asText()).isEqualTo("jwt-board");
        assertThat(board.post("/api/projects/" + p + "/contributions", json("memberId", "gm0001", "kind", "MONEY",
                "amount", "1.00", "date", DAY)).status()).isEqualTo(403);
        assertThat(board.get("/api/projects/" + other).status()).isEqualTo(404);
        assertThat(board.get("/api/admin/projections").status()).isEqualTo(403);
    }

    /** Tokens that must not sign anyone in: expired, signed by another key, unsigned, tampered, not a JWT. */
    private static List<String> badTokens() {
        Instant soon = Instant.now().plusSeconds(600);
        String expired = token(KEY.getPrivate(), "jwt-late", List.of("ADMIN"), null, null,
                Instant.now().minusSeconds(3600));
        String foreign = token(OTHER_KEY.getPrivate(), "jwt-forger", List.of("ADMIN"), null, null, soon);
        String unsigned = new PlainJWT(new JWTClaimsSet.Builder().subject("jwt-none").claim("preferred_username", "x")
                .claim("roles", List.of("ADMIN")).expirationTime(Date.from(soon)).build()).serialize();
        String good = token("jwt-tampered", List.of("ADMIN"), null, null);
        int dot = good.lastIndexOf('.');
        String tampered = good.substring(0, dot + 1) + (good.charAt(dot + 1) == 'A' ? 'B' : 'A') + good.substring(dot + 2);
        return List.of(expired, foreign, unsigned, tampered, "not-a-jwt");
    }

    @Test
    void badTokensAre401() {
        for (String bad : badTokens()) {
            Response r = bearer(bad).get("/api/users/me");
            assertThat(r.status()).as("%s: %s", bad, r).isEqualTo(401);
            assertThat(r.body()).doesNotContain(bad);
            assertThat(r.header("WWW-Authenticate")).as("WWW-Authenticate of %s", r).isNotBlank();
            Response write = bearer(bad).post("/api/projects", json("projectId", uid("x"), "name", "x"));
            assertThat(write.status()).isEqualTo(401);
        }
        // An ADMIN token signed with the right key, not expired, is an admin.
        assertThat(bearer(token("jwt-admin", List.of("ADMIN"), null, null)).get("/api/admin/projections").status())
                .isEqualTo(200);
    }

    /** The contract: every refusal is an RFC 9457 problem, a refused bearer token too. */
    @Test
    void aRefusedBearerTokenIsAProblem() {
        for (String bad : badTokens()) {
            Response r = bearer(bad).get("/api/users/me");
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.contentType()).as("content type of the 401 for a bad bearer token: %s", r)
                    .startsWith("application/problem+json");
            assertThat(r.json().path("status").asInt()).isEqualTo(401);
        }
    }

    /** No token reaches the log, not even its first part (which the failed sign-in line would name). */
    @Test
    void noBearerTokenReachesTheLog(CapturedOutput output) {
        List<String> tokens = new java.util.ArrayList<>(badTokens().subList(0, 4));
        tokens.add(token("jwt-logged", List.of("FINANCE"), "gm0001", null));
        for (String t : tokens) {
            bearer(t).get("/api/users/me");
        }
        String log = output.getAll();
        for (String t : tokens) {
            assertThat(log).doesNotContain(t).doesNotContain(t.substring(0, 40));
        }
    }

    @Test
    void basicStillWorksBesideBearerTokens() {
        Response me = admin.get("/api/users/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("username").asText()).isEqualTo("admin");
        assertThat(admin.as("admin", "not-the-password").get("/api/users/me").status()).isEqualTo(401);
        Response anonymous = admin.as(null, null).get("/api/users/me");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
    }
}
