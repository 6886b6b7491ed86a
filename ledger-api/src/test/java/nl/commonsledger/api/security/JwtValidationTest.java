package nl.commonsledger.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import nl.commonsledger.api.LedgerApplication;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import nl.commonsledger.api.http.support.Ledger;
import nl.commonsledger.api.http.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
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
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Base64;
import java.util.function.Consumer;

import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.http.support.Ledger.uid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer tokens validated as a resource server should: with an issuer and an audience configured,
 * a token needs {@code exp}, that issuer and that audience, and user claims that are valid under the
 * rules of {@code POST /api/users}; anything else is a 401 problem, for reads and writes, never a 500
 * and never a forged {@code recordedBy}.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JwtValidationTest {

    private static final String ISSUER = "https://idp.example.org/realms/ledger";
    private static final String AUDIENCE = "commons-ledger";
    private static final KeyPair KEY = rsa();
    private static final Path DATA = TestData.newDir("jwt-validation");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("LEDGER_DATA_DIR", DATA::toString);
        registry.add("spring.datasource.url", () -> TestData.jdbcUrl(DATA));
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> pem().toUri().toString());
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> AUDIENCE);
        registry.add("ledger.security.jwt.issuer", () -> ISSUER);
    }

    @LocalServerPort
    int port;

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path pem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEY.getPublic().getEncoded());
        try {
            Path file = DATA.resolve("public-key.pem");
            Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A signed ADMIN token that passes every check, changed by {@code change}. */
    private static String token(Consumer<JWTClaimsSet.Builder> change) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).audience(AUDIENCE).subject("subject-1").claim("preferred_username", "jwt-admin")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .claim("roles", List.of("ADMIN"));
        change.accept(claims);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(KEY.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private Http bearer(String token) {
        return new Http(port).withAuthorization("Bearer " + token);
    }

    private void assertRefused(String what, String token) {
        Http caller = bearer(token);
        Response read = caller.get("/api/users/me");
        Ledger.assertProblem(read, 401, "/problems/not-authenticated", "Not authenticated");
        assertThat(read.header("WWW-Authenticate")).as(what).startsWith("Bearer");
        Response write = caller.post("/api/projects", json("projectId", uid("jwt"), "name", "x"));
        assertThat(write.status()).as("%s, on a write: %s", what, write).isEqualTo(401);
        assertThat(write.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aTokenThatPassesEveryCheckSignsIn() {
        Response me = bearer(token(c -> { })).get("/api/users/me");
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().path("username").asText()).isEqualTo("jwt-admin");
        // An audience list that includes ours is fine.
        assertThat(bearer(token(c -> c.audience(List.of("other", AUDIENCE)))).get("/api/users/me").status())
                .isEqualTo(200);
    }

    @Test
    void expiryIsRequired() {
        assertRefused("no exp", token(c -> c.expirationTime(null)));
        assertRefused("expired", token(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(3600)))));
        assertRefused("not yet valid", token(c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(3600)))));
    }

    @Test
    void issuerAndAudienceMustBeOurs() {
        assertRefused("foreign iss", token(c -> c.issuer("https://evil.example.org")));
        assertRefused("no iss", token(c -> c.issuer(null)));
        assertRefused("foreign aud", token(c -> c.audience("someone-else")));
        assertRefused("no aud", token(c -> c.audience((String) null)));
    }

    @Test
    void theUserClaimsFollowTheRulesOfPostUsers() {
        assertRefused("a user with @", token(c -> c.claim("preferred_username", "eve@gm0001")));
        assertRefused("a user with a line feed", token(c -> c.claim("preferred_username", "eve\nERROR forged")));
        assertRefused("a user with upper case", token(c -> c.claim("preferred_username", "Eve")));
        assertRefused("a user of 65 characters", token(c -> c.claim("preferred_username", "e".repeat(65))));
        assertRefused("a user that is not a string", token(c -> c.claim("preferred_username", List.of("eve"))));
        assertRefused("an empty user", token(c -> c.claim("preferred_username", "")));
        assertRefused("no sub and no preferred_username", token(c -> c.subject(null).claim("preferred_username", null)));
        assertRefused("an invalid sub without preferred_username",
                token(c -> c.subject("eve@x").claim("preferred_username", null)));
        assertRefused("an organisation with @", token(c -> c.claim("organisation", "gm0001@x")));
        assertRefused("an organisation that is a number", token(c -> c.claim("organisation", 42)));
        assertRefused("roles not a list", token(c -> c.claim("roles", "ADMIN")));
        assertRefused("projects with a bad id", token(c -> c.claim("projects", List.of("P 1"))));
    }

    @Test
    void aTokenWithOnlyASubjectBooksUnderThatName() {
        Http sub = bearer(token(c -> c.subject("jwt-subject").claim("preferred_username", null)));
        String p = uid("jwt");
        Response created = sub.post("/api/projects", json("projectId", p, "name", "By subject"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Response events = new Http(port).get("/api/projects/" + p + "/events");
        assertThat(events.json().path("items").get(0).path("recordedBy").asText()).isEqualTo("jwt-subject");
    }
}
