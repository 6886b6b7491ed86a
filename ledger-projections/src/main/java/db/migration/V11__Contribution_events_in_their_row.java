package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A contribution's events (the sequence numbers of its recording, corrections and reversal) move from
 * a table of their own, a row per event, into a column of the contribution's row, in both
 * generations. A new contribution was two rows to write, and the rebuild wrote as many event rows as
 * contributions; now it is one. The lists are built here in Java because H2 and PostgreSQL name their
 * string aggregate differently.
 */
public class V11__Contribution_events_in_their_row extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        for (String prefix : new String[]{"rm_", "rm2_"}) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE " + prefix + "contribution ADD COLUMN event_sequences VARCHAR(100000)");
            }
            copy(connection, prefix);
            try (Statement statement = connection.createStatement()) {
                // A contribution always has its recording event; one without any would be a broken row.
                statement.execute("UPDATE " + prefix + "contribution SET event_sequences = CAST(list_position AS VARCHAR(20)) "
                        + "WHERE event_sequences IS NULL");
                statement.execute("ALTER TABLE " + prefix + "contribution ALTER COLUMN event_sequences SET NOT NULL");
                statement.execute("DROP TABLE " + prefix + "contribution_event");
            }
        }
    }

    private static void copy(Connection connection, String prefix) throws SQLException {
        try (Statement read = connection.createStatement();
             PreparedStatement write = connection.prepareStatement(
                     "UPDATE " + prefix + "contribution SET event_sequences = ? WHERE contribution_id = ?");
             ResultSet rows = read.executeQuery("SELECT contribution_id, sequence_number FROM " + prefix
                     + "contribution_event ORDER BY contribution_id, sequence_number")) {
            String id = null;
            StringBuilder sequences = new StringBuilder();
            int batched = 0;
            while (rows.next()) {
                String next = rows.getString(1);
                if (!next.equals(id)) {
                    batched += add(write, id, sequences);
                    id = next;
                    sequences.setLength(0);
                }
                if (!sequences.isEmpty()) {
                    sequences.append(',');
                }
                sequences.append(rows.getLong(2));
                if (batched >= 1_000) {
                    write.executeBatch();
                    batched = 0;
                }
            }
            add(write, id, sequences);
            write.executeBatch();
        }
    }

    private static int add(PreparedStatement write, String id, CharSequence sequences) throws SQLException {
        if (id == null) {
            return 0;
        }
        write.setString(1, sequences.toString());
        write.setString(2, id);
        write.addBatch();
        return 1;
    }
}
