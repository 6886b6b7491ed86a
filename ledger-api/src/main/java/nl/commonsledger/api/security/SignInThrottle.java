package nl.commonsledger.api.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins are logged (who, when, from where; never the password) and a burst of them is
 * slowed down, per source address and user name: after {@value #FREE_FAILURES} failures in a row,
 * sign-ins of that user from that address are refused with 429 for a pause that doubles with every
 * further failure, up to {@value #MAX_PAUSE_SECONDS} seconds. A successful sign-in from that address
 * clears its count.
 *
 * <p>The check sits around the password provider ({@link #guard}), so it sees the credentials exactly
 * as Spring Security parsed them: there is no second parser that a variant of the header could slip
 * past. Counting per source means that a stranger who guesses wrong pauses only their own address,
 * never the real user signing in from elsewhere.
 */
@Component
public class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);
    static final int FREE_FAILURES = 5;
    static final long MAX_PAUSE_SECONDS = 900;
    static final int MAX_TRACKED = 10_000;

    /** A sign-in refused unchecked because its source and user are paused. */
    public static final class Paused extends AuthenticationException {
        private final long retryAfterSeconds;

        Paused(long retryAfterSeconds) {
            super("Too many failed sign-ins for this user from this address; try again in " + retryAfterSeconds
                    + " seconds.");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private record Source(String address, String username) {
    }

    private record Failures(int count, Instant blockedUntil) {
    }

    private final ConcurrentHashMap<Source, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** The password provider, refusing (without checking) the sign-ins of a paused source and user. */
    AuthenticationProvider guard(AuthenticationProvider passwords) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) throws AuthenticationException {
                Failures f = failures.get(source(authentication));
                Instant now = clock.instant();
                if (f != null && f.blockedUntil() != null && now.isBefore(f.blockedUntil())) {
                    throw new Paused(Math.max(1, f.blockedUntil().getEpochSecond() - now.getEpochSecond()));
                }
                Authentication result = passwords.authenticate(authentication);
                if (result != null) {
                    failures.remove(source(authentication));
                }
                return result;
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return passwords.supports(authentication);
            }
        };
    }

    private static Source source(Authentication authentication) {
        return new Source(address(authentication), authentication.getName());
    }

    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                ? web.getRemoteAddress() : "unknown";
    }

    @EventListener
    public void failed(AbstractAuthenticationFailureEvent event) {
        String from = address(event.getAuthentication());
        Instant now = clock.instant();
        if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken)) {
            // A bearer token: its "name" is the token itself, which must never reach the log. The
            // password provider's "not for me" on such a token is not a failure at all.
            if (!(event.getException() instanceof ProviderNotFoundException)) {
                log.warn("Failed bearer-token sign-in from {} at {}: {}", from, now,
                        event.getException().getClass().getSimpleName());
            }
            return;
        }
        Source source = source(event.getAuthentication());
        forgetStaleEntries(now);
        Failures f = failures.merge(source, new Failures(1, null), (old, one) -> new Failures(old.count() + 1, null));
        if (f.count() >= FREE_FAILURES) {
            long pause = Math.min(MAX_PAUSE_SECONDS, 1L << Math.min(20, f.count() - FREE_FAILURES));
            failures.put(source, new Failures(f.count(), now.plusSeconds(pause)));
        }
        // The log's encoder neutralises control characters in the name (see LogSafe).
        log.warn("Failed sign-in for user '{}' from {} at {} ({} in a row): {}", shortened(source.username()), from,
                now, f.count(), event.getException().getClass().getSimpleName());
    }

    /**
     * Unknown user names are counted too (so that guessing names is no cheaper than guessing
     * passwords); to keep memory bounded, entries that no longer block anyone are dropped once there
     * are many.
     */
    private void forgetStaleEntries(Instant now) {
        if (failures.size() > MAX_TRACKED) {
            failures.entrySet().removeIf(e -> e.getValue().blockedUntil() == null || now.isAfter(e.getValue().blockedUntil()));
        }
    }

    /** A user name as written to the log: at most 64 characters. */
    private static String shortened(String name) {
        String s = name == null ? "" : name;
        return s.codePointCount(0, s.length()) > 64 ? s.substring(0, s.offsetByCodePoints(0, 64)) + "…" : s;
    }
}
