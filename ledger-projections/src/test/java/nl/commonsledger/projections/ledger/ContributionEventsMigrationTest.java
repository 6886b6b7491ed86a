package nl.commonsledger.projections.ledger;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration 11 moves each contribution's events from {@code rm_contribution_event} rows into its own
 * row, in both generations, with nothing lost and in sequence order.
 */
class ContributionEventsMigrationTest {

    @Test
    void everyContributionKeepsItsEventsInOrder() throws Exception {
        String url = "jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").target("10").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            for (String prefix : List.of("rm_", "rm2_")) {
                contribution(c, prefix, "c-1", 3);
                contribution(c, prefix, "c-2", 4);
                // Stored out of order: the migration orders by sequence, not by insertion.
                events(c, prefix, "c-1", 3, 17, 9);
                events(c, prefix, "c-2", 4);
            }
        }

        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();

        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            for (String prefix : List.of("rm_", "rm2_")) {
                assertThat(sequences(c, prefix)).containsExactly(
                        Map.entry("c-1", List.of(3L, 9L, 17L)), Map.entry("c-2", List.of(4L)));
                try (ResultSet tables = c.getMetaData().getTables(null, null,
                        (prefix + "contribution_event").toUpperCase(), null)) {
                    assertThat(tables.next()).as("the old table is gone").isFalse();
                }
            }
        }
    }

    private static void contribution(Connection c, String prefix, String id, long position) throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + prefix + "contribution (contribution_id, "
                + "project_id, list_position, member_id, kind, amount_minor, business_date, status, value_minor, "
                + "allocation, recorded_at, recorded_by, updated_at, updated_by) "
                + "VALUES (?, 'p', ?, 'a', 'MONEY', 100, ?, 'EFFECTIVE', 100, 'a=100', ?, 'admin', ?, 'admin')")) {
            OffsetDateTime at = OffsetDateTime.parse("2026-01-05T10:00:00Z");
            s.setString(1, id);
            s.setLong(2, position);
            s.setObject(3, LocalDate.of(2026, 1, 5));
            s.setObject(4, at);
            s.setObject(5, at);
            s.executeUpdate();
        }
    }

    private static void events(Connection c, String prefix, String id, long... sequences) throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + prefix
                + "contribution_event (contribution_id, sequence_number) VALUES (?, ?)")) {
            for (long sequence : sequences) {
                s.setString(1, id);
                s.setLong(2, sequence);
                s.executeUpdate();
            }
        }
    }

    private static Map<String, List<Long>> sequences(Connection c, String prefix) throws Exception {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT contribution_id, event_sequences FROM "
                + prefix + "contribution ORDER BY contribution_id")) {
            while (rs.next()) {
                out.put(rs.getString(1), EventSequencesColumn.read(rs.getString(2)));
            }
        }
        return out;
    }
}
