package nl.commonsledger.api.write;

import com.fasterxml.jackson.databind.JsonNode;
import db.migration.V7_1__Typed_resource_references;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Http.Response;
import nl.commonsledger.api.http.support.Ledger;
import nl.commonsledger.api.http.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.http.support.Ledger.quarter;
import static nl.commonsledger.api.http.support.Ledger.uid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A write stored before the typed resource references still replays after the upgrade: one write of
 * every kind is made with an Idempotency-Key, its record is put back into the old colon format with no
 * saved answer (so that the replay must render the resource from the record alone, the hardest case),
 * migration 7.1 converts it, and a retry on the restarted service answers the same resource again.
 */
class OldIdempotencyRecordsReplayTest {

    /** One write: how it was sent, and its first answer. */
    record Write(String key, String method, String path, String body, String contentType, Response first) {
    }

    @Test
    void writesStoredInTheOldFormatReplayAfterTheMigration() throws Exception {
        Path dir = TestData.newDir("old-records");
        LocalDate b = base();
        List<Write> writes = new ArrayList<>();
        String p = uid("old");
        try (ConfigurableApplicationContext first = TestData.start(dir)) {
            Http http = new Http(TestData.port(first));
            Ledger api = new Ledger(http);
            writes.add(write(http, "POST", "/api/projects", json("projectId", p, "name", "Old records"), 201));
            writes.add(write(http, "POST", "/api/projects/" + p + "/members",
                    json("memberId", "a", "name", "Member a", "joinedOn", b), 201));
            api.join(p, "b", b);
            writes.add(write(http, "PUT", "/api/projects/" + p + "/rate-card",
                    json("effectiveFrom", b, "hourlyRates", Map.of("developer", "95.00")), 200));
            writes.add(write(http, "POST", "/api/projects/" + p + "/periods/" + quarter(b) + "/close", "", 200));
            LocalDate open = b.plusMonths(3);
            writes.add(write(http, "POST", "/api/projects/" + p + "/contributions",
                    json("memberId", "a", "kind", "MONEY", "amount", "100.00", "date", open, "reference", "INV-1"), 201));
            String corrected = api.money(p, "b", "10.00", open).path("contributionId").asText();
            writes.add(write(http, "POST", "/api/projects/" + p + "/contributions/" + corrected + "/corrections",
                    json("kind", "MONEY", "amount", "12.00", "date", open, "reason", "typo"), 200));
            writes.add(write(http, "POST", "/api/projects/" + p + "/settlements",
                    json("from", "b", "to", "a", "amount", "5.00", "date", open), 201));
            writes.add(write(http, "POST", "/api/projects/" + p + "/contributions/import",
                    "[" + json("memberId", "a", "kind", "HOURS", "hours", "2", "role", "developer", "date", open) + ","
                            + json("memberId", "b", "kind", "MONEY", "amount", "7.00", "date", open) + "]", 201));
            writes.add(write(http, "POST", "/api/projects/" + p + "/members/b/leave", json("leftOn", open), 200));
        }

        Map<String, ResourceRef> typed = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(TestData.jdbcUrl(dir), "sa", "")) {
            assertThat(migrationApplied(c)).as("7.1 in the schema history").isTrue();
            for (Write w : writes) {
                ResourceRef ref = storedResource(c, w.key());
                typed.put(w.key(), ref);
                // Back to the old format, as a record written before the change would be.
                try (PreparedStatement s = c.prepareStatement("UPDATE idempotency_record SET resource = ?, "
                        + "response_body = NULL WHERE caller = 'admin' AND idem_key = ?")) {
                    s.setString(1, oldFormat(ref));
                    s.setString(2, w.key());
                    assertThat(s.executeUpdate()).isEqualTo(1);
                }
            }
            V7_1__Typed_resource_references.convert(c);
            for (Write w : writes) {
                assertThat(storedResource(c, w.key())).as("%s %s", w.method(), w.path())
                        .isEqualTo(asBefore(typed.get(w.key())));
                // An import of today has its ids in a block, which no record of before 7.1 names: its
                // record goes back to what it was, and the name-based ids of old imports are pinned by
                // ResourceRefTest.
                if (typed.get(w.key()) instanceof ResourceRef.Import current) {
                    try (PreparedStatement s = c.prepareStatement("UPDATE idempotency_record SET resource = ? "
                            + "WHERE caller = 'admin' AND idem_key = ?")) {
                        s.setString(1, current.stored());
                        s.setString(2, w.key());
                        assertThat(s.executeUpdate()).isEqualTo(1);
                    }
                }
            }
        }

