package nl.commonsledger.api.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.ApiTestBase;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import nl.commonsledger.api.hostile.RawHttp.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.uid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an attacker or a careless client sends: for every input of issue 11 and more of the same
 * families, the answer is a 4xx {@code application/problem+json} in UTF-8 and nothing new is stored
 * (the event table has exactly as many rows as before).
 */
class HostileInputTest extends ApiTestBase {

    @Autowired
    JdbcTemplate jdbc;

    private RawHttp raw;
    private String project;
    private String contributions;
    private final String admin = RawHttp.basic(Http.ADMIN, Http.ADMIN_PASSWORD);

    @BeforeEach
    void project() {
        raw = new RawHttp(port);
        project = api.projectWith("hostile", List.of("a", "b"), "developer", "95.00");
        contributions = "/api/projects/" + project + "/contributions";
    }

    private long events() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
    }

    /** A booking that would be accepted, with {@code extra} JSON members added at the front. */
    private String booking(String extra) {
        return "{" + extra + "\"memberId\":\"a\",\"kind\":\"MONEY\",\"amount\":\"10.00\",\"date\":\"" + base() + "\"}";
    }

    private static void assertRefused(String what, int status, String contentType, String body, int... expected) {
        assertThat(status).as("status of %s: %s", what, body).isBetween(400, 499);
        if (expected.length > 0) {
            assertThat(status).as("status of %s: %s", what, body).isIn(box(expected));
        }
        assertThat(contentType).as("content type of %s", what).isNotNull();
        assertThat(contentType.toLowerCase(Locale.ROOT).replace(" ", ""))
                .as("content type of %s", what).startsWith("application/problem+json").contains("charset=utf-8");
        JsonNode problem;
        try {
            problem = Http.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + what + ": " + body, e);
        }
        assertThat(problem.path("status").asInt()).as("problem of %s", what).isEqualTo(status);
        assertThat(problem.path("type").asText()).as("problem of %s", what).startsWith("/problems/");
        assertThat(problem.path("detail").asText()).as("problem of %s", what).isNotBlank();
    }

    private static Integer[] box(int[] values) {
        Integer[] out = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private void refusedRaw(String what, String method, String target, byte[] body, int[] expected, String... headers) {
        long before = events();
        List<String> lines = new ArrayList<>(List.of(headers));
        Answer a = raw.send(method, target, body, lines.toArray(String[]::new));
        assertRefused(what, a.status(), a.header("Content-Type"), a.body(), expected);
        assertThat(events()).as("events after %s", what).isEqualTo(before);
    }

    private void refusedBody(String what, byte[] body, String contentType, int... expected) {
        refusedRaw(what, "POST", contributions, body, expected, "Authorization: " + admin,
                "Content-Type: " + contentType);
    }

    private void refusedJson(String what, String json, int... expected) {
        refusedBody(what, json.getBytes(StandardCharsets.UTF_8), "application/json", expected);
    }

    private static byte[] bytes(String text, Charset charset) {
        return text.getBytes(charset);
    }

    @Test
    void theAcceptedBookingItselfIsStored() {
        long before = events();
        Answer a = raw.send("POST", contributions, booking("").getBytes(StandardCharsets.UTF_8),
                "Authorization: " + admin, "Content-Type: application/json");
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        assertThat(events()).isEqualTo(before + 1);
    }

    @Test
    void textTheDigestChainCouldNotCoverIs400() {
        refusedJson("a lone high surrogate", booking("\"description\":\"A\\ud800B\","), 400);
        refusedJson("a lone low surrogate", booking("\"reference\":\"A\\udc00\","), 400);
        refusedJson("a reversed pair", booking("\"reference\":\"\\udc00\\ud800\","), 400);
        refusedJson("a surrogate at the end", booking("\"description\":\"x\\ud83d\","), 400);
        refusedJson("a lone surrogate in a key", booking("\"\\ud800\":\"x\","), 400);
        refusedJson("a lone surrogate in a user name", "{\"username\":\"a\\ud800\"}", 400);
    }

    @Test
    void lenientJsonIs400() {
        refusedJson("trailing garbage", booking("") + "xyz", 400);
        refusedJson("two objects back to back", booking("") + booking(""), 400);
        refusedJson("a trailing array", booking("") + "[]", 400);
        refusedJson("duplicate keys", booking("\"amount\":\"99.00\","), 400);
        refusedJson("duplicate keys, nested", "{\"effectiveFrom\":\"" + base()
                + "\",\"hourlyRates\":{\"developer\":\"1.00\",\"developer\":\"2.00\"}}", 400);
        refusedBody("UTF-16LE", bytes(booking(""), StandardCharsets.UTF_16LE), "application/json", 400);
        refusedBody("UTF-16BE", bytes(booking(""), StandardCharsets.UTF_16BE), "application/json", 400);
        refusedBody("UTF-16 with its BOM", bytes(booking(""), StandardCharsets.UTF_16), "application/json", 400);
        refusedBody("UTF-32", bytes(booking(""), Charset.forName("UTF-32")), "application/json", 400);
        byte[] json = booking("").getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[json.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, bom, 3, json.length);
        refusedBody("a UTF-8 BOM", bom, "application/json", 400);
        byte[] latin1 = booking("\"description\":\"caf\u00e9\",").getBytes(StandardCharsets.ISO_8859_1);
        refusedBody("ISO-8859-1 bytes", latin1, "application/json", 400);
        refusedBody("declared ISO-8859-1", latin1, "application/json; charset=ISO-8859-1", 400);
        refusedBody("declared UTF-16", booking("").getBytes(StandardCharsets.UTF_8), "application/json; charset=UTF-16", 400);
        refusedBody("an overlong UTF-8 encoding", new byte[]{'{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', '1', '}'},
                "application/json", 400);
        refusedJson("a raw NUL byte", booking("\"description\":\"a\u0000b\","), 400);
    }

    @Test
    void controlCharactersWhereTheContractForbidsThemAre422() {
        for (String c : List.of("\\u0000", "\\u0007", "\\n", "\\r", "\\t", "\\u001b[31m", "\\u007f", "\\u0085",
                "\\u009b", "\\u2028", "\\u2029")) {
            refusedJson("reference with " + c, booking("\"reference\":\"R" + c + "1\","), 422);
        }
        for (String c : List.of("\\u0000", "\\u001b[2J", "\\u007f", "\\u0085", "\\u009f")) {
            refusedJson("description with " + c, booking("\"description\":\"D" + c + "\","), 422);
        }
        long before = events();
        Response member = http.post("/api/projects/" + project + "/members",
                "{\"memberId\":\"c\",\"name\":\"Name\\nERROR forged\",\"joinedOn\":\"" + base() + "\"}");
        assertRefused("a member name with a line feed", member.status(), member.contentType(), member.body(), 422);
        Response settlement = http.post("/api/projects/" + project + "/settlements",
                "{\"from\":\"a\",\"to\":\"b\",\"amount\":\"1.00\",\"date\":\"" + base() + "\",\"reference\":\"x\\u001by\"}");
        assertRefused("a settlement reference with ESC", settlement.status(), settlement.contentType(),
                settlement.body(), 422);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void lengthLimitsCountCodePoints() {
        String emoji = "\uD83D\uDE00";
        refusedJson("201 emoji in a reference", booking("\"reference\":\"" + emoji.repeat(201) + "\","), 422);
        refusedJson("2001 emoji in a description", booking("\"description\":\"" + emoji.repeat(2001) + "\","), 422);
        // 101 emoji are 202 UTF-16 units but 101 characters: accepted, and shown as sent.
        Response ok = http.post(contributions, booking("\"reference\":\"" + emoji.repeat(101) + "\","
                + "\"description\":\"tab\\tand\\nlines\\r\\nallowed\","));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
        assertThat(ok.json().path("reference").asText()).isEqualTo(emoji.repeat(101));
        assertThat(ok.json().path("description").asText()).isEqualTo("tab\tand\nlines\r\nallowed");
    }

    @Test
    void arraysWithNullsAre422() {
        long before = events();
        for (String body : List.of(
                "{\"username\":\"" + uid("n") + "\",\"password\":\"a long password\",\"roles\":[\"AUDITOR\"],\"projects\":[null]}",
                "{\"username\":\"" + uid("n") + "\",\"password\":\"a long password\",\"roles\":[null]}",
                "{\"username\":\"" + uid("n") + "\",\"password\":\"a long password\",\"roles\":[\"ADMIN\",null]}")) {
            Response r = http.post("/api/users", body);
            assertRefused(body, r.status(), r.contentType(), r.body(), 422);
        }
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void idempotencyKeysOutsideVisibleAsciiAre400() {
        for (String key : List.of("caf\u00e9-1", "\u00ff", "a b", "tab\tkey", "x".repeat(256))) {
            refusedRaw("Idempotency-Key " + key.substring(0, Math.min(12, key.length())), "POST", contributions,
                    booking("").getBytes(StandardCharsets.UTF_8), new int[]{400}, "Authorization: " + admin,
                    "Content-Type: application/json", "Idempotency-Key: " + key);
        }
        refusedRaw("an empty Idempotency-Key", "POST", contributions, booking("").getBytes(StandardCharsets.UTF_8),
                new int[]{400}, "Authorization: " + admin, "Content-Type: application/json", "Idempotency-Key: ");
        refusedRaw("a 10k-character Idempotency-Key", "POST", contributions,
                booking("").getBytes(StandardCharsets.UTF_8), new int[]{400, 431}, "Authorization: " + admin,
                "Content-Type: application/json", "Idempotency-Key: " + "k".repeat(10_000));
    }

    @Test
    void whatTheWebServerRefusesIsAProblemToo() {
        refusedRaw("a 20 kB header", "GET", "/api/projects", null, new int[]{400, 431}, "Authorization: " + admin,
                "X-Padding: " + "p".repeat(20_000));
        for (String path : List.of("/api/projects/a%2Fb", "/api/projects/a%2fb/contributions", "/api/projects/x;y",
                "/api/projects;x=1/" + project, "/api/projects/" + project + "/contributions;jsessionid=1",
                "/api/projects/x%00y", "/api/projects/x%5Cy", "/api/projects/x%5cy/balances", "/api/projects/%2e%2e%2Fusers",
                "/api/projects/..;/users", "/api/projects/x%25y", "/api/%0d%0aprojects", "/api//projects")) {
            refusedRaw("path " + path, "GET", path, null, new int[0], "Authorization: " + admin);
        }
        refusedRaw("a booking posted to a rejected path", "POST", contributions + ";x=1",
                booking("").getBytes(StandardCharsets.UTF_8), new int[0], "Authorization: " + admin,
                "Content-Type: application/json");
        refusedRaw("GET /error, signed in", "GET", "/error", null, new int[]{404}, "Authorization: " + admin);
        refusedRaw("GET /error, anonymous", "GET", "/error", null, new int[]{401, 404});
        refusedRaw("a body over 1 MiB", "POST", contributions, new byte[1024 * 1024 + 1], new int[]{413},
                "Authorization: " + admin, "Content-Type: application/json");
    }

    @Test
    void methodNotAllowedSaysWhatIs() {
        Answer a = raw.send("DELETE", "/api/projects/" + project + "/contributions", null, "Authorization: " + admin);
        assertRefused("DELETE on contributions", a.status(), a.header("Content-Type"), a.body(), 405);
        assertThat(a.header("Allow")).as(a.toString()).contains("GET").contains("POST");
    }

    @Test
    void cursorsBeyondTheEndGiveAnEmptyPage() {
        for (String after : List.of("9223372036854775807", "9223372036854775806", "1000000")) {
            Response r = http.get("/api/projects/" + project + "/events?after=" + after);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().path("items")).as(after).isEmpty();
            assertThat(r.json().path("next").isNull()).isTrue();
        }
        for (String after : List.of("-1", "-9223372036854775808", "9223372036854775808", "1e3")) {
            Response r = http.get("/api/projects/" + project + "/events?after=" + after);
            assertRefused("events?after=" + after, r.status(), r.contentType(), r.body(), 400);
        }
    }

    @Test
    void malformedAuthorizationHeadersAre401() {
        String token = RawHttp.basic(Http.ADMIN, Http.ADMIN_PASSWORD).substring("Basic ".length());
        for (String header : List.of("BasicX" + token, "Basic\t" + token, "Basic  " + token, "Basic" + token,
                "Basic " + token + "!!", "Basic ", "Basic", "Basic " + token + " extra", "basic\u00a0" + token)) {
            refusedRaw("Authorization: " + header.substring(0, Math.min(8, header.length())), "GET", "/api/users/me",
                    null, new int[]{401}, "Authorization: " + header);
            refusedRaw("a booking with Authorization: " + header.substring(0, Math.min(8, header.length())), "POST",
                    contributions, booking("").getBytes(StandardCharsets.UTF_8), new int[]{401},
                    "Authorization: " + header, "Content-Type: application/json");
        }
    }
}
