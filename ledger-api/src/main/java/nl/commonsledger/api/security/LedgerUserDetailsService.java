package nl.commonsledger.api.security;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Signing in with HTTP Basic: users from {@link UserStore}. */
@Component
public class LedgerUserDetailsService implements UserDetailsService {

    /** Spring Security's user, carrying the ledger's view of it. */
    public static class Details extends User {
        private final LedgerUser user;

        Details(LedgerUser user, String passwordHash) {
            super(user.username(), passwordHash,
                    user.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList());
            this.user = user;
        }

        public LedgerUser user() {
            return user;
        }
    }

    private final UserStore users;

    public LedgerUserDetailsService(UserStore users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return users.find(username)
                .map(u -> new Details(u.user(), u.passwordHash()))
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
