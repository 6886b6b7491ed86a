package nl.commonsledger.api.audit;

import nl.commonsledger.core.money.Money;
import nl.commonsledger.projections.contribution.ContributionQueries;
import nl.commonsledger.projections.contribution.ContributionView;
import nl.commonsledger.projections.project.ProjectCurrency;
import nl.commonsledger.projections.project.ProjectQueries;
import nl.commonsledger.projections.settlement.SettlementQueries;
import nl.commonsledger.projections.settlement.SettlementView;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

    private final ProjectQueries projects;
    private final ContributionQueries contributions;
    private final SettlementQueries settlements;

    public JournalExport(ProjectQueries projects, ContributionQueries contributions, SettlementQueries settlements) {
        this.projects = projects;
        this.contributions = contributions;
        this.settlements = settlements;
    }

    public String journal(String projectId) {
        ProjectCurrency project = projects.currency(projectId)
                .orElseThrow(() -> new IllegalArgumentException("no project " + projectId));
        String currency = project.currency();
        int scale = project.scale();
        List<Entry> entries = new ArrayList<>();
        for (ContributionView c : contributions.effective(projectId)) {
            List<String[]> postings = new ArrayList<>();
            postings.add(new String[]{c.memberId(), c.value().toString()});
            c.allocation().forEach((member, share) -> {
                if (share != 0) {
                    postings.add(new String[]{member, Money.ofMinor(-share, scale).toString()});
                }
            });
            entries.add(new Entry(c.date(), c.listPosition(), c.kind() + " contribution " + c.contributionId() + " by "
                    + c.memberId() + (c.reference() == null ? "" : " (" + clean(c.reference()) + ")"), postings));
        }
        for (SettlementView s : settlements.all(projectId)) {
            List<String[]> postings = new ArrayList<>();
            postings.add(new String[]{s.from(), s.amount().toString()});
            postings.add(new String[]{s.to(), s.amount().negate().toString()});
            entries.add(new Entry(s.date(), s.listPosition(),
                    "settlement " + s.settlementId() + " from " + s.from() + " to " + s.to(), postings));
        }
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
