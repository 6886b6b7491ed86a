package nl.commonsledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.ApiTestBase;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static nl.commonsledger.api.audit.AuditSupport.ISO_INSTANT;
import static nl.commonsledger.api.audit.AuditSupport.PASSWORD;
import static nl.commonsledger.api.audit.AuditSupport.createUser;
import static nl.commonsledger.api.audit.AuditSupport.events;
import static nl.commonsledger.api.http.support.Ledger.assertProblem;
import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.fieldNames;
import static nl.commonsledger.api.http.support.Ledger.json;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/projects/{p}/events}: the history as it was stored, oldest first, paged. */
class EventsApiTest extends ApiTestBase {

    @Test
    void theHistoryOldestFirstWithWhoAndWhenOutsideThePayload() {
        Instant start = Instant.now().minusSeconds(2);
        String p = api.projectWith("events", List.of("a", "b"), "developer", "95.00");
        LocalDate b = base();
        String m1 = api.money(p, "a", "100.00", b.plusDays(3), "INV-1").path("contributionId").asText();
        String h2 = api.hours(p, "b", "HOURS", "2.5", "developer", b.plusDays(4), null).path("contributionId").asText();
        api.correct(p, m1, json("kind", "MONEY", "amount", "120", "date", b.plusDays(5), "reference", "INV-1",
                "description", "fixed", "reason", "typo in the amount"));
        api.reverse(p, h2, "wrong project");
        Instant end = Instant.now().plusSeconds(2);

        Response r = http.get("/api/projects/" + p + "/events");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(fieldNames(r.json())).containsExactlyInAnyOrder("items", "next");
        assertThat(r.json().path("next").isNull()).as("nothing follows: %s", r).isTrue();
        List<JsonNode> events = new ArrayList<>();
        r.json().path("items").forEach(events::add);

        assertThat(events.stream().map(e -> e.path("type").asText()).toList()).containsExactly(
                "ProjectCreated", "MemberJoined", "MemberJoined", "RateCardVersionSet",
                "ContributionRecorded", "ContributionRecorded", "ContributionCorrected", "ContributionReversed");
        Instant previous = Instant.MIN;
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            assertThat(fieldNames(e)).as("fields of %s", e)
                    .containsExactlyInAnyOrder("sequence", "type", "recordedAt", "recordedBy", "payload", "digest");
            assertThat(e.path("sequence").isIntegralNumber()).as("sequence of %s", e).isTrue();
            assertThat(e.path("sequence").asLong()).as("sequence from 0 without gaps").isEqualTo(i);
            assertThat(e.path("recordedAt").asText()).as("recordedAt of %s", e).matches(ISO_INSTANT);
            Instant at = Instant.parse(e.path("recordedAt").asText());
            assertThat(at).as("recordedAt of %s", e).isBetween(start, end).isAfterOrEqualTo(previous);
            previous = at;
            assertThat(e.path("recordedBy").asText()).as("recordedBy of %s", e).isEqualTo("admin");
            assertThat(e.path("digest").asText()).as("digest of %s", e).matches("[0-9a-f]{64}");
            JsonNode payload = e.path("payload");
            assertThat(payload.isObject()).as("payload of %s", e).isTrue();
            assertThat(payload.has("recordedAt")).as("who and when are outside the payload: %s", e).isFalse();
            assertThat(payload.has("recordedBy")).as("who and when are outside the payload: %s", e).isFalse();
            assertThat(payload.path("projectId").asText()).as("payload of %s", e).isEqualTo(p);
            assertThat(payload.has("value")).as("events record inputs, not values: %s", e).isFalse();
            assertThat(payload.has("allocation")).as("events record inputs, not allocations: %s", e).isFalse();
        }
        assertThat(events.stream().map(e -> e.path("digest").asText()).distinct()).hasSize(events.size());

        // The payload is the event's own fields, as they were said (nulls included).
        JsonNode created = events.get(0).path("payload");
        assertThat(created.path("name").asText()).isEqualTo("Project " + p);
        assertThat(created.path("currency").asText()).isEqualTo("EUR");
        assertThat(created.path("timeZone").asText()).isEqualTo("Europe/Amsterdam");
        JsonNode joined = events.get(1).path("payload");
        assertThat(joined.path("memberId").asText()).isEqualTo("a");
        assertThat(joined.path("joinedOn").asText()).isEqualTo(b.toString());
        JsonNode recorded = events.get(4).path("payload");
        assertThat(fieldNames(recorded)).containsExactlyInAnyOrder("projectId", "contributionId", "memberId", "kind",
                "amount", "hours", "role", "date", "reference", "description");
        assertThat(recorded.path("contributionId").asText()).isEqualTo(m1);
        assertThat(recorded.path("memberId").asText()).isEqualTo("a");
        assertThat(recorded.path("kind").asText()).isEqualTo("MONEY");
        assertThat(recorded.path("amount").asText()).isEqualTo("100.00");
        assertThat(recorded.path("hours").isNull()).isTrue();
        assertThat(recorded.path("role").isNull()).isTrue();
        assertThat(recorded.path("date").asText()).isEqualTo(b.plusDays(3).toString());
        assertThat(recorded.path("reference").asText()).isEqualTo("INV-1");
        assertThat(recorded.path("description").asText()).isEqualTo("paid 100.00");
        JsonNode hours = events.get(5).path("payload");
        assertThat(hours.path("hours").asText()).isEqualTo("2.50");
        assertThat(hours.path("role").asText()).isEqualTo("developer");
        assertThat(hours.path("amount").isNull()).isTrue();
        JsonNode corrected = events.get(6).path("payload");
        assertThat(corrected.path("contributionId").asText()).isEqualTo(m1);
        assertThat(corrected.path("amount").asText()).as("normalised as booked").isEqualTo("120.00");
        assertThat(corrected.path("date").asText()).isEqualTo(b.plusDays(5).toString());
        assertThat(corrected.path("reason").asText()).isEqualTo("typo in the amount");
        JsonNode reversed = events.get(7).path("payload");
        assertThat(reversed.path("contributionId").asText()).isEqualTo(h2);
        assertThat(reversed.path("reason").asText()).isEqualTo("wrong project");

