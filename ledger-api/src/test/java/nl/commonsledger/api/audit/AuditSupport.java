package nl.commonsledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static nl.commonsledger.api.http.support.Ledger.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the audit tests share: reading a project's whole history over HTTP, the digest chain written
 * out independently of the service's own {@code DigestChain}, running the auditor's tools
 * (verify-chain.sh, hledger) as processes, users with other roles, and direct access to stored rows
 * for tampering (always on a throwaway project, and put back afterwards).
 */
final class AuditSupport {

    static final String GENESIS = "0000000000000000000000000000000000000000000000000000000000000000";
    static final String ISO_INSTANT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z";
    static final String PASSWORD = "a-long-enough-test-password";

    /**
     * RFC 8785 for the values the ledger's events hold (strings, integers, null, objects): object
     * members sorted by key (Java's String order is UTF-16 code unit order, as RFC 8785 asks), no
     * white space, strings escaped the JSON way Jackson and RFC 8785 agree on for such text.
     */
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private AuditSupport() {
    }

    // ---- the history -------------------------------------------------------------------------

    /** Every event of a project, following {@code next} with pages of {@code limit}. */
    static List<JsonNode> events(Http http, String p, int limit) {
        List<JsonNode> all = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Response r = http.get("/api/projects/" + p + "/events?limit=" + limit + (after == null ? "" : "&after=" + after));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode page = r.json();
            assertThat(page.path("items").size()).as("page size of %s", r).isLessThanOrEqualTo(limit);
            page.path("items").forEach(all::add);
            assertThat(page.has("next")).as("next present in %s", r).isTrue();
            after = page.path("next").isNull() ? null : page.path("next").asText();
            assertThat(++pages).as("pages of %s", p).isLessThan(10_000);
        } while (after != null);
        return all;
    }

    static List<JsonNode> events(Http http, String p) {
        return events(http, p, 1000);
    }

    static JsonNode audit(Http http, String p) {
        Response r = http.get("/api/projects/" + p + "/audit");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    // ---- the digest chain, independently -----------------------------------------------------

    /** C(e): the canonical JSON of {sequence, type, recordedAt, recordedBy, payload} of an event from /events. */
    @SuppressWarnings("unchecked")
    static String canonical(JsonNode event) {
        Map<String, Object> hashed = new LinkedHashMap<>();
        hashed.put("sequence", CANONICAL.convertValue(event.get("sequence"), Object.class));
        hashed.put("type", event.get("type").asText());
        hashed.put("recordedAt", event.get("recordedAt").isNull() ? null : event.get("recordedAt").asText());
        hashed.put("recordedBy", event.get("recordedBy").isNull() ? null : event.get("recordedBy").asText());
        hashed.put("payload", CANONICAL.convertValue(event.get("payload"), Map.class));
        assertNoFloats(event.get("payload"));
        try {
            return CANONICAL.writeValueAsString(hashed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shortcut above is only RFC 8785 for integers, strings, null, booleans, arrays and objects. */
    private static void assertNoFloats(JsonNode node) {
        assertThat(node.isFloatingPointNumber()).as("events hold no floating point numbers: %s", node).isFalse();
        node.elements().forEachRemaining(AuditSupport::assertNoFloats);
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digests of these events, recomputed from genesis. */
    static List<String> recompute(List<JsonNode> events) {
        List<String> digests = new ArrayList<>();
        String previous = GENESIS;
        for (JsonNode e : events) {
            previous = sha256Hex(previous + "\n" + canonical(e));
            digests.add(previous);
        }
        return digests;
    }

    // ---- users ---------------------------------------------------------------------------------

    /** Creates a user (as admin) and returns its name. */
    static String createUser(Http admin, String prefix, String role, String organisation, List<String> projects) {
        String username = prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Response r = admin.post("/api/users", json("username", username, "password", PASSWORD,
                "roles", List.of(role), "organisation", organisation, "projects", projects));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return username;
    }

    // ---- processes -----------------------------------------------------------------------------

    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** Runs a command to its end (bounded), with extra environment variables. */
    static Run run(Duration timeout, Map<String, String> env, String... command) {
        try {
            Path out = Files.createTempFile("audit-run", ".out");
            Path err = Files.createTempFile("audit-run", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
                pb.environment().putAll(env);
                Process process = pb.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
                }
                return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- stored rows, for tampering -------------------------------------------------------------

    static byte[] storedPayload(JdbcTemplate jdbc, String p, long sequence) {
        return jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND sequence_number = ?", byte[].class, p, sequence);
    }

    static void storePayload(JdbcTemplate jdbc, String p, long sequence, byte[] payload) {
        int n = jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE aggregate_identifier = ? "
                + "AND sequence_number = ?", payload, p, sequence);
        assertThat(n).as("rows updated").isEqualTo(1);
    }

    /** The stored payload of an event with one text field changed, as bytes to store. */
    static byte[] withField(byte[] payload, String field, String value) {
        try {
            ObjectNode node = (ObjectNode) Http.MAPPER.readTree(payload);
            assertThat(node.has(field)).as("stored payload has %s: %s", field, node).isTrue();
            node.put(field, value);
            return Http.MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sequence of the first event of this type about this contribution. */
    static long sequenceOf(List<JsonNode> events, String type, String contributionId) {
        return events.stream()
                .filter(e -> e.path("type").asText().equals(type)
                        && e.path("payload").path("contributionId").asText().equals(contributionId))
                .mapToLong(e -> e.path("sequence").asLong())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " of " + contributionId));
    }
}
