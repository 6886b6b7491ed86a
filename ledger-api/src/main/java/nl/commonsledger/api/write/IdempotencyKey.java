package nl.commonsledger.api.write;

import jakarta.servlet.http.HttpServletRequest;
import nl.commonsledger.api.web.ApiProblem;

import java.util.Optional;
import java.util.regex.Pattern;

/** The client's {@code Idempotency-Key}: 1 to 255 visible ASCII characters (the contract). */
public record IdempotencyKey(String value) {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern SYNTAX = Pattern.compile("[\\x21-\\x7E]{1,255}");

    /** The request's key, if it sent one; a key of the wrong syntax is 400. */
    static Optional<IdempotencyKey> of(HttpServletRequest request) {
        String value = request.getHeader(HEADER);
        if (value == null) {
            return Optional.empty();
        }
        if (!SYNTAX.matcher(value).matches()) {
            throw ApiProblem.badRequest(HEADER, "Idempotency-Key must be 1 to 255 visible ASCII characters.");
        }
        return Optional.of(new IdempotencyKey(value));
    }
}
