package nl.commonsledger.api.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.WebUtils;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two requests with one Idempotency-Key the same request: the method, the path, and the
 * SHA-256 of the body as canonical JSON (key order and white space do not matter; a body that is not
 * JSON, such as a CSV import, is hashed as sent).
 */
public record RequestFingerprint(String method, String path, String bodySha256) {

    /**
     * The fingerprint of a request whose body was cached by the body-limit filter.
     *
     * @param sorted {@code json} with map entries ordered by key, made once by the caller
     */
    static RequestFingerprint of(HttpServletRequest request, ObjectMapper json, ObjectMapper sorted) {
        ContentCachingRequestWrapper wrapper = WebUtils.getNativeRequest(request, ContentCachingRequestWrapper.class);
        byte[] body = wrapper == null ? new byte[0] : wrapper.getContentAsByteArray();
        return new RequestFingerprint(request.getMethod(), request.getRequestURI(), sha256(canonical(body, json, sorted)));
    }

    /** Whether the other request went to the same method and path (its body aside). */
    boolean sameRoute(RequestFingerprint other) {
        return method.equals(other.method) && path.equals(other.path);
    }

    private static byte[] canonical(byte[] body, ObjectMapper json, ObjectMapper sorted) {
        try {
            JsonNode tree = json.readTree(body);
            if (tree == null) {
                return body;
            }
            return sorted.writeValueAsBytes(json.treeToValue(tree, Object.class));
        } catch (IOException e) {
            return body;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
