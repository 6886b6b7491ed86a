package nl.commonsledger.projections.ledger;

import nl.commonsledger.core.allocation.Allocation;
import nl.commonsledger.core.allocation.AllocationKeyHistory;
import nl.commonsledger.core.allocation.Membership;
import nl.commonsledger.core.money.MinorUnits;
import nl.commonsledger.core.money.Valuation;
import nl.commonsledger.core.project.ContributionKind;
import nl.commonsledger.core.rate.RateCardHistory;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.SortedMap;

/**
 * Everything that a contribution's value and allocation depend on besides the contribution itself:
 * the currency scale, who was a member when, the key versions and the rate versions. Rule 4 says
 * figures are a function of the whole history; this is that function's second argument.
 */
public record ProjectTerms(int scale, Collection<Membership> members, AllocationKeyHistory keys,
                           RateCardHistory rates) {

    /** Rule 2: MONEY counts at its amount; HOURS and CODE at hours × the role's rate on the date. */
    public long valueMinor(ContributionKind kind, Long amountMinor, BigDecimal hours, String role, LocalDate date) {
        if (kind == ContributionKind.MONEY) {
            return amountMinor;
        }
        BigDecimal rate = rates.rateOn(role, date)
                .orElseThrow(() -> new IllegalStateException("no rate for " + role + " on " + date));
        return MinorUnits.toMinor(Valuation.valueOfHours(hours, rate, scale), scale);
    }

    /** Rule 3: the shares of every member active on the date. */
    public SortedMap<String, Long> allocate(long valueMinor, LocalDate date) {
        return Allocation.divide(valueMinor, date, members, keys);
    }
}
