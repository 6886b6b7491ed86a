package nl.commonsledger.api.audit;

import nl.commonsledger.api.web.Amounts;
import nl.commonsledger.projections.generation.Generation;
import nl.commonsledger.projections.ledger.AllocationColumn;
import nl.commonsledger.projections.generation.ReadModelTables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The contract's hledger journal: one transaction per effective contribution (latest values, on its
 * date) and per settlement, in date then sequence order. A contribution of value V by member c posts
 * {@code members:c V} and {@code members:m -share} for every non-zero share; a settlement from A to B
 * posts {@code members:A amount} and {@code members:B -amount}. Every transaction balances to zero,
 * and each account's total is that member's balance. Amounts carry the currency's own decimals (none
 * for JPY, three for BHD), and the journal declares the accounts it posts to and its commodity.
 */
@Component
public class JournalExport {

    private record Entry(LocalDate date, long sequence, String header, List<String[]> postings) {
    }

    private final JdbcTemplate jdbc;
    private final ReadModelTables tables;

    public JournalExport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.tables = new ReadModelTables(jdbc);
    }

    public String journal(String projectId) {
        Generation g = tables.serving();
        Map<String, Object> project = jdbc.queryForMap(
                g.sql("SELECT currency, scale, name FROM rm_project WHERE project_id = ?"), projectId);
        String currency = (String) project.get("currency");
        int scale = ((Number) project.get("scale")).intValue();
        List<Entry> entries = new ArrayList<>();
        jdbc.query(g.sql("SELECT contribution_id, list_position, business_date, member_id, kind, value_minor, reference, "
                        + "allocation FROM rm_contribution WHERE project_id = ? AND status = 'EFFECTIVE'"),
                rs -> {
                    String id = rs.getString(1);
                    String reference = rs.getString(7);
                    List<String[]> postings = new ArrayList<>();
                    postings.add(new String[]{rs.getString(4), Amounts.money(rs.getLong(6), scale)});
                    Entry e = new Entry(rs.getObject(3, LocalDate.class), rs.getLong(2),
                            rs.getString(5) + " contribution " + id + " by " + rs.getString(4)
                                    + (reference == null ? "" : " (" + clean(reference) + ")"), postings);
                    AllocationColumn.read(rs.getString(8)).forEach((member, share) -> {
                        if (share != 0) {
                            postings.add(new String[]{member, Amounts.money(-share, scale)});
                        }
                    });
                    entries.add(e);
                }, projectId);
        jdbc.query(g.sql("SELECT settlement_id, list_position, business_date, from_member, to_member, amount_minor "
                        + "FROM rm_settlement WHERE project_id = ?"),
                rs -> {
                    List<String[]> postings = new ArrayList<>();
                    postings.add(new String[]{rs.getString(4), Amounts.money(rs.getLong(6), scale)});
                    postings.add(new String[]{rs.getString(5), Amounts.money(-rs.getLong(6), scale)});
                    entries.add(new Entry(rs.getObject(3, LocalDate.class), rs.getLong(2),
                            "settlement " + rs.getString(1) + " from " + rs.getString(4) + " to " + rs.getString(5),
                            postings));
                }, projectId);
        entries.sort(Comparator.comparing(Entry::date).thenComparingLong(Entry::sequence));

        StringBuilder out = new StringBuilder();
        out.append("; Commons Ledger journal of project ").append(projectId).append(" (").append(currency).append(")\n");
        out.append("; Balances: hledger -f <this file> balance members --flat\n\n");
        // Declared accounts and commodity, so that "hledger check --strict" accepts the journal (an empty
        // project's journal declares nothing, as it uses nothing). The
        // commodity's sample amount always has a decimal mark (hledger insists); "1." means no decimals.
        SortedSet<String> accounts = new TreeSet<>();
        entries.forEach(e -> e.postings().forEach(posting -> accounts.add(posting[0])));
        for (String member : accounts) {
            out.append("account members:").append(member).append('\n');
        }
        if (!entries.isEmpty()) {
            out.append("commodity 1.").append("0".repeat(scale)).append(' ').append(currency).append("\n\n");
        }
        for (Entry e : entries) {
            out.append(e.date()).append(' ').append(e.header()).append('\n');
            for (String[] p : e.postings()) {
                out.append("    members:").append(p[0]).append("    ").append(p[1]).append(' ').append(currency).append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** A journal description is one line: no line breaks, no comment marks. */
    private static String clean(String text) {
        return text.replaceAll("[\\r\\n;]", " ");
    }
}
