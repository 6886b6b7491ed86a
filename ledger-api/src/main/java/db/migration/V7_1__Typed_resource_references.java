package db.migration;

import nl.commonsledger.api.write.ResourceRef;
import nl.commonsledger.core.period.Quarter;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Rewrites the {@code resource} of every stored idempotency record from the colon strings it was
 * written in before (two formats: {@code project:<p>} and {@code member:<p>:<m>}, and
 * {@code <p>:<id>} or {@code <p>:<import>:<rows>} for the rest) to the typed form of
 * {@link ResourceRef#stored()}, so that a retry of a write stored before the change still replays.
 * Which kind a record names follows from the route it answered; the ids come from the old string
 * (project ids are slugs, which never contain a colon). Java, not SQL, because the same conversion
 * must run on H2 and on PostgreSQL, whose string functions differ. A record that fits no route
 * stops the migration, naming it: a replay must never render the wrong resource.
 */
public class V7_1__Typed_resource_references extends BaseJavaMigration {

    private static final String P = "^/api/projects/[^/]+";
    private static final Pattern PROJECT = Pattern.compile("^/api/projects$|" + P + "/(allocation-key|rate-card)$");
    private static final Pattern MEMBER = Pattern.compile(P + "/members(/[^/]+/leave)?$");
    private static final Pattern IMPORT = Pattern.compile(P + "/contributions/import$");
    private static final Pattern CONTRIBUTION = Pattern.compile(P + "/contributions(/[^/]+/(corrections|reversal))?$");
    private static final Pattern SETTLEMENT = Pattern.compile(P + "/settlements$");
    private static final Pattern CLOSE = Pattern.compile(P + "/periods/[^/]+/close$");

    @Override
    public void migrate(Context context) throws SQLException {
        convert(context.getConnection());
    }

    /** Converts every record still in the old form; records already typed are left as they are. */
    public static void convert(Connection connection) throws SQLException {
        List<String[]> converted = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT caller, idem_key, request_path, resource FROM idempotency_record");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String resource = rows.getString("resource");
                if (resource.startsWith("{")) {
                    continue;
                }
                ResourceRef typed = typed(rows.getString("request_path"), resource);
                converted.add(new String[] {typed.stored(), rows.getString("caller"), rows.getString("idem_key")});
            }
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE idempotency_record SET resource = ? WHERE caller = ? AND idem_key = ?")) {
            for (String[] row : converted) {
                for (int i = 0; i < row.length; i++) {
                    update.setString(i + 1, row[i]);
                }
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** The typed reference of an old record, from the route it answered and its colon string. */
    public static ResourceRef typed(String path, String resource) {
        String[] parts = resource.split(":", -1);
        try {
            if (PROJECT.matcher(path).find() && parts.length == 2 && parts[0].equals("project")) {
                return new ResourceRef.Project(parts[1]);
            }
            if (MEMBER.matcher(path).find() && parts.length == 3 && parts[0].equals("member")) {
                return new ResourceRef.Member(parts[1], parts[2]);
            }
            if (IMPORT.matcher(path).find() && parts.length == 3) {
                return new ResourceRef.Import(parts[0], UUID.fromString(parts[1]), Integer.parseInt(parts[2]));
            }
            if (CONTRIBUTION.matcher(path).find() && parts.length == 2) {
                return new ResourceRef.Contribution(parts[0], UUID.fromString(parts[1]));
            }
            if (SETTLEMENT.matcher(path).find() && parts.length == 2) {
                return new ResourceRef.Settlement(parts[0], UUID.fromString(parts[1]));
            }
            if (CLOSE.matcher(path).find() && parts.length == 2) {
                return new ResourceRef.ClosedPeriod(parts[0], Quarter.parse(parts[1]));
            }
        } catch (IllegalArgumentException e) {
            // Falls through: a malformed id is a record this migration cannot read.
        }
        throw new IllegalStateException("An idempotency record of " + path + " whose resource '" + resource
                + "' fits no route; convert it by hand before starting.");
    }
}
