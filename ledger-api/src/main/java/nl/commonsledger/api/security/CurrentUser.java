package nl.commonsledger.api.security;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** The signed-in user of the current request, whichever way they signed in. */
@Component
public class CurrentUser {

    public Optional<LedgerUser> get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        Object principal = auth.getPrincipal();
        if (principal instanceof LedgerUserDetailsService.Details details) {
            return Optional.of(details.user());
        }
        if (principal instanceof LedgerUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }

    /** The signed-in user; every /api request is authenticated before it gets here. */
    public LedgerUser require() {
        return get().orElseThrow(() -> new IllegalStateException("no signed-in user"));
    }
}
