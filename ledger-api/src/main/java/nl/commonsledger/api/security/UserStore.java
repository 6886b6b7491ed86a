package nl.commonsledger.api.security;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Users, their roles and projects, in the database; passwords only as BCrypt hashes. */
@Component
public class UserStore {

    /** A stored user with its password hash, for signing in. */
    public record StoredUser(LedgerUser user, String passwordHash) {
    }

    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwords;
    private final Clock clock;

    public UserStore(JdbcTemplate jdbc, PasswordEncoder passwords, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.clock = clock;
    }

    public long count() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM ledger_user", Long.class);
        return n == null ? 0 : n;
    }

    public boolean exists(String username) {
        return find(username).isPresent();
    }

    public Optional<StoredUser> find(String username) {
        if (username.indexOf('\0') >= 0) {
            // No stored name holds a NUL, and PostgreSQL refuses one in a query parameter outright
            // (invalid byte sequence 0x00) instead of finding nothing: a sign-in failed with an error.
            return Optional.empty();
        }
        List<String[]> rows = jdbc.query("SELECT password_hash, organisation FROM ledger_user WHERE username = ?",
                (rs, i) -> new String[]{rs.getString(1), rs.getString(2)}, username);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        jdbc.queryForList("SELECT role FROM ledger_user_role WHERE username = ?", String.class, username)
                .forEach(r -> roles.add(Role.valueOf(r)));
        Set<String> projects = new HashSet<>(jdbc.queryForList(
                "SELECT project_id FROM ledger_user_project WHERE username = ?", String.class, username));
        return Optional.of(new StoredUser(new LedgerUser(username, roles, rows.get(0)[1], projects), rows.get(0)[0]));
    }

    /** Stores a new user; the password is hashed here and never kept or logged in clear. */
    @Transactional
    public void create(LedgerUser user, String password, String createdBy) {
        jdbc.update("INSERT INTO ledger_user (username, password_hash, organisation, created_at, created_by) "
                        + "VALUES (?, ?, ?, ?, ?)",
                user.username(), passwords.encode(password), user.organisation(),
                clock.instant().atOffset(ZoneOffset.UTC), createdBy);
        user.roles().forEach(r -> jdbc.update("INSERT INTO ledger_user_role (username, role) VALUES (?, ?)",
                user.username(), r.name()));
        user.projects().forEach(p -> jdbc.update(
                "INSERT INTO ledger_user_project (username, project_id) VALUES (?, ?)", user.username(), p));
    }
}
