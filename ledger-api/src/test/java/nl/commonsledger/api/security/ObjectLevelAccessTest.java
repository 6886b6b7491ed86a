package nl.commonsledger.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.ApiTestBase;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import nl.commonsledger.api.security.SecurityFixture.Caller;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static nl.commonsledger.api.http.support.Ledger.assertProblem;
import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.http.support.Ledger.uid;
import static nl.commonsledger.api.security.SecurityFixture.DAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorization against the object, not only the route: a FINANCE user of gm0001 may book in P, but
 * only gm0001's contributions and the settlements gm0001 pays, whatever ids it knows; and every write
 * is attributed to the signed-in user, never to what the client says.
 */
class ObjectLevelAccessTest extends ApiTestBase {

    private SecurityFixture f;
    private Http finance;

    @BeforeEach
    void fixture() {
        f = SecurityFixture.on(port);
        finance = f.as(Caller.FIN_1);
    }

    private String path(String rest) {
        return "/api/projects/" + f.p + rest;
    }

    private static String money(String member, String amount) {
        return json("memberId", member, "kind", "MONEY", "amount", amount, "date", DAY, "reference", uid("ref"));
    }

    private List<JsonNode> events() {
        Response r = f.admin.get(path("/events?limit=1000"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> all = new ArrayList<>();
        r.json().path("items").forEach(all::add);
        String next = r.json().path("next").isNull() ? null : r.json().path("next").asText();
        while (next != null) {
            Response more = f.admin.get(path("/events?limit=1000&after=" + next));
            more.json().path("items").forEach(all::add);
            next = more.json().path("next").isNull() ? null : more.json().path("next").asText();
        }
        return all;
    }

    private JsonNode contribution(String id) {
        Response r = f.admin.get(path("/contributions/" + id));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @Test
    void financeBooksOnlyForItsOwnOrganisation() {
        int before = events().size();
        Response other = finance.post(path("/contributions"), money("gm0002", "50.00"));
        assertProblem(other, 403, "/problems/forbidden", "Forbidden");
        assertThat(other.json().path("detail").asText()).contains("gm0001");

        Response own = finance.post(path("/contributions"), money("gm0001", "50.00"));
        assertThat(own.status()).as(own.toString()).isEqualTo(201);
        assertThat(own.json().path("memberId").asText()).isEqualTo("gm0001");
        // The refusal stored nothing: exactly one new event, the own booking.
        assertThat(events()).hasSize(before + 1);
    }

    @Test
    void financeCannotCorrectOrReverseAnotherOrganisationsContributionByItsId() {
        String theirs = SecurityFixture.book(f.admin, f.p, "gm0002");
        JsonNode before = contribution(theirs);

        Response correction = finance.post(path("/contributions/" + theirs + "/corrections"),
                json("kind", "MONEY", "amount", "1.00", "date", DAY, "reason", "not mine to fix"));
        assertProblem(correction, 403, "/problems/forbidden", "Forbidden");
        Response reversal = finance.post(path("/contributions/" + theirs + "/reversal"), json("reason", "not mine"));
        assertProblem(reversal, 403, "/problems/forbidden", "Forbidden");
        // Idempotency keys do not open a way around it.
        Response keyed = finance.post(path("/contributions/" + theirs + "/reversal"), json("reason", "not mine"),
                "Idempotency-Key", uid("k"));
        assertThat(keyed.status()).isEqualTo(403);

        assertThat(contribution(theirs)).as("untouched").isEqualTo(before);
        assertThat(contribution(theirs).path("status").asText()).isEqualTo("EFFECTIVE");
    }

    @Test
    void aContributionIdOfAnotherProjectIsNotFoundThroughAVisibleProject() {
        // q2 is gm0002's contribution in Q; finance-1 may book in P but Q's ids are nothing there.
        Response correction = finance.post(path("/contributions/" + f.q2 + "/corrections"),
                json("kind", "MONEY", "amount", "1.00", "date", DAY, "reason", "wrong project"));
        assertThat(correction.status()).as(correction.toString()).isEqualTo(404);
        Response read = finance.get(path("/contributions/" + f.q2));
        assertThat(read.status()).as(read.toString()).isEqualTo(404);
        Response adminRead = f.admin.get(path("/contributions/" + f.q2));
        assertThat(adminRead.status()).as(adminRead.toString()).isEqualTo(404);
    }

    @Test
    void financeCorrectsAndReversesItsOwnContributions() {
        String mine = SecurityFixture.book(finance, f.p, "gm0001");
        Response corrected = finance.post(path("/contributions/" + mine + "/corrections"),
                json("kind", "MONEY", "amount", "75.00", "date", DAY, "reason", "invoice was 75"));
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
        assertThat(corrected.json().path("amount").asText()).isEqualTo("75.00");
        assertThat(corrected.json().path("updatedBy").asText()).isEqualTo("finance-1@gm0001");

        // One booked by someone else (admin) for gm0001 is still gm0001's: finance-1 may reverse it.
        String bookedByAdmin = SecurityFixture.book(f.admin, f.p, "gm0001");
        Response reversed = finance.post(path("/contributions/" + bookedByAdmin + "/reversal"), json("reason", "dup"));
        assertThat(reversed.status()).as(reversed.toString()).isEqualTo(200);
        assertThat(reversed.json().path("status").asText()).isEqualTo("REVERSED");
        assertThat(reversed.json().path("recordedBy").asText()).isEqualTo("admin");
        assertThat(reversed.json().path("updatedBy").asText()).isEqualTo("finance-1@gm0001");
    }

    @Test
    void financeRecordsOnlyTheSettlementsItsOrganisationPays() {
        Response pays = finance.post(path("/settlements"),
                json("from", "gm0001", "to", "gm0002", "amount", "20.00", "date", DAY, "reference", uid("s")));
        assertThat(pays.status()).as(pays.toString()).isEqualTo(201);
        assertThat(pays.json().path("recordedBy").asText()).isEqualTo("finance-1@gm0001");

        Response receives = finance.post(path("/settlements"),
                json("from", "gm0002", "to", "gm0001", "amount", "20.00", "date", DAY));
        assertProblem(receives, 403, "/problems/forbidden", "Forbidden");

        // The board of P settles between any members; recordedBy is the user alone (no organisation).
        Response board = f.as(Caller.BOARD_P).post(path("/settlements"),
                json("from", "gm0002", "to", "gm0001", "amount", "20.00", "date", DAY));
        assertThat(board.status()).as(board.toString()).isEqualTo(201);
        assertThat(board.json().path("recordedBy").asText()).isEqualTo("board-p");
    }

    @Test
    void boardDoesNotRecordContributions() {
        Http board = f.as(Caller.BOARD_P);
        for (String member : List.of("gm0001", "gm0002")) {
            assertProblem(board.post(path("/contributions"), money(member, "10.00")), 403, "/problems/forbidden",
                    "Forbidden");
        }
        assertProblem(board.post(path("/contributions/" + f.p1 + "/corrections"),
                        json("kind", "MONEY", "amount", "1.00", "date", DAY, "reason", "board")),
                403, "/problems/forbidden", "Forbidden");
        assertProblem(board.post(path("/contributions/" + f.p1 + "/reversal"), json("reason", "board")),
                403, "/problems/forbidden", "Forbidden");
    }

    @Test
    void anAuditorWritesNothing() {
        Http auditor = f.as(Caller.AUD_P);
        int before = events().size();
        Map<String, Response> writes = new java.util.LinkedHashMap<>();
        writes.put("POST /api/users", auditor.post("/api/users",
                json("username", uid("u"), "password", "long-enough-password", "roles", List.of("ADMIN"))));
        writes.put("POST /api/projects", auditor.post("/api/projects", json("projectId", uid("a"), "name", "x")));
        writes.put("POST members", auditor.post(path("/members"), json("memberId", uid("m"), "name", "m",
                "joinedOn", DAY)));
        writes.put("POST leave", auditor.post(path("/members/gm0002/leave"), json("leftOn", DAY)));
        writes.put("PUT allocation-key", auditor.put(path("/allocation-key"),
                json("method", "EQUAL", "effectiveFrom", DAY)));
        writes.put("PUT rate-card", auditor.put(path("/rate-card"),
                json("effectiveFrom", DAY, "hourlyRates", Map.of("developer", "1.00"))));
        writes.put("POST contributions", auditor.post(path("/contributions"), money("gm0001", "1.00")));
        writes.put("POST corrections", auditor.post(path("/contributions/" + f.p1 + "/corrections"),
                json("kind", "MONEY", "amount", "1.00", "date", DAY, "reason", "audit")));
        writes.put("POST reversal", auditor.post(path("/contributions/" + f.p1 + "/reversal"), json("reason", "a")));
        writes.put("POST close", auditor.post(path("/periods/" + f.earliestOpenPeriod(f.p) + "/close"), ""));
        writes.put("POST settlements", auditor.post(path("/settlements"),
                json("from", "gm0001", "to", "gm0002", "amount", "1.00", "date", DAY)));
        writes.put("POST rebuild", auditor.post("/api/admin/projections/rebuild", ""));
        writes.forEach((name, r) -> assertProblem(r, 403, "/problems/forbidden", "Forbidden"));
        assertThat(events()).as("nothing stored").hasSize(before);
    }

    @Test
    void recordedByIsTheSignedInUserNeverTheClientsValue() {
        Response booked = finance.post(path("/contributions"), json("memberId", "gm0001", "kind", "MONEY",
                "amount", "33.00", "date", DAY, "reference", uid("ref"),
                "recordedBy", "mallory@gm0002", "recordedAt", "2000-01-01T00:00:00Z"));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String id = booked.json().path("contributionId").asText();
        assertThat(booked.json().path("recordedBy").asText()).isEqualTo("finance-1@gm0001");
        assertThat(booked.json().path("recordedAt").asText()).doesNotStartWith("2000");

        Response corrected = finance.post(path("/contributions/" + id + "/corrections"), json("kind", "MONEY",
                "amount", "34.00", "date", DAY, "reason", "typo", "recordedBy", "mallory", "updatedBy", "mallory"));
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
        assertThat(corrected.json().path("recordedBy").asText()).isEqualTo("finance-1@gm0001");
        assertThat(corrected.json().path("updatedBy").asText()).isEqualTo("finance-1@gm0001");

        // In the contribution's history ...
        JsonNode read = f.as(Caller.AUD_P).get(path("/contributions/" + id)).json();
        assertThat(read.path("recordedBy").asText()).isEqualTo("finance-1@gm0001");
        assertThat(read.path("history")).hasSize(2);
        read.path("history").forEach(e -> assertThat(e.path("recordedBy").asText()).isEqualTo("finance-1@gm0001"));

        // ... and in /events, with nothing of the client's value anywhere.
        List<JsonNode> mine = events().stream()
                .filter(e -> e.path("payload").toString().contains(id)).toList();
        assertThat(mine).hasSize(2);
        mine.forEach(e -> assertThat(e.path("recordedBy").asText()).isEqualTo("finance-1@gm0001"));
        assertThat(f.admin.get(path("/events?limit=1000")).body()).doesNotContain("mallory");

        // A settlement and a governance write too: the user, with its organisation if it has one.
        Response settled = finance.post(path("/settlements"), json("from", "gm0001", "to", "gm0002",
                "amount", "1.00", "date", DAY, "recordedBy", "mallory"));
        assertThat(settled.json().path("recordedBy").asText()).isEqualTo("finance-1@gm0001");
        Response joined = f.as(Caller.BOARD_P).post(path("/members"), json("memberId", uid("m"), "name", "m",
                "joinedOn", DAY, "recordedBy", "mallory"));
        assertThat(joined.status()).as(joined.toString()).isEqualTo(201);
        JsonNode last = events().get(events().size() - 1);
        assertThat(last.path("type").asText()).contains("Join");
        assertThat(last.path("recordedBy").asText()).isEqualTo("board-p");
    }
}
