package nl.commonsledger.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.support.Http.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static nl.commonsledger.api.http.support.Ledger.assertBalanced;
import static nl.commonsledger.api.http.support.Ledger.assertProblem;
import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.future;
import static nl.commonsledger.api.http.support.Ledger.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every way a contribution is refused: status, problem body, the field named, and that nothing was
 * stored (the contribution list, the project and the balances read exactly as before).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContributionRejectionsApiTest extends ApiTestBase {

    private static final String MALFORMED = "/problems/malformed-request";
    private static final String BAD = "Malformed request";
    private static final String INVALID = "/problems/invalid-values";
    private static final String IV = "Invalid values";
    private static final String LEDGER_CONFLICT = "Conflicts with the ledger";

    private String p;
    private String existing;

    @BeforeAll
    void project() {
        connect();
        LocalDate b = base();
        p = api.projectWith("reject", List.of("a", "b", "y"), "developer", "95.00");
        api.join(p, "x", b.plusDays(100));
        api.leave(p, "y", b.plusDays(50));
        existing = api.hours(p, "a", "CODE", "1", "developer", b.plusDays(10), "MR-DUP").path("contributionId").asText();
        api.money(p, "b", "10.00", b.plusDays(11));
    }

    /** name, request body, status, problem type, title, fields named in errors. */
    static Stream<Arguments> refusals() {
        LocalDate b = base();
        String d = b.plusDays(20).toString();
        return Stream.of(
                // 400: not JSON, or a value that does not parse as its type.
                arguments("malformed JSON", "{\"memberId\":\"a\",\"kind\":\"MONEY\",", 400, MALFORMED, BAD, List.of()),
                arguments("not an object", "[1,2,3]", 400, MALFORMED, BAD, List.of()),
                arguments("empty body", "", 400, MALFORMED, BAD, List.of()),
                arguments("money as JSON number", "{\"memberId\":\"a\",\"kind\":\"MONEY\",\"amount\":37.5,\"date\":\"" + d + "\"}",
                        400, MALFORMED, BAD, List.of("amount")),
                arguments("money as JSON integer", "{\"memberId\":\"a\",\"kind\":\"MONEY\",\"amount\":37,\"date\":\"" + d + "\"}",
                        400, MALFORMED, BAD, List.of("amount")),
                arguments("hours as JSON number", "{\"memberId\":\"a\",\"kind\":\"HOURS\",\"hours\":2.5,\"role\":\"developer\",\"date\":\"" + d + "\"}",
                        400, MALFORMED, BAD, List.of("hours")),
                arguments("kind as JSON boolean", "{\"memberId\":\"a\",\"kind\":true,\"amount\":\"1.00\",\"date\":\"" + d + "\"}",
                        400, MALFORMED, BAD, List.of("kind")),
                arguments("amount -1", money("-1", d), 400, MALFORMED, BAD, List.of("amount")),
                arguments("amount +1", money("+1", d), 400, MALFORMED, BAD, List.of("amount")),
                arguments("amount 1e3", money("1e3", d), 400, MALFORMED, BAD, List.of("amount")),
                arguments("amount 1E3", money("1E3", d), 400, MALFORMED, BAD, List.of("amount")),
                arguments("amount 1,000.00", money("1,000.00", d), 400, MALFORMED, BAD, List.of("amount")),
                arguments("amount 1 000.00", money("1 000.00", d), 400, MALFORMED, BAD, List.of("amount")),
                arguments("amount 12,50", money("12,50", d), 400, MALFORMED, BAD, List.of("amount")),
                arguments("amount abc", money("abc", d), 400, MALFORMED, BAD, List.of("amount")),
                arguments("hours -2", hours("HOURS", "-2", "developer", d, null), 400, MALFORMED, BAD, List.of("hours")),
                arguments("hours 2e1", hours("HOURS", "2e1", "developer", d, null), 400, MALFORMED, BAD, List.of("hours")),
                arguments("date 2025-02-30", money("1.00", "2025-02-30"), 400, MALFORMED, BAD, List.of("date")),
                arguments("date 05-04-2026", money("1.00", "05-04-2026"), 400, MALFORMED, BAD, List.of("date")),
                arguments("date 2026-4-5", money("1.00", "2026-4-5"), 400, MALFORMED, BAD, List.of("date")),
                arguments("date with time", money("1.00", d + "T10:00:00Z"), 400, MALFORMED, BAD, List.of("date")),
                // 422: parses, but is not acceptable, or is missing.
                arguments("amount 1.500", money("1.500", d), 422, "/problems/too-many-decimals", IV, List.of("amount")),
                arguments("amount 0.001", money("0.001", d), 422, "/problems/too-many-decimals", IV, List.of("amount")),
                arguments("amount 0", money("0", d), 422, "/problems/amount-not-positive", IV, List.of("amount")),
                arguments("amount 0.00", money("0.00", d), 422, "/problems/amount-not-positive", IV, List.of("amount")),
                arguments("amount too large", money("1000000000000.00", d), 422, "/problems/amount-too-large", IV,
                        List.of("amount")),
                arguments("hours 10000.01", hours("HOURS", "10000.01", "developer", d, null), 422,
                        "/problems/hours-too-large", IV, List.of("hours")),
                arguments("hours 1.255", hours("HOURS", "1.255", "developer", d, null), 422,
                        "/problems/too-many-decimals", IV, List.of("hours")),
                arguments("hours 0", hours("HOURS", "0", "developer", d, null), 422, "/problems/hours-not-positive",
                        IV, List.of("hours")),
                arguments("unknown kind", json("memberId", "a", "kind", "GIFT", "amount", "1.00", "date", d), 422,
                        INVALID, IV, List.of("kind")),
                arguments("lower-case kind", json("memberId", "a", "kind", "money", "amount", "1.00", "date", d), 422,
                        INVALID, IV, List.of("kind")),
                arguments("nothing given", "{}", 422, INVALID, IV, List.of("memberId", "kind", "date")),
                arguments("missing memberId", json("kind", "MONEY", "amount", "1.00", "date", d), 422, INVALID, IV,
                        List.of("memberId")),
                arguments("missing kind", json("memberId", "a", "amount", "1.00", "date", d), 422, INVALID, IV,
                        List.of("kind")),
                arguments("missing date", json("memberId", "a", "kind", "MONEY", "amount", "1.00"), 422, INVALID, IV,
                        List.of("date")),
                arguments("MONEY without amount", json("memberId", "a", "kind", "MONEY", "date", d), 422,
                        "/problems/field-required", IV, List.of("amount")),
                arguments("HOURS without hours", json("memberId", "a", "kind", "HOURS", "role", "developer", "date", d),
                        422, "/problems/field-required", IV, List.of("hours")),
                arguments("HOURS without role", hours("HOURS", "1", null, d, null), 422, "/problems/field-required", IV,
                        List.of("role")),
                arguments("MONEY with hours", json("memberId", "a", "kind", "MONEY", "amount", "1.00", "hours", "1",
                        "date", d), 422, "/problems/field-not-allowed", IV, List.of("hours")),
                arguments("HOURS with amount", json("memberId", "a", "kind", "HOURS", "amount", "1.00", "hours", "1",
                        "role", "developer", "date", d), 422, "/problems/field-not-allowed", IV, List.of("amount")),
                arguments("future date", money("1.00", future().toString()), 422, "/problems/date-in-future", IV,
                        List.of("date")),
                arguments("date before 1900", money("1.00", "1899-12-31"), 422, INVALID, IV, List.of("date")),
                arguments("member not yet joined", json("memberId", "x", "kind", "MONEY", "amount", "1.00", "date", d),
                        422, "/problems/member-not-active", IV, List.of("date")),
                arguments("member before joinedOn", money("1.00", b.minusDays(1).toString()), 422,
                        "/problems/member-not-active", IV, List.of("date")),
                arguments("member after leftOn", json("memberId", "y", "kind", "MONEY", "amount", "1.00",
                        "date", b.plusDays(51)), 422, "/problems/member-not-active", IV, List.of("date")),
                arguments("unknown member", json("memberId", "zz", "kind", "MONEY", "amount", "1.00", "date", d), 422,
                        "/problems/unknown-member", IV, List.of("memberId")),
                arguments("unknown role", hours("HOURS", "1", "dancer", d, null), 422, "/problems/unknown-role", IV,
                        List.of("role")),
                arguments("role with other case", hours("HOURS", "1", "Developer", d, null), 422,
                        "/problems/unknown-role", IV, List.of("role")),
                arguments("CODE without reference", hours("CODE", "1", "developer", d, null), 422,
                        "/problems/reference-required", IV, List.of("reference")),
                arguments("CODE with blank reference", hours("CODE", "1", "developer", d, "   "), 422,
                        "/problems/reference-required", IV, List.of("reference")),
                arguments("reference too long", hours("CODE", "1", "developer", d, "r".repeat(201)), 422, INVALID, IV,
                        List.of("reference")),
                arguments("description too long", json("memberId", "a", "kind", "MONEY", "amount", "1.00", "date", d,
                        "description", "d".repeat(2001)), 422, INVALID, IV, List.of("description")),
                // 409: conflicts with what is booked.
                arguments("duplicate (member, reference)", hours("CODE", "2", "developer", d, "MR-DUP"), 409,
                        "/problems/duplicate-reference", LEDGER_CONFLICT, List.of("reference")),
                arguments("duplicate reference on another kind", json("memberId", "a", "kind", "MONEY",
                        "amount", "1.00", "date", d, "reference", "MR-DUP"), 409, "/problems/duplicate-reference",
                        LEDGER_CONFLICT, List.of("reference")));
    }

    private static String money(String amount, String date) {
        return json("memberId", "a", "kind", "MONEY", "amount", amount, "date", date);
    }

    private static String hours(String kind, String hours, String role, String date, String reference) {
        return json("memberId", "a", "kind", kind, "hours", hours, "role", role, "date", date, "reference", reference);
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("refusals")
    void refusesAndStoresNothing(String name, String body, int status, String type, String title, List<String> fields) {
        Snapshot before = snapshot();

        Response r = api.record(p, body);

        assertProblem(r, status, type, title, fields.toArray(String[]::new));
        assertThat(snapshot()).as("nothing stored after: " + name).isEqualTo(before);
    }

    @Test
    void referencesAreUniquePerMemberExactlyAndABlankOneCountsAsNone() {
        Snapshot before = snapshot();
        LocalDate d = base().plusDays(30);
        // Another member may use the same reference; another case is another reference.
        JsonNode other = api.hours(p, "b", "CODE", "1", "developer", d, "MR-DUP");
        assertThat(other.path("reference").asText()).isEqualTo("MR-DUP");
        JsonNode lower = api.hours(p, "a", "CODE", "1", "developer", d, "mr-dup");
        assertThat(lower.path("reference").asText()).isEqualTo("mr-dup");
        // A blank reference is none: twice for one member is no duplicate.
        JsonNode blank1 = api.money(p, "a", "1.00", d, "   ");
        JsonNode blank2 = api.money(p, "a", "2.00", d, "");
        assertThat(blank1.path("reference").isNull()).as("blank reference reads as none: %s", blank1).isTrue();
        assertThat(blank2.path("reference").isNull()).as("blank reference reads as none: %s", blank2).isTrue();
        for (JsonNode c : List.of(other, lower, blank1, blank2)) {
            api.reverse(p, c.path("contributionId").asText(), "only to show how references compare");
        }
        assertThat(snapshot().contributions()).hasSize(before.contributions().size() + 4);
    }

    @Test
    void unknownContributionIs404() {
        Snapshot before = snapshot();
        String other = api.createProject("other");
        String base = "/api/projects/" + p + "/contributions/";
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid", "12345")) {
            // A well-formed id reaches the ledger, which does not know it; garbage never gets that far.
            String type = id.length() == 36 ? "/problems/contribution-not-found" : "/problems/not-found";
            assertProblem(http.get(base + id), 404, "/problems/not-found", "Not found");
            assertProblem(http.post(base + id + "/corrections", json("kind", "MONEY", "amount", "1.00",
                    "date", base().plusDays(20), "reason", "r")), 404, type, "Not found");
            assertProblem(http.post(base + id + "/reversal", json("reason", "r")), 404, type, "Not found");
        }
        // A contribution of another project is not found through this one.
        String elsewhere = "/api/projects/" + other + "/contributions/" + existing;
        assertProblem(http.get(elsewhere), 404, "/problems/not-found", "Not found");
        assertProblem(http.post(elsewhere + "/reversal", json("reason", "r")), 404, "/problems/contribution-not-found",
                "Not found");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void bodiesOverOneMebibyteAre413() {
        Snapshot before = snapshot();
        String big = json("memberId", "a", "kind", "MONEY", "amount", "1.00", "date", base().plusDays(20),
                "description", "x".repeat(1024 * 1024 + 10));
        String path = "/api/projects/" + p + "/contributions";

        Response declared = http.post(path, big);
        assertProblem(declared, 413, "/problems/payload-too-large", "Request too large");

        // Without Content-Length (chunked), the limit holds while reading.
        byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
        Response chunked = http.send("POST", path, BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)),
                "application/json");
        assertProblem(chunked, 413, "/problems/payload-too-large", "Request too large");

        assertThat(snapshot()).isEqualTo(before);
        // Just under the limit is fine as far as size goes (it is refused for its description's length).
        String under = json("memberId", "a", "kind", "MONEY", "amount", "1.00", "date", base().plusDays(20),
                "description", "x".repeat(1024 * 1024 - 200));
        assertProblem(http.post(path, under), 422, INVALID, IV, "description");
    }

    @Test
    void otherMediaTypesAndMethodsAreProblemsToo() {
        Snapshot before = snapshot();
        String path = "/api/projects/" + p + "/contributions";
        Response text = http.send("POST", path, BodyPublishers.ofString(money("1.00", base().plusDays(20).toString())),
                "text/plain");
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.contentType()).startsWith("application/problem+json");
        assertThat(text.json().path("status").asInt()).isEqualTo(415);
        Response delete = http.send("DELETE", path + "/" + existing, BodyPublishers.noBody(), null);
        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.contentType()).startsWith("application/problem+json");
        assertThat(snapshot()).isEqualTo(before);
    }

    private record Snapshot(List<JsonNode> contributions, JsonNode project, JsonNode balances) {
    }

    private Snapshot snapshot() {
        JsonNode balances = api.balances(p);
        assertBalanced(balances);
        return new Snapshot(api.contributions(p), api.project(p), balances);
    }
}
