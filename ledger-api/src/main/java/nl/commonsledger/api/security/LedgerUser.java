package nl.commonsledger.api.security;

import java.util.Set;

/**
 * An authenticated user as the ledger sees it, whether signed in with a password or a bearer token.
 * {@code organisation} is the member id the user books for (FINANCE); {@code projects} the projects
 * a BOARD or AUDITOR user serves.
 */
public record LedgerUser(String username, Set<Role> roles, String organisation, Set<String> projects) {

    public LedgerUser {
        roles = Set.copyOf(roles);
        projects = projects == null ? Set.of() : Set.copyOf(projects);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Rule 10's {@code recordedBy}: {@code user@organisation}, or the user alone. */
    public String recordedBy() {
        return organisation == null ? username : username + "@" + organisation;
    }
}
