package nl.commonsledger.api.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;

import java.util.regex.Pattern;

/**
 * HTTP Basic exactly as RFC 7617 writes it: {@code Basic}, one space, a base64 token. Spring's own
 * converter accepts any one character after {@code Basic} ({@code BasicX...}, a tab); here such a
 * header, and any other malformed Basic header, is refused as bad credentials (401) instead of being
 * guessed at. Headers of other schemes are left to their own filters.
 */
class StrictBasicCredentials extends BasicAuthenticationConverter {

    private static final Pattern BASIC = Pattern.compile("(?i:basic) [A-Za-z0-9+/]+={0,2}");

    @Override
    public UsernamePasswordAuthenticationToken convert(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic", 0, 5)) {
            return null;
        }
        if (!BASIC.matcher(header).matches()) {
            throw new BadCredentialsException("Malformed Basic authentication header");
        }
        return super.convert(request);
    }
}
