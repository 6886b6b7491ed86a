package nl.commonsledger.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.support.Http.Response;
import org.junit.jupiter.api.Test;

import static nl.commonsledger.api.http.support.Ledger.fieldNames;
import static nl.commonsledger.api.http.support.Ledger.tree;
import static org.assertj.core.api.Assertions.assertThat;

/** The service describes itself and says when it is ready. */
class OpenApiAndHealthTest extends ApiTestBase {

    @Test
    void apiDocsListTheProjectPaths() {
        Response r = http.get("/v3/api-docs");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode docs = r.json();
        assertThat(docs.path("openapi").asText()).startsWith("3.");
        assertThat(fieldNames(docs.path("paths"))).contains(
                "/api/projects",
                "/api/projects/{projectId}",
                "/api/projects/{projectId}/members",
                "/api/projects/{projectId}/members/{memberId}/leave",
                "/api/projects/{projectId}/allocation-key",
                "/api/projects/{projectId}/rate-card",
                "/api/projects/{projectId}/contributions",
                "/api/projects/{projectId}/contributions/{contributionId}",
                "/api/projects/{projectId}/contributions/{contributionId}/corrections",
                "/api/projects/{projectId}/contributions/{contributionId}/reversal",
                "/api/projects/{projectId}/balances");
        assertThat(fieldNames(docs.path("paths").path("/api/projects"))).contains("get", "post");
        assertThat(fieldNames(docs.path("paths").path("/api/projects/{projectId}/rate-card"))).contains("put");

        Response ui = http.get("/swagger-ui.html");
        assertThat(ui.status()).isIn(200, 302);
    }

    @Test
    void healthIsUp() {
        Response r = http.get("/actuator/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(tree("{\"status\":\"UP\"}"));
    }
}
