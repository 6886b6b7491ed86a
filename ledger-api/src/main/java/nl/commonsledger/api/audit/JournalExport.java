package nl.commonsledger.api.audit;

import nl.commonsledger.core.money.Money;
import nl.commonsledger.projections.contribution.ContributionQueries;
import nl.commonsledger.projections.contribution.ContributionView;
import nl.commonsledger.projections.project.ProjectCurrency;
import nl.commonsledger.projections.project.ProjectQueries;
import nl.commonsledger.projections.settlement.SettlementQueries;
import nl.commonsledger.projections.settlement.SettlementView;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

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

    private final ProjectQueries projects;
    private final ContributionQueries contributions;
    private final SettlementQueries settlements;
    private final TransactionTemplate readOnly;

    public JournalExport(ProjectQueries projects, ContributionQueries contributions, SettlementQueries settlements,
                         PlatformTransactionManager transactions) {
        this.projects = projects;
        this.contributions = contributions;
        this.settlements = settlements;
        this.readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
    }

    /**
     * Writes the project's journal as its contributions are read, so that a history of any length is
     * exported in the memory of one transaction; the settlements are few and are merged in by date.
     */
    public void write(String projectId, Writer out) {
        ProjectCurrency project = projects.currency(projectId)
                .orElseThrow(() -> new IllegalArgumentException("no project " + projectId));
        Journal journal = new Journal(out, project.currency(), project.scale());
        journal.line("; Commons Ledger journal of project " + projectId + " (" + project.currency() + ")");
        journal.line("; Balances: hledger -f <this file> balance members --flat");
        journal.line("");
        List<SettlementView> byDate = new ArrayList<>(settlements.all(projectId));
        byDate.sort(Comparator.comparing(SettlementView::date).thenComparingLong(SettlementView::listPosition));
        Iterator<SettlementView> pending = byDate.iterator();
        readOnly.executeWithoutResult(status -> {
            try (Stream<ContributionView> stream = contributions.effectiveByDate(projectId)) {
                SettlementView next = pending.hasNext() ? pending.next() : null;
                for (Iterator<ContributionView> it = stream.iterator(); it.hasNext(); ) {
                    ContributionView c = it.next();
                    while (next != null && (next.date().isBefore(c.date())
                            || next.date().equals(c.date()) && next.listPosition() < c.listPosition())) {
                        journal.settlement(next);
                        next = pending.hasNext() ? pending.next() : null;
                    }
                    journal.contribution(c);
                }
                for (; next != null; next = pending.hasNext() ? pending.next() : null) {
                    journal.settlement(next);
                }
            }
        });
        journal.declarations();
    }

    /** The journal being written, and the accounts it has posted to. */
    private static final class Journal {
        private final Writer out;
        private final String currency;
        private final int scale;
        private final SortedSet<String> accounts = new TreeSet<>();

        Journal(Writer out, String currency, int scale) {
            this.out = out;
            this.currency = currency;
            this.scale = scale;
        }

        void contribution(ContributionView c) {
            line(c.date() + " " + c.kind() + " contribution " + c.contributionId() + " by " + c.memberId()
                    + (c.reference() == null ? "" : " (" + clean(c.reference()) + ")"));
            posting(c.memberId(), c.value());
            c.allocation().forEach((member, share) -> {
                if (share != 0) {
                    posting(member, Money.ofMinor(-share, scale));
                }
            });
            line("");
        }

        void settlement(SettlementView s) {
            line(s.date() + " settlement " + s.settlementId() + " from " + s.from() + " to " + s.to());
            posting(s.from(), s.amount());
            posting(s.to(), s.amount().negate());
            line("");
        }

        private void posting(String member, Money amount) {
            accounts.add(member);
            line("    members:" + member + "    " + amount + " " + currency);
        }

        /**
         * The accounts posted to and the commodity, so that "hledger check --strict" accepts the journal.
         * They come last because they are known only once every transaction is written, and hledger reads
         * declarations anywhere in the file. An empty project's journal declares nothing, as it uses
         * nothing. The commodity's sample amount always has a decimal mark (hledger insists); "1." means no
         * decimals.
         */
        void declarations() {
            if (accounts.isEmpty()) {
                return;
            }
            for (String member : accounts) {
                line("account members:" + member);
            }
            line("commodity 1." + "0".repeat(scale) + " " + currency);
        }

        void line(String text) {
            try {
                out.write(text);
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A journal description is one line: no line breaks, no comment marks. */
    private static String clean(String text) {
        return text.replaceAll("[\\r\\n;]", " ");
    }
}
