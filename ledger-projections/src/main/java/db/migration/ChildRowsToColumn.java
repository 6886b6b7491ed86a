package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Folds rows of a child table into one text column of their parent's row, for the migrations that
 * move a list from rows of its own into its owner's row (V8, V11). Done in Java because H2 and
 * PostgreSQL name their string aggregate differently.
 */
final class ChildRowsToColumn {

    /** The text one child row adds to the column. */
    interface Part {
        String of(ResultSet row) throws SQLException;
    }

    private static final int BATCH = 1_000;

    private ChildRowsToColumn() {
    }

    /**
     * @param select    the child rows, the parent's id first, ordered by it (and within it as the column lists them)
     * @param update    sets the column to the first parameter where the parent's id is the second
     * @param separator between two parts
     */
    static void copy(Connection connection, String select, String update, String separator, Part part)
            throws SQLException {
        try (Statement read = connection.createStatement();
             ResultSet rows = read.executeQuery(select);
             PreparedStatement write = connection.prepareStatement(update)) {
            String parent = null;
            StringBuilder column = new StringBuilder();
            int batched = 0;
            while (rows.next()) {
                String id = rows.getString(1);
                if (!id.equals(parent)) {
                    batched += add(write, parent, column);
                    if (batched >= BATCH) {
                        write.executeBatch();
                        batched = 0;
                    }
                    parent = id;
                    column.setLength(0);
                }
                column.append(column.isEmpty() ? "" : separator).append(part.of(rows));
            }
            add(write, parent, column);
            write.executeBatch();
        }
    }

    private static int add(PreparedStatement write, String parent, CharSequence column) throws SQLException {
        if (parent == null) {
            return 0;
        }
        write.setString(1, column.toString());
        write.setString(2, parent);
        write.addBatch();
        return 1;
    }
}
