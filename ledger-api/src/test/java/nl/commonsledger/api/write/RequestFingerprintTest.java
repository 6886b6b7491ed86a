package nl.commonsledger.api.write;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.util.ContentCachingRequestWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What makes a retry with the same Idempotency-Key the same request. */
class RequestFingerprintTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper SORTED = JSON.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Test
    void keyOrderAndWhiteSpaceDoNotMatter() throws IOException {
        RequestFingerprint a = of("POST", "/api/projects/p/contributions", "{\"amount\":\"1.00\",\"memberId\":\"a\"}");
        RequestFingerprint b = of("POST", "/api/projects/p/contributions", "{ \"memberId\" : \"a\",\n \"amount\": \"1.00\" }");
        assertThat(a).isEqualTo(b);
        assertThat(a.bodySha256()).hasSize(64);
    }

    @Test
    void anotherValueIsAnotherBody() throws IOException {
        RequestFingerprint a = of("POST", "/api/projects/p/contributions", "{\"amount\":\"1.00\"}");
        RequestFingerprint b = of("POST", "/api/projects/p/contributions", "{\"amount\":\"1.0\"}");
        assertThat(a.sameRoute(b)).isTrue();
        assertThat(a.bodySha256()).isNotEqualTo(b.bodySha256());
    }

    @Test
    void aBodyThatIsNotJsonIsHashedAsSent() throws IOException {
        RequestFingerprint a = of("POST", "/api/projects/p/contributions/import", "memberId,kind\na,MONEY\n");
        RequestFingerprint b = of("POST", "/api/projects/p/contributions/import", "memberId,kind\r\na,MONEY\r\n");
        assertThat(a.bodySha256()).isNotEqualTo(b.bodySha256());
        assertThat(a).isEqualTo(of("POST", "/api/projects/p/contributions/import", "memberId,kind\na,MONEY\n"));
    }

    @Test
    void theRouteIsMethodAndPath() throws IOException {
        RequestFingerprint post = of("POST", "/api/projects/p/settlements", "{}");
        assertThat(post.sameRoute(of("PUT", "/api/projects/p/settlements", "{}"))).isFalse();
        assertThat(post.sameRoute(of("POST", "/api/projects/q/settlements", "{}"))).isFalse();
    }

    /** A request as the body-limit filter hands it on: wrapped, and its body read once. */
    private static RequestFingerprint of(String method, String path, String body) throws IOException {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        ContentCachingRequestWrapper wrapper = new ContentCachingRequestWrapper(request);
        wrapper.getInputStream().readAllBytes();
        return RequestFingerprint.of(wrapper, JSON, SORTED);
    }
}
