package nl.commonsledger.api.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.DependsOn;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * The first users of an empty store. With {@code LEDGER_ADMIN_PASSWORD} set, the user {@code admin}
 * (ADMIN) is created with it. Without it, the service refuses to start, because a ledger nobody can
 * administer is of no use, and a default password is a door left open, unless it is started with
 * demo data, which creates the demo users listed in the README.
 */
@Component
@DependsOn("flywayInitializer")
public class FirstUsers implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(FirstUsers.class);

    /** The demo users, as the README lists them (password = "demo-" + user name + "-password"). */
    static final String DEMO_PROJECT = "zaaksysteem";

    private final UserStore users;
    private final String adminPassword;
    private final boolean demo;

    public FirstUsers(UserStore users, @Value("${ledger.admin-password:}") String adminPassword,
                      @Value("${ledger.demo:false}") boolean demo) {
        this.users = users;
        this.adminPassword = adminPassword;
        this.demo = demo;
    }

    @Override
    public void afterPropertiesSet() {
        if (users.count() > 0) {
            return;
        }
        boolean adminFromEnvironment = !adminPassword.isBlank();
        if (!adminFromEnvironment && !demo) {
            throw new NoAdministrator("There are no users yet. Set LEDGER_ADMIN_PASSWORD (at least "
                    + UserController.MIN_PASSWORD_LENGTH + " characters) to create the administrator 'admin', "
                    + "or start with --ledger.demo=true for the demo users.");
        }
        if (adminFromEnvironment) {
            String problem = UserController.passwordProblem(adminPassword);
            if (problem != null) {
                throw new NoAdministrator("LEDGER_ADMIN_PASSWORD is not acceptable: " + problem);
            }
            users.create(new LedgerUser("admin", Set.of(Role.ADMIN), null, Set.of()), adminPassword, "system");
            log.info("Created the first administrator 'admin' from LEDGER_ADMIN_PASSWORD.");
        } else {
            demoUser("admin", Set.of(Role.ADMIN), null);
        }
        if (demo) {
            demoUser("board", Set.of(Role.BOARD), null);
            demoUser("auditor", Set.of(Role.AUDITOR), null);
            demoUser("finance-amsterdam", Set.of(Role.FINANCE), "gm0363");
            demoUser("finance-rotterdam", Set.of(Role.FINANCE), "gm0599");
            log.info("Created the demo users listed in the README.");
        }
    }

    private void demoUser(String name, Set<Role> roles, String organisation) {
        Set<String> projects = roles.contains(Role.BOARD) || roles.contains(Role.AUDITOR) ? Set.of(DEMO_PROJECT) : Set.of();
        users.create(new LedgerUser(name, roles, organisation, projects), "demo-" + name + "-password", "system");
    }
}
