package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * On H2, the event store's global index is handed out from blocks of 1,000 instead of H2's default
 * 32. H2 records a sequence's new block in a transaction of its own, and with the store's
 * {@code WRITE_DELAY=0} every such commit writes every page changed so far, also those of the
 * transaction still running: a 10,000-event import wrote 312 of them. What a larger block costs is
 * a crash's: the unused rest of the block is skipped, and the projection's tracking token carries
 * each skipped index as a gap until its gap timeout (60 s), copying the gaps with every event it
 * handles; blocks of 10,000 would make that ten times as many. PostgreSQL keeps its default of one: a
 * block there would be per connection, and would hand out indexes far out of commit order.
 */
public class V9__Event_index_handed_out_in_blocks extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        if (!context.getConnection().getMetaData().getDatabaseProductName().equals("H2")) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("ALTER TABLE domain_event_entry ALTER COLUMN global_index SET CACHE 1000");
        }
    }
}
