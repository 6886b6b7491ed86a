package nl.commonsledger.api.security;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * An authenticated user as the ledger sees it, whether signed in with a password or a bearer token.
 * {@code organisation} is the member id the user books for (FINANCE); {@code projects} the projects
 * a BOARD or AUDITOR user serves.
 */
public record LedgerUser(String username, Set<Role> roles, String organisation, Set<String> projects) {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final String USERNAME_RULE =
            "username must be lower-case letters, digits, '.', '_' or '-', at most 64 characters.";

    /**
     * The one rule for user names, wherever they come from (POST /api/users, a bearer token): names
     * end up in {@code recordedBy}, so no '@', no line breaks, nothing a log or a digest could misread.
     */
    public static boolean validUsername(String name) {
        return name != null && USERNAME.matcher(name).matches();
    }

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
