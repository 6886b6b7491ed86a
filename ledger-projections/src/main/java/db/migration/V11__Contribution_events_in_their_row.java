package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A contribution's events (the sequence numbers of its recording, corrections and reversal) move from
 * a table of their own, a row per event, into a column of the contribution's row, in both
 * generations. A new contribution was two rows to write, and the rebuild wrote as many event rows as
 * contributions; now it is one.
 */
public class V11__Contribution_events_in_their_row extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        for (String prefix : new String[]{"rm_", "rm2_"}) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE " + prefix + "contribution ADD COLUMN event_sequences VARCHAR(100000)");
            }
            ChildRowsToColumn.copy(connection, "SELECT contribution_id, sequence_number FROM " + prefix
                            + "contribution_event ORDER BY contribution_id, sequence_number",
                    "UPDATE " + prefix + "contribution SET event_sequences = ? WHERE contribution_id = ?", ",",
                    row -> String.valueOf(row.getLong(2)));
            try (Statement statement = connection.createStatement()) {
                // A contribution always has its recording event; one without any would be a broken row.
                statement.execute("UPDATE " + prefix + "contribution SET event_sequences = CAST(list_position AS VARCHAR(20)) "
                        + "WHERE event_sequences IS NULL");
                statement.execute("ALTER TABLE " + prefix + "contribution ALTER COLUMN event_sequences SET NOT NULL");
                statement.execute("DROP TABLE " + prefix + "contribution_event");
            }
        }
    }
}
