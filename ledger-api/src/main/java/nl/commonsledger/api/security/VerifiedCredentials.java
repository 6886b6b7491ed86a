package nl.commonsledger.api.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP Basic sends the password with every request, and checking a BCrypt hash costs tens of
 * milliseconds by design. This provider remembers, for a short while, that a user's credentials were
 * verified: it keeps an HMAC of the password (under a key that exists only in this process, never
 * the password) and answers a repeat of the same credentials without BCrypt. Anything else (a new
 * password, an expired entry, a failure) goes to BCrypt as usual, and a failure is never cached.
 */
public class VerifiedCredentials implements AuthenticationProvider {

    private record Verified(byte[] mac, Authentication result, Instant until) {
    }

    private final DaoAuthenticationProvider delegate;
    private final Clock clock;
    private final Duration ttl;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final SecretKeySpec key;

    public VerifiedCredentials(DaoAuthenticationProvider delegate, Clock clock, Duration ttl) {
        this.delegate = delegate;
        this.clock = clock;
        this.ttl = ttl;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (credentials == null) {
            return delegate.authenticate(authentication);
        }
        byte[] mac = mac(username, credentials.toString());
        Verified hit = verified.get(username);
        Instant now = clock.instant();
        if (hit != null && now.isBefore(hit.until()) && MessageDigest.isEqual(hit.mac(), mac)) {
            return hit.result();
        }
        Authentication result = delegate.authenticate(authentication);
        if (result != null) {
            verified.put(username, new Verified(mac, result, now.plus(ttl)));
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private byte[] mac(String username, String password) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            return hmac.doFinal((username + "\u0000" + password).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
