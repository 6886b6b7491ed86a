package nl.commonsledger.projections.replay;

import nl.commonsledger.core.money.MinorUnits;
import nl.commonsledger.core.project.ContributionKind;
import nl.commonsledger.core.project.ProjectEvent.ContributionCorrected;
import nl.commonsledger.core.project.ProjectEvent.ContributionRecorded;
import nl.commonsledger.core.project.ProjectEvent.ContributionReversed;
import nl.commonsledger.core.project.ProjectEvent.PeriodClosed;
import nl.commonsledger.core.project.ProjectEvent.ProjectCreated;
import nl.commonsledger.core.project.ProjectEvent.SettlementRecorded;
import nl.commonsledger.core.project.ProjectEvent;
import nl.commonsledger.core.project.ProjectTerms;
import nl.commonsledger.projections.balance.Balances;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A project's ledger computed from its events alone, in memory: the definition the stored read
 * models must agree with. Events are folded into the project's terms and its contributions' latest
 * values; figures are computed only when asked, from the final terms, which is exactly rule 4
 * ("figures are a function of the whole history"). This fold holds every contribution, so the service
 * itself answers the audit and {@code ?asOf=} with {@link BalanceReplay}, which must agree with it (a
 * property test), and uses its rules for one contribution ({@link #recorded}, {@link #corrected},
 * {@link #reversed}, {@link #figures(Contribution, ProjectTerms)}) wherever a contribution is replayed.
 */
public final class LedgerReplay {

    /**
     * A contribution's latest values as the events state them. A reversed one carries the value it had
     * when it was reversed ({@code reversedValueMinor}), which later key or rate versions never change.
     */
    public record Contribution(String contributionId, String memberId, ContributionKind kind, BigDecimal amount,
                               BigDecimal hours, String role, LocalDate date, Long reversedValueMinor) {

        public boolean reversed() {
            return reversedValueMinor != null;
        }
    }

    /** The figures of one contribution under the final terms. */
    public record Figures(long valueMinor, SortedMap<String, Long> allocation) {
    }

    public record Settlement(String from, String to, BigDecimal amount, LocalDate date) {
    }

    private String projectId;
    private String currency;
    private final ProjectTerms terms = new ProjectTerms();
    private final LinkedHashMap<String, Contribution> contributions = new LinkedHashMap<>();
    private final List<Settlement> settlements = new ArrayList<>();

    /** Folds one event; events must come in the project's sequence order. */
    public void apply(ProjectEvent event) {
        if (terms.apply(event)) {
            if (event instanceof ProjectCreated e) {
                projectId = e.projectId();
                currency = e.currency();
            }
            return;
        }
        // Java 17 has no pattern switch; the final branch keeps a new event type from passing unnoticed.
        if (event instanceof ContributionRecorded e) {
            contributions.put(e.contributionId().toString(), recorded(e));
        } else if (event instanceof ContributionCorrected e) {
            Contribution old = contributions.get(e.contributionId().toString());
            contributions.put(old.contributionId(), corrected(old, e));
        } else if (event instanceof ContributionReversed e) {
            Contribution old = contributions.get(e.contributionId().toString());
            contributions.put(old.contributionId(), reversed(old, terms));
        } else if (event instanceof SettlementRecorded e) {
            settlements.add(new Settlement(e.from(), e.to(), e.amount(), e.date()));
        } else if (!(event instanceof PeriodClosed)) {
            // Closing a period freezes, but changes no figure; anything else is a type this fold forgot.
            throw new IllegalStateException("replay does not know " + event.getClass().getSimpleName());
        }
    }

    /** A contribution as its recording states it. */
    public static Contribution recorded(ContributionRecorded e) {
        return new Contribution(e.contributionId().toString(), e.memberId(), e.kind(), e.amount(), e.hours(), e.role(),
                e.date(), null);
    }

    /** A contribution as a correction leaves it: new terms, effective. */
    public static Contribution corrected(Contribution old, ContributionCorrected e) {
        return new Contribution(old.contributionId(), old.memberId(), e.kind(), e.amount(), e.hours(), e.role(),
                e.date(), null);
    }

    /**
     * A contribution as its reversal leaves it: its value frozen under the terms as they stand at the
     * reversal ({@code termsNow}), the contract's rule.
     */
    public static Contribution reversed(Contribution old, ProjectTerms termsNow) {
        return new Contribution(old.contributionId(), old.memberId(), old.kind(), old.amount(), old.hours(), old.role(),
                old.date(), valueMinor(old, termsNow));
    }

    /** A contribution's figures under the final terms; a reversed one keeps its value and allocates nothing. */
    public static Figures figures(Contribution c, ProjectTerms finalTerms) {
        if (c.reversed()) {
            return new Figures(c.reversedValueMinor(), new TreeMap<>());
        }
        long value = valueMinor(c, finalTerms);
        return new Figures(value, finalTerms.allocate(value, c.date()));
    }

    public boolean isEmpty() {
        return projectId == null;
    }

    /** The project's terms as the events so far have made them. */
    public ProjectTerms terms() {
        return terms;
    }

    public Map<String, Contribution> contributions() {
        return contributions;
    }

    /** Value and allocation of every contribution; reversed ones keep their value and allocate nothing. */
    public Map<String, Figures> figures() {
        Map<String, Figures> out = new LinkedHashMap<>();
        for (Contribution c : contributions.values()) {
            out.put(c.contributionId(), figures(c, terms));
        }
        return out;
    }

    private static long valueMinor(Contribution c, ProjectTerms terms) {
        Long amountMinor = c.amount() == null ? null : MinorUnits.toMinor(c.amount(), terms.scale());
        return terms.valueMinor(c.kind(), amountMinor, c.hours(), c.role(), c.date());
    }

    /** Balances as {@code /balances} defines them, optionally cut at a business date. */
    public Balances balances(LocalDate through) {
        BalanceTally tally = new BalanceTally(terms, through);
        contributions.values().forEach(tally::count);
        settlements.forEach(tally::count);
        return tally.balances(projectId, currency);
    }
}
