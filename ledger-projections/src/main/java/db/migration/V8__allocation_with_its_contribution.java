package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A contribution's allocation moves from a row per member ({@code rm_allocation}) into a column of
 * the contribution's own row ({@code allocation}, as {@code AllocationColumn} writes it), in both
 * generations: one row to write per contribution instead of one per member, for the live projection
 * and for a rebuild. Written in Java because H2 and PostgreSQL aggregate strings differently; the
 * stored allocations are carried over, so no rebuild is needed after the upgrade.
 */
public class V8__allocation_with_its_contribution extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        for (String prefix : new String[]{"rm_", "rm2_"}) {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + prefix + "contribution ADD COLUMN allocation VARCHAR(1000000) DEFAULT '' NOT NULL");
            }
            try (Statement read = c.createStatement();
                 ResultSet rs = read.executeQuery("SELECT contribution_id, member_id, share_minor FROM " + prefix
                         + "allocation ORDER BY contribution_id, member_id");
                 PreparedStatement write = c.prepareStatement("UPDATE " + prefix
                         + "contribution SET allocation = ? WHERE contribution_id = ?")) {
                String current = null;
                StringBuilder shares = new StringBuilder();
                while (rs.next()) {
                    String id = rs.getString(1);
                    if (!id.equals(current)) {
                        add(write, current, shares);
                        current = id;
                        shares.setLength(0);
                    }
                    shares.append(shares.isEmpty() ? "" : ";").append(rs.getString(2)).append('=').append(rs.getLong(3));
                }
                add(write, current, shares);
                write.executeBatch();
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE " + prefix + "allocation");
            }
        }
    }

    private static void add(PreparedStatement write, String contributionId, StringBuilder shares) throws Exception {
        if (contributionId != null) {
            write.setString(1, shares.toString());
            write.setString(2, contributionId);
            write.addBatch();
        }
    }
}
