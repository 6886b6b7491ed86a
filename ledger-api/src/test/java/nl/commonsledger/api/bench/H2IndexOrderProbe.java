package nl.commonsledger.api.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Which of a project's reads H2 answers from an index and which it sorts or walks: the last sequence
 * number of a project and a page of its contributions, each in the form the service used and the one
 * it uses, on an in-memory H2 with the event table's own schema and a contribution table of the read
 * model's keys. Every timing follows an insert, so that H2 cannot answer from its last result.
 *
 * <pre>java -cp ledger-api/target/test-classes:$(cat ledger-api/cp.txt) nl.commonsledger.api.bench.H2IndexOrderProbe 100000</pre>
 */
public final class H2IndexOrderProbe {

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:probe", "sa", "");
             Statement s = c.createStatement()) {
            s.execute(Files.readString(Path.of("ledger-api/src/main/resources/db/migration/V1__event_store.sql"))
                    .replaceAll("--[^\n]*", ""));
            s.execute("CREATE TABLE rm_contribution (contribution_id VARCHAR(36) PRIMARY KEY, "
                    + "project_id VARCHAR(64) NOT NULL, list_position BIGINT NOT NULL, member_id VARCHAR(64))");
            s.execute("CREATE INDEX ix_contribution_project ON rm_contribution (project_id, list_position)");
            try (PreparedStatement event = c.prepareStatement("INSERT INTO domain_event_entry (event_identifier, "
                    + "aggregate_identifier, sequence_number, time_stamp, payload_type, payload) VALUES (?, 'p1', ?, 't', 'x', ?)");
                 PreparedStatement row = c.prepareStatement("INSERT INTO rm_contribution VALUES (?, 'p1', ?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    event.setString(1, "e" + i);
                    event.setLong(2, i);
                    event.setBytes(3, new byte[400]);
                    event.addBatch();
                    row.setString(1, String.format("%036d", i));
                    row.setLong(2, i);
                    row.setString(3, "m" + i % 12);
                    row.addBatch();
                    if (i % 5_000 == 4_999) {
                        event.executeBatch();
                        row.executeBatch();
                    }
                }
                event.executeBatch();
                row.executeBatch();
            }
            String events = "FROM domain_event_entry WHERE aggregate_identifier = 'p1'";
            time(c, s, "last sequence, MAX", "SELECT MAX(sequence_number) " + events);
            time(c, s, "last sequence, ORDER BY sequence DESC", "SELECT sequence_number " + events
                    + " ORDER BY sequence_number DESC LIMIT 1");
            time(c, s, "last sequence, ORDER BY project DESC, sequence DESC", "SELECT sequence_number " + events
                    + " ORDER BY aggregate_identifier DESC, sequence_number DESC LIMIT 1");
            String page = "SELECT contribution_id FROM rm_contribution WHERE project_id = 'p1' AND list_position > 0 ";
            time(c, s, "first page of 100, ORDER BY position", page + "ORDER BY list_position LIMIT 100");
            time(c, s, "first page of 100, ORDER BY project, position", page + "ORDER BY project_id, list_position LIMIT 100");
        }
    }

    private static int extra;

    /** The median of 11 runs, each after an insert into both tables (another project's row). */
    private static void time(Connection c, Statement s, String what, String sql) throws Exception {
        double[] ms = new double[11];
        try (PreparedStatement query = c.prepareStatement(sql)) {
            for (int i = 0; i < ms.length; i++) {
                extra++;
                s.execute("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, "
                        + "time_stamp, payload_type, payload) VALUES ('x" + extra + "', 'p2', " + extra + ", 't', 'x', X'00')");
                s.execute("INSERT INTO rm_contribution VALUES ('x" + extra + "', 'p2', " + extra + ", 'm')");
                long t = System.nanoTime();
                try (ResultSet r = query.executeQuery()) {
                    while (r.next()) {
                        r.getString(1);
                    }
                }
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
        }
        java.util.Arrays.sort(ms);
        System.out.printf("%-55s median %8.2f ms, slowest %8.2f ms%n", what, ms[5], ms[10]);
    }
}