        try (ConfigurableApplicationContext second = TestData.start(dir)) {
            Http http = new Http(TestData.port(second));
            for (Write w : writes) {
                Response replay = send(http, w);
                assertThat(replay.status()).as("replay of %s %s: %s", w.method(), w.path(), replay)
                        .isEqualTo(w.first().status());
                assertThat(replay.header("Idempotent-Replayed")).as(replay.toString()).isEqualTo("true");
                assertThat(replay.json().path("pending").asBoolean()).as(replay.toString()).isFalse();
                assertSameResource(typed.get(w.key()), w.first().json(), replay.json());
            }
        }
    }

    /**
     * The replay renders the resource as it reads now: the same resource as the first answer, and,
     * where nothing changed it since, the same answer. A project and a member that left later show
     * what changed since.
     */
    private static void assertSameResource(ResourceRef ref, JsonNode first, JsonNode replay) {
        if (ref instanceof ResourceRef.Project) {
            assertThat(replay.path("projectId")).isEqualTo(first.path("projectId"));
            assertThat(replay.path("members")).hasSize(2);
        } else if (ref instanceof ResourceRef.Member m) {
            assertThat(replay.path("memberId").asText()).isEqualTo(m.memberId());
            assertThat(replay.path("joinedOn")).isEqualTo(first.path("joinedOn"));
        } else {
            assertThat(replay).isEqualTo(first);
        }
    }

    private static Write write(Http http, String method, String path, String body, int status) {
        String contentType = "application/json";
        Write w = new Write(UUID.randomUUID().toString(), method, path, body, contentType, null);
        Response r = send(http, w);
        assertThat(r.status()).as("%s %s: %s", method, path, r).isEqualTo(status);
        return new Write(w.key(), method, path, body, contentType, r);
    }

    private static Response send(Http http, Write w) {
        return http.send(w.method(), w.path(), BodyPublishers.ofString(w.body()), w.contentType(),
                "Idempotency-Key", w.key());
    }

    /** What 7.1 makes of a record of before it: until then every import's ids were name-based. */
    private static ResourceRef asBefore(ResourceRef ref) {
        return ref instanceof ResourceRef.Import i ? new ResourceRef.Import(i.projectId(), i.importId(), i.rows()) : ref;
    }

    /** The colon strings written before 7.1. */
    private static String oldFormat(ResourceRef ref) {
        if (ref instanceof ResourceRef.Project r) {
            return "project:" + r.projectId();
        } else if (ref instanceof ResourceRef.Member r) {
            return "member:" + r.projectId() + ":" + r.memberId();
        } else if (ref instanceof ResourceRef.Contribution r) {
            return r.projectId() + ":" + r.contributionId();
        } else if (ref instanceof ResourceRef.Settlement r) {
            return r.projectId() + ":" + r.settlementId();
        } else if (ref instanceof ResourceRef.ClosedPeriod r) {
            return r.projectId() + ":" + r.period();
        } else if (ref instanceof ResourceRef.Import r) {
            return r.projectId() + ":" + r.importId() + ":" + r.rows();
        }
        throw new IllegalArgumentException(ref.toString());
    }

    private static ResourceRef storedResource(Connection c, String key) throws Exception {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT resource FROM idempotency_record WHERE caller = 'admin' AND idem_key = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).as("a record for key %s", key).isTrue();
                return ResourceRef.parse(r.getString(1));
            }
        }
    }

    private static boolean migrationApplied(Connection c) throws Exception {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '7.1' AND \"success\" = TRUE");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1) == 1;
        }
    }
}
