package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.Statement;

/**
 * A contribution's allocation moves from a row per member ({@code rm_allocation}) into a column of
 * the contribution's own row ({@code allocation}, as {@code AllocationColumn} writes it), in both
 * generations: one row to write per contribution instead of one per member, for the live projection
 * and for a rebuild. The stored allocations are carried over, so no rebuild is needed after the upgrade.
 */
public class V8__allocation_with_its_contribution extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        for (String prefix : new String[]{"rm_", "rm2_"}) {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + prefix + "contribution ADD COLUMN allocation VARCHAR(1000000) DEFAULT '' NOT NULL");
            }
            ChildRowsToColumn.copy(c, "SELECT contribution_id, member_id, share_minor FROM " + prefix
                            + "allocation ORDER BY contribution_id, member_id",
                    "UPDATE " + prefix + "contribution SET allocation = ? WHERE contribution_id = ?", ";",
                    row -> row.getString(2) + "=" + row.getLong(3));
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE " + prefix + "allocation");
            }
        }
    }
}
