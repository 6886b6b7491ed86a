package nl.commonsledger.api.security;

import nl.commonsledger.api.http.ApiTestBase;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static nl.commonsledger.api.http.support.Ledger.assertProblem;
import static nl.commonsledger.api.http.support.Ledger.uid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A burst of failed sign-ins for one user is slowed down: five failures are answered 401, then the
 * user's sign-ins are refused with 429 and Retry-After for a pause (even with the right password),
 * which doubles with every further failure. Other users are not affected. Each test uses its own
 * users, so that no other test is slowed down.
 */
class SignInThrottleTest extends ApiTestBase {

    private String newUser(String password) {
        String name = uid("throttled");
        SecurityFixture.createUser(http, name, password, List.of("AUDITOR"), null, List.of());
        return name;
    }

    private static long retryAfter(Response r) {
        String header = r.header("Retry-After");
        assertThat(header).as("Retry-After of %s", r).isNotNull().matches("\\d+");
        return Long.parseLong(header);
    }

    @Test
    void fiveFailuresThen429EvenWithTheRightPasswordAndOthersUnaffected() throws InterruptedException {
        String password = "right-password-" + uid("p");
        String name = newUser(password);
        String bystanderPassword = "bystander-password";
        String bystander = newUser(bystanderPassword);
        Http wrong = http.as(name, "wrong-password-guess");

        for (int i = 1; i <= 5; i++) {
            Response r = wrong.get("/api/users/me");
            assertProblem(r, 401, "/problems/not-authenticated", "Not authenticated");
        }
        Response blocked = http.as(name, password).get("/api/users/me");
        assertProblem(blocked, 429, "/problems/too-many-sign-in-attempts", "Too many sign-in attempts");
        long wait = retryAfter(blocked);
        assertThat(wait).isBetween(1L, 2L);
        assertThat(blocked.body()).doesNotContain(password);
        // While blocked, wrong guesses are refused the same way, without being checked.
        assertThat(wrong.get("/api/users/me").status()).isEqualTo(429);

        // Another user, and the admin, sign in as usual meanwhile.
        assertThat(http.as(bystander, bystanderPassword).get("/api/users/me").status()).isEqualTo(200);
        assertThat(http.get("/api/users/me").status()).isEqualTo(200);

        // After the pause, the right password signs in again and clears the count.
        Thread.sleep(wait * 1000 + 100);
        Response after = http.as(name, password).get("/api/users/me");
        assertThat(after.status()).as(after.toString()).isEqualTo(200);
        assertThat(wrong.get("/api/users/me").status()).as("the count starts afresh").isEqualTo(401);
    }

    @Test
    void thePauseDoublesWithEveryFurtherFailure() throws InterruptedException {
        String password = "right-password-" + uid("p");
        String name = newUser(password);
        Http wrong = http.as(name, "wrong-password-guess");
        for (int i = 1; i <= 5; i++) {
            assertThat(wrong.get("/api/users/me").status()).isEqualTo(401);
        }
        Response first = wrong.get("/api/users/me");
        assertThat(first.status()).isEqualTo(429);
        Thread.sleep(retryAfter(first) * 1000 + 100);

        // The sixth failure: a pause of 2 seconds, so it still holds after a little more than 1 second.
        assertThat(wrong.get("/api/users/me").status()).isEqualTo(401);
        long sixth = System.currentTimeMillis();
        Response second = http.as(name, password).get("/api/users/me");
        assertThat(second.status()).isEqualTo(429);
        assertThat(retryAfter(second)).isBetween(1L, 2L);
        Thread.sleep(Math.max(0, 1_200 - (System.currentTimeMillis() - sixth)));
        assertThat(http.as(name, password).get("/api/users/me").status()).as("still paused after 1.2 s").isEqualTo(429);
    }

    @Test
    void anUnknownUserIsRefusedLikeAWrongPassword() {
        String ghost = uid("ghost");
        Response r = http.as(ghost, "some-password-guess").get("/api/users/me");
        assertProblem(r, 401, "/problems/not-authenticated", "Not authenticated");
        String name = newUser("right-password-123");
        Response known = http.as(name, "some-password-guess").get("/api/users/me");
        assertThat(known.body()).isEqualTo(r.body());
    }
}
