package nl.commonsledger.api.security;

import nl.commonsledger.api.web.ApiProblem;
import nl.commonsledger.api.web.RequestValues;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Users: an ADMIN creates them; everyone can see who they are signed in as. */
@RestController
@RequestMapping("/api/users")
public class UserController {

    static final int MIN_PASSWORD_LENGTH = 12;
    static final int MAX_PASSWORD_BYTES = 72;

    /** {@code password} is never echoed, logged or stored in clear. */
    public record UserRequest(String username, String password, List<String> roles, String organisation,
                              List<String> projects) {
        @Override
        public String toString() {
            return "UserRequest[" + username + "]";
        }
    }

    public record UserView(String username, List<String> roles, String organisation, List<String> projects) {
        static UserView of(LedgerUser u) {
            return new UserView(u.username(), u.roles().stream().map(Enum::name).sorted().toList(), u.organisation(),
                    u.projects().stream().sorted().toList());
        }
    }

    private final UserStore users;
    private final CurrentUser currentUser;

    public UserController(UserStore users, CurrentUser currentUser) {
        this.users = users;
        this.currentUser = currentUser;
    }

    @Access(Operation.ADMINISTER)
    @PostMapping
    public ResponseEntity<UserView> create(@RequestBody UserRequest body) {
        RequestValues v = new RequestValues();
        v.required("username", body.username());
        if (body.username() != null && !LedgerUser.validUsername(body.username())) {
            v.add("username", LedgerUser.USERNAME_RULE);
        }
        v.required("password", body.password());
        String passwordProblem = passwordProblem(body.password());
        if (passwordProblem != null) {
            v.add("password", passwordProblem);
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (body.roles() == null || body.roles().isEmpty()) {
            v.add("roles", "roles is required: one or more of FINANCE, BOARD, AUDITOR, ADMIN.");
        } else {
            v.noNulls("roles", body.roles());
            for (String r : body.roles()) {
                Role role = v.oneOf("roles", r, Role.class);
                if (role != null) {
                    roles.add(role);
                }
            }
        }
        v.slug("organisation", body.organisation());
        if (roles.contains(Role.FINANCE) && body.organisation() == null) {
            v.add("organisation", "A FINANCE user needs the organisation (member id) it books for.");
        }
        v.noNulls("projects", body.projects());
        List<String> projects = body.projects() == null ? List.of() : new ArrayList<>(body.projects());
        projects.forEach(p -> v.slug("projects", p));
        v.check();
        if (users.exists(body.username())) {
            throw ApiProblem.conflict("A user named " + body.username() + " already exists.");
        }
        LedgerUser user = new LedgerUser(body.username(), roles, body.organisation(), new HashSet<>(projects));
        users.create(user, body.password(), currentUser.require().username());
        return ResponseEntity.status(HttpStatus.CREATED).body(UserView.of(user));
    }

    /**
     * Why a password is not acceptable, or null. BCrypt reads at most 72 bytes, so a longer password
     * would silently be cut; it is refused instead.
     */
    static String passwordProblem(String password) {
        if (password == null) {
            return null;
        }
        if (password.length() < MIN_PASSWORD_LENGTH) {
            return "password must be at least " + MIN_PASSWORD_LENGTH + " characters.";
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return "password must be at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8.";
        }
        return null;
    }

    @Access(Operation.SIGNED_IN)
    @GetMapping("/me")
    public UserView me() {
        return UserView.of(currentUser.require());
    }
}
