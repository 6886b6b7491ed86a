package nl.commonsledger.api.write;

import db.migration.V7_1__Typed_resource_references;
import nl.commonsledger.core.period.Quarter;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Migration 7.1 turns the colon strings stored in {@code idempotency_record.resource} before the
 * typed references into their typed form, by the route each record answered.
 */
class TypedResourceMigrationTest {

    private static final UUID ID = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

    @Test
    void eachRouteOfTheOldFormatReadsAsItsKind() {
        String p = "/api/projects/zaaksysteem";
        assertThat(V7_1__Typed_resource_references.typed("/api/projects", "project:zaaksysteem"))
                .isEqualTo(new ResourceRef.Project("zaaksysteem"));
        assertThat(V7_1__Typed_resource_references.typed(p + "/allocation-key", "project:zaaksysteem"))
                .isEqualTo(new ResourceRef.Project("zaaksysteem"));
        assertThat(V7_1__Typed_resource_references.typed(p + "/rate-card", "project:zaaksysteem"))
                .isEqualTo(new ResourceRef.Project("zaaksysteem"));
        assertThat(V7_1__Typed_resource_references.typed(p + "/members", "member:zaaksysteem:gm0363"))
                .isEqualTo(new ResourceRef.Member("zaaksysteem", "gm0363"));
        assertThat(V7_1__Typed_resource_references.typed(p + "/members/gm0363/leave", "member:zaaksysteem:gm0363"))
                .isEqualTo(new ResourceRef.Member("zaaksysteem", "gm0363"));
        assertThat(V7_1__Typed_resource_references.typed(p + "/contributions", "zaaksysteem:" + ID))
                .isEqualTo(new ResourceRef.Contribution("zaaksysteem", ID));
        assertThat(V7_1__Typed_resource_references.typed(p + "/contributions/" + ID + "/corrections", "zaaksysteem:" + ID))
                .isEqualTo(new ResourceRef.Contribution("zaaksysteem", ID));
        assertThat(V7_1__Typed_resource_references.typed(p + "/contributions/" + ID + "/reversal", "zaaksysteem:" + ID))
                .isEqualTo(new ResourceRef.Contribution("zaaksysteem", ID));
        assertThat(V7_1__Typed_resource_references.typed(p + "/contributions/import", "zaaksysteem:" + ID + ":12"))
                .isEqualTo(new ResourceRef.Import("zaaksysteem", ID, 12));
        assertThat(V7_1__Typed_resource_references.typed(p + "/settlements", "zaaksysteem:" + ID))
                .isEqualTo(new ResourceRef.Settlement("zaaksysteem", ID));
        assertThat(V7_1__Typed_resource_references.typed(p + "/periods/2026-Q1/close", "zaaksysteem:2026-Q1"))
                .isEqualTo(new ResourceRef.ClosedPeriod("zaaksysteem", new Quarter(2026, 1)));
    }

    /** A project may be called "project" or "member": the route, not the string's first word, decides. */
    @Test
    void theRouteDecidesTheKindEvenWhenAProjectIsNamedLikeOne() {
        assertThat(V7_1__Typed_resource_references.typed("/api/projects/project/contributions", "project:" + ID))
                .isEqualTo(new ResourceRef.Contribution("project", ID));
        assertThat(V7_1__Typed_resource_references.typed("/api/projects/member/settlements", "member:" + ID))
                .isEqualTo(new ResourceRef.Settlement("member", ID));
    }

    @Test
    void aRecordThatFitsNoRouteStopsTheMigration() {
        assertThatThrownBy(() -> V7_1__Typed_resource_references.typed("/api/projects/p/contributions", "p:not-a-uuid"))
                .hasMessageContaining("fits no route");
        assertThatThrownBy(() -> V7_1__Typed_resource_references.typed("/api/elsewhere", "project:p"))
                .hasMessageContaining("/api/elsewhere");
    }

    /**
     * The whole chain on an empty database: the schema as it stood before 7.1 (through 6.1), rows written in the
     * old format, then Flyway with every migration the application has (found on the classpath as
     * the application finds them), after which each row holds its typed reference.
     */
    @Test
    void flywayConvertsOldRowsAndLeavesNewOnesAlone() throws Exception {
        String url = "jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").target("6.1")
                .load().migrate();
        Map<String, String[]> old = new LinkedHashMap<>();
        old.put("k-project", new String[] {"POST", "/api/projects", "project:p"});
        old.put("k-member", new String[] {"POST", "/api/projects/p/members", "member:p:gm0363"});
        old.put("k-contribution", new String[] {"POST", "/api/projects/p/contributions", "p:" + ID});
        old.put("k-import", new String[] {"POST", "/api/projects/p/contributions/import", "p:" + ID + ":2"});
        old.put("k-close", new String[] {"POST", "/api/projects/p/periods/2026-Q1/close", "p:2026-Q1"});
        String alreadyTyped = new ResourceRef.Settlement("p", ID).stored();
        old.put("k-typed", new String[] {"POST", "/api/projects/p/settlements", alreadyTyped});
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            for (Map.Entry<String, String[]> e : old.entrySet()) {
                insert(c, e.getKey(), e.getValue());
            }
        }

        var result = Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();

        assertThat(result.migrations.stream().map(m -> m.version)).contains("7.1");
        var applied = Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load()
                .info().all();
        assertThat(Arrays.stream(applied).filter(m -> m.getVersion().getVersion().equals("7.1"))
                .map(m -> m.getState())).containsExactly(MigrationState.SUCCESS);
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            assertThat(resource(c, "k-project")).isEqualTo(new ResourceRef.Project("p"));
            assertThat(resource(c, "k-member")).isEqualTo(new ResourceRef.Member("p", "gm0363"));
            assertThat(resource(c, "k-contribution")).isEqualTo(new ResourceRef.Contribution("p", ID));
            assertThat(resource(c, "k-import")).isEqualTo(new ResourceRef.Import("p", ID, 2));
            assertThat(resource(c, "k-close")).isEqualTo(new ResourceRef.ClosedPeriod("p", new Quarter(2026, 1)));
            assertThat(resource(c, "k-typed")).isEqualTo(new ResourceRef.Settlement("p", ID));
        }
    }

    private static void insert(Connection c, String key, String[] row) throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO idempotency_record (caller, idem_key, http_method, "
                + "request_path, request_hash, status, resource, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, "admin");
            s.setString(2, key);
            s.setString(3, row[0]);
            s.setString(4, row[1]);
            s.setString(5, "0".repeat(64));
            s.setInt(6, 201);
            s.setString(7, row[2]);
            s.setTimestamp(8, Timestamp.from(Instant.parse("2026-03-01T10:00:00Z")));
            s.executeUpdate();
        }
    }

    private static ResourceRef resource(Connection c, String key) throws Exception {
        try (PreparedStatement s = c.prepareStatement("SELECT resource FROM idempotency_record WHERE idem_key = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                return ResourceRef.parse(r.getString(1));
            }
        }
    }
}
