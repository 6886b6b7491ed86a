package nl.commonsledger.api.hostile;

import nl.commonsledger.api.http.ApiTestBase;
import nl.commonsledger.api.hostile.RawHttp.Answer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.http.support.Ledger.uid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throttle sees every password check, whatever the header looks like, and a stranger's wrong
 * guesses pause only the stranger: the real user, signing in from another address, gets in.
 */
class SignInHardeningTest extends ApiTestBase {

    private String newUser(String password) {
        String name = uid("hardened");
        var created = http.post("/api/users", json("username", name, "password", password, "roles", List.of("AUDITOR")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return name;
    }

    private static String token(String user, String password) {
        return RawHttp.basic(user, password).substring("Basic ".length());
    }

    @Test
    void noHeaderVariantReachesAPasswordCheckPastTheThrottle() {
        String password = "the-right-password-" + uid("p");
        String name = newUser(password);
        RawHttp raw = new RawHttp(port);
        for (int i = 0; i < 5; i++) {
            assertThat(raw.send("GET", "/api/users/me", null, "Authorization: " + RawHttp.basic(name, "wrong-guess"))
                    .status()).isEqualTo(401);
        }
        assertThat(raw.send("GET", "/api/users/me", null, "Authorization: " + RawHttp.basic(name, password)).status())
                .as("paused").isEqualTo(429);
        // Variants Spring's own parser would take: refused as malformed, never checked, never 200.
        for (String variant : List.of("BasicX", "Basic\t", "basic ", "BASIC ", "Basic  ")) {
            Answer a = raw.send("GET", "/api/users/me", null, "Authorization: " + variant + token(name, password));
            assertThat(a.status()).as(variant + ": " + a).isIn(401, 429);
        }
        // Other spellings of the scheme that RFC 7617 allows are the same header, and so paused too.
        assertThat(raw.send("GET", "/api/users/me", null, "Authorization: bAsIc " + token(name, password)).status())
                .isEqualTo(429);
    }

    @Test
    void aStrangerCannotLockOutTheRealUser() {
        String password = "the-right-password-" + uid("p");
        String name = newUser(password);
        RawHttp stranger = new RawHttp(port).from("127.0.0.2");
        RawHttp owner = new RawHttp(port);
        for (int i = 0; i < 8; i++) {
            stranger.send("GET", "/api/users/me", null, "Authorization: " + RawHttp.basic(name, "guess-" + i));
        }
        Answer blocked = stranger.send("GET", "/api/users/me", null, "Authorization: " + RawHttp.basic(name, password));
        assertThat(blocked.status()).as("the stranger's address is paused: %s", blocked).isEqualTo(429);
        assertThat(blocked.header("Retry-After")).matches("\\d+");
        Answer real = owner.send("GET", "/api/users/me", null, "Authorization: " + RawHttp.basic(name, password));
        assertThat(real.status()).as("the owner, from an address that did not fail: %s", real).isEqualTo(200);
        // The owner's success does not lift the stranger's pause.
        assertThat(stranger.send("GET", "/api/users/me", null, "Authorization: " + RawHttp.basic(name, password))
                .status()).isEqualTo(429);
    }
}
