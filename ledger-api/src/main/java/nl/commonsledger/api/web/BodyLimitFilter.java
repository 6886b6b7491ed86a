package nl.commonsledger.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;

import java.io.IOException;

/**
 * Bodies over 1 MiB (imports: 50 MiB) are refused with 413 before anything is parsed. The body read
 * is kept, so that idempotency can compare a retried request with the first one.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BodyLimitFilter extends OncePerRequestFilter {

    static final int LIMIT_BYTES = 1024 * 1024;
    static final int IMPORT_LIMIT_BYTES = 50 * 1024 * 1024;

    /** Thrown while reading a body that turns out longer than the limit (chunked uploads). */
    public static class BodyTooLarge extends RuntimeException {
        BodyTooLarge(int limit) {
            super("The request body is larger than " + limit / (1024 * 1024) + " MiB.");
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int limit = request.getRequestURI().endsWith("/contributions/import") ? IMPORT_LIMIT_BYTES : LIMIT_BYTES;
        if (request.getContentLengthLong() > limit) {
            ProblemResponses.write(response, HttpStatus.PAYLOAD_TOO_LARGE.value(), "payload-too-large",
                    "Request too large", "The request body is larger than " + limit / (1024 * 1024) + " MiB.");
            return;
        }
        chain.doFilter(new ContentCachingRequestWrapper(request, limit) {
            @Override
            protected void handleContentOverflow(int contentCacheLimit) {
                throw new BodyTooLarge(contentCacheLimit);
            }
        }, response);
    }
}
