package nl.commonsledger.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import nl.commonsledger.api.http.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;
import java.util.Map;

import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.http.support.Ledger.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The first users of an empty store: without LEDGER_ADMIN_PASSWORD the service refuses to start with a
 * clear message, unless it starts with demo data, which creates the demo users the README lists.
 * (The test configuration sets ledger.admin-password; these starts override it with an empty value.)
 */
class FirstUsersStartupTest {

    private static NoAdministrator noAdministratorIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NoAdministrator n) {
                return n;
            }
        }
        throw new AssertionError("no NoAdministrator in the causes of " + failure, failure);
    }

    @Test
    void refusesToStartWithoutAnAdministratorPassword() {
        Throwable failure = catchThrowable(() -> TestData.start(TestData.newDir("no-admin"), "ledger.admin-password=")
                .close());
        assertThat(failure).as("the start must fail").isNotNull();
        NoAdministrator cause = noAdministratorIn(failure);
        assertThat(cause.getMessage()).contains("LEDGER_ADMIN_PASSWORD").contains("ledger.demo=true");
    }

    @Test
    void refusesAnAdministratorPasswordThatIsTooShort() {
        Throwable failure = catchThrowable(() -> TestData.start(TestData.newDir("short-admin"),
                "ledger.admin-password=short").close());
        assertThat(noAdministratorIn(failure).getMessage()).contains("LEDGER_ADMIN_PASSWORD").contains("12")
                .doesNotContain("short");
    }

    @Test
    void demoDataCreatesTheReadmesUsers() {
        try (ConfigurableApplicationContext app = TestData.start(TestData.newDir("demo-users"),
                "ledger.admin-password=", "ledger.demo=true")) {
            Http http = new Http(TestData.port(app));
            // user → {roles, organisation, projects}, as the README's table lists them.
            Map<String, String> readme = Map.of(
                    "admin", json("roles", List.of("ADMIN"), "projects", List.of()),
                    "board", json("roles", List.of("BOARD"), "projects", List.of("zaaksysteem")),
                    "auditor", json("roles", List.of("AUDITOR"), "projects", List.of("zaaksysteem")),
                    "finance-amsterdam", json("roles", List.of("FINANCE"), "organisation", "gm0363",
                            "projects", List.of()),
                    "finance-rotterdam", json("roles", List.of("FINANCE"), "organisation", "gm0599",
                            "projects", List.of()));
            readme.forEach((user, expected) -> {
                Response me = http.as(user, "demo-" + user + "-password").get("/api/users/me");
                assertThat(me.status()).as("%s: %s", user, me).isEqualTo(200);
                JsonNode want = tree(expected);
                assertThat(me.json().path("username").asText()).isEqualTo(user);
                assertThat(me.json().path("roles")).isEqualTo(want.path("roles"));
                assertThat(me.json().path("projects")).isEqualTo(want.path("projects"));
                assertThat(me.json().path("organisation").isNull() ? null : me.json().path("organisation").asText())
                        .isEqualTo(want.has("organisation") ? want.path("organisation").asText() : null);
            });
            // The admin of the test configuration was not created: the demo users are the only ones.
            assertThat(http.get("/api/users/me").status()).isEqualTo(401);
            // The README's curl session works: Amsterdam's finance department reads the demo project.
            Http amsterdam = http.as("finance-amsterdam", "demo-finance-amsterdam-password");
            Response project = amsterdam.get("/api/projects/zaaksysteem");
            long deadline = System.currentTimeMillis() + 10_000;
            while (project.status() == 404 && System.currentTimeMillis() < deadline) {
                project = amsterdam.get("/api/projects/zaaksysteem");
            }
            assertThat(project.status()).as(project.toString()).isEqualTo(200);
            assertThat(http.as("board", "demo-board-password").get("/api/projects/zaaksysteem/balances").status())
                    .isEqualTo(200);
        }
    }
}
