package nl.commonsledger.api.security;

import nl.commonsledger.api.http.ApiTestBase;
import nl.commonsledger.api.http.support.Http.Response;
import nl.commonsledger.api.http.support.Ledger;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;

import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.security.SecurityFixture.DAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP Basic credentials that a browser has cached (after its own sign-in prompt, which the 401's
 * {@code WWW-Authenticate: Basic} invites) go along with any request to the ledger, also with a form
 * that another web site posts. CSRF protection is off (no cookies, no sessions), so what stands
 * between such a form and a write is that the API takes JSON only. A write without a body (closing a
 * period, which can never be undone; a rebuild) must not be made by a cross-site form either.
 */
class CrossSiteRequestTest extends ApiTestBase {

    private static final String[] BROWSER_FORM = {"Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"};

    private Response formPost(String path, String contentType, String body) {
        return http.send("POST", path, BodyPublishers.ofString(body), contentType, BROWSER_FORM);
    }

    @Test
    void aCrossSiteFormCannotBookWithCachedCredentials() {
        String p = api.projectWith("csrf", List.of("gm0001"));
        for (String type : List.of("application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x")) {
            Response r = formPost("/api/projects/" + p + "/contributions", type,
                    json("memberId", "gm0001", "kind", "MONEY", "amount", "1.00", "date", DAY));
            assertThat(r.status()).as("%s: %s", type, r).isIn(403, 415);
        }
        assertThat(api.contributions(p)).isEmpty();
    }

    @Test
    void aCrossSiteFormCannotCloseAPeriodWithCachedCredentials() {
        String p = api.projectWith("csrf", List.of("gm0001"));
        String period = Ledger.quarter(Ledger.base());
        for (String type : List.of("application/x-www-form-urlencoded", "text/plain")) {
            Response r = formPost("/api/projects/" + p + "/periods/" + period + "/close", type, "x=1");
            assertThat(r.status()).as("%s: %s", type, r).isIn(403, 415);
        }
        assertThat(api.project(p).path("periods").path(0).path("status").asText()).isEqualTo("OPEN");
    }
}