        // A contribution's history lists exactly its events as /events shows them.
        JsonNode history = api.contribution(p, m1).path("history");
        assertThat(history).containsExactly(events.get(4), events.get(6));
        assertThat(api.contribution(p, m1).path("recordedAt")).isEqualTo(events.get(4).path("recordedAt"));
    }

    @Test
    void recordedByIsTheUserAtItsOrganisation() {
        String p = api.projectWith("events-by", List.of("acme", "beta"));
        String finance = createUser(http, "fin", "FINANCE", "acme", null);
        Http asFinance = http.as(finance, PASSWORD);
        Response booked = asFinance.post("/api/projects/" + p + "/contributions", json("memberId", "acme",
                "kind", "MONEY", "amount", "40.00", "date", base().plusDays(1), "description", "by finance"));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        assertThat(booked.json().path("recordedBy").asText()).isEqualTo(finance + "@acme");
        api.money(p, "beta", "10.00", base().plusDays(2));

        List<JsonNode> events = events(http, p);
        JsonNode byFinance = events.get(events.size() - 2);
        assertThat(byFinance.path("type").asText()).isEqualTo("ContributionRecorded");
        assertThat(byFinance.path("payload").path("description").asText()).isEqualTo("by finance");
        assertThat(byFinance.path("recordedBy").asText()).isEqualTo(finance + "@acme");
        assertThat(byFinance.path("recordedAt")).isEqualTo(booked.json().path("recordedAt"));
        assertThat(events.get(events.size() - 1).path("recordedBy").asText()).isEqualTo("admin");

        // The FINANCE user reads the same history for a project its organisation is a member of.
        Response seen = asFinance.get("/api/projects/" + p + "/events?limit=1000");
        assertThat(seen.status()).as(seen.toString()).isEqualTo(200);
        assertThat(seen.json().path("items")).containsExactlyElementsOf(events);
    }

    @Test
    void pagesFollowNextUntilNull() {
        String p = api.projectWith("events-page", List.of("a", "b", "c"));
        for (int i = 0; i < 7; i++) {
            api.money(p, List.of("a", "b", "c").get(i % 3), (i + 1) + ".00", base().plusDays(i));
        }
        List<JsonNode> all = events(http, p, 1000);
        assertThat(all).hasSize(11);

        // limit 3: 3 + 3 + 3 + 2, each page continuing where the last stopped.
        List<JsonNode> paged = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String after = null;
        do {
            Response r = http.get("/api/projects/" + p + "/events?limit=3" + (after == null ? "" : "&after=" + after));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode page = r.json();
            sizes.add(page.path("items").size());
            page.path("items").forEach(paged::add);
            if (page.path("next").isNull()) {
                after = null;
            } else {
                assertThat(page.path("next").isTextual()).as("cursor of %s", r).isTrue();
                after = page.path("next").asText();
            }
        } while (after != null && sizes.size() < 20);
        assertThat(sizes).containsExactly(3, 3, 3, 2);
        assertThat(paged).isEqualTo(all);

        // next is null exactly when nothing follows: also when the last page is full.
        JsonNode whole = http.get("/api/projects/" + p + "/events?limit=11").json();
        assertThat(whole.path("items")).hasSize(11);
        assertThat(whole.path("next").isNull()).as("%s", whole.path("next")).isTrue();
        JsonNode almost = http.get("/api/projects/" + p + "/events?limit=10").json();
        assertThat(almost.path("items")).hasSize(10);
        assertThat(almost.path("next").isNull()).isFalse();
        JsonNode rest = http.get("/api/projects/" + p + "/events?limit=10&after=" + almost.path("next").asText()).json();
        assertThat(rest.path("items")).containsExactly(all.get(10));
        assertThat(rest.path("next").isNull()).isTrue();
        // The default page holds them all (default limit 100), above 1000 counts as 1000.
        assertThat(http.get("/api/projects/" + p + "/events").json().path("items")).hasSize(11);
        assertThat(http.get("/api/projects/" + p + "/events?limit=5000").json().path("items")).hasSize(11);

        String path = "/api/projects/" + p + "/events?limit=";
        for (String bad : List.of("0", "-1", "abc")) {
            assertProblem(http.get(path + bad), 400, "/problems/malformed-request", "Malformed request", "limit");
        }
        Response unknown = http.get("/api/projects/no-such-" + UUID.randomUUID().toString().substring(0, 8) + "/events");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
    }
}
