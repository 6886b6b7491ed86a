package nl.commonsledger.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins are logged (who, when, from where; never the password) and a burst of them for one
 * user is slowed down: after {@value #FREE_FAILURES} failures in a row, that user's sign-ins are
 * refused with 429 for a pause that doubles with every further failure, up to
 * {@value #MAX_PAUSE_SECONDS} seconds. A successful sign-in clears the count. Guessing a password is
 * thereby limited to a handful of tries per hour, while a user who mistyped waits seconds.
 */
@Component
public class SignInThrottle extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);
    static final int FREE_FAILURES = 5;
    static final long MAX_PAUSE_SECONDS = 900;
    static final int MAX_TRACKED_USERS = 10_000;

    private record Failures(int count, Instant blockedUntil) {
    }

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String username = basicUsername(request.getHeader("Authorization"));
        if (username != null) {
            Failures f = failures.get(username);
            Instant now = clock.instant();
            if (f != null && f.blockedUntil() != null && now.isBefore(f.blockedUntil())) {
                long wait = Math.max(1, f.blockedUntil().getEpochSecond() - now.getEpochSecond());
                response.setHeader("Retry-After", String.valueOf(wait));
                ProblemResponses.write(response, 429, "too-many-sign-in-attempts", "Too many sign-in attempts",
                        "Too many failed sign-ins for this user; try again in " + wait + " seconds.");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    @EventListener
    public void failed(AbstractAuthenticationFailureEvent event) {
        Object details = event.getAuthentication().getDetails();
        String from = details instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : "unknown";
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
        String username = event.getAuthentication().getName();
        forgetStaleEntries(now);
        Failures f = failures.merge(username, new Failures(1, null), (old, one) -> new Failures(old.count() + 1, null));
        if (f.count() >= FREE_FAILURES) {
            long pause = Math.min(MAX_PAUSE_SECONDS, 1L << Math.min(20, f.count() - FREE_FAILURES));
            failures.put(username, new Failures(f.count(), now.plusSeconds(pause)));
        }
        log.warn("Failed sign-in for user '{}' from {} at {} ({} in a row): {}", clean(username), from, now, f.count(),
                event.getException().getClass().getSimpleName());
    }

    /**
     * Unknown user names are counted too (so that guessing names is no cheaper than guessing
     * passwords); to keep memory bounded, entries that no longer block anyone are dropped once there
     * are many.
     */
    private void forgetStaleEntries(Instant now) {
        if (failures.size() > MAX_TRACKED_USERS) {
            failures.entrySet().removeIf(e -> e.getValue().blockedUntil() == null || now.isAfter(e.getValue().blockedUntil()));
        }
    }

    @EventListener
    public void succeeded(AuthenticationSuccessEvent event) {
        failures.remove(event.getAuthentication().getName());
    }

    /** The user name of a Basic Authorization header, or null; the password part is never kept. */
    static String basicUsername(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A user name as written to the log: no line breaks (no forged log lines), at most 64 characters. */
    private static String clean(String name) {
        String oneLine = name == null ? "" : name.replaceAll("[\\r\\n\\t]", "_");
        return oneLine.length() > 64 ? oneLine.substring(0, 64) + "…" : oneLine;
    }
}
