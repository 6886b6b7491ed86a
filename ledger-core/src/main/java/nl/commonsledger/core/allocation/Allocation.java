package nl.commonsledger.core.allocation;

import nl.commonsledger.core.money.LargestRemainder;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Rule 3 as a pure function of (value, date, membership, key versions): who bears what part of one
 * contribution. Projections call it for every contribution whenever something that the result
 * depends on changes (rule 4), so it must never look at anything but its arguments.
 */
public final class Allocation {

    private Allocation() {
    }

    /**
     * @return every member active on {@code date} with its share in minor units (zero shares
     *         included), sorted by member id; the shares sum to exactly {@code valueMinor}
     * @throws IllegalStateException if no member is active on the date, or a WEIGHTED key lacks a
     *         weight for an active member (the aggregate refuses both, so this is a broken history)
     */
    public static SortedMap<String, Long> divide(long valueMinor, LocalDate date,
                                                 Collection<Membership> members, AllocationKeyHistory keys) {
        return divider(date, members, keys).divide(valueMinor);
    }

    /**
     * The division of any value dated {@code date}: among the members active that day, by the key in
     * force that day. Every contribution of one day is divided alike, so a fold prepares this once a day.
     *
     * @throws IllegalStateException as {@link #divide}
     */
    public static LargestRemainder.Divider divider(LocalDate date, Collection<Membership> members,
                                                   AllocationKeyHistory keys) {
        AllocationKeyVersion key = keys.inForceOn(date);
        TreeMap<String, BigDecimal> weights = new TreeMap<>();
        for (Membership m : members) {
            if (!m.activeOn(date)) {
                continue;
            }
            BigDecimal weight = key.method() == KeyMethod.EQUAL ? BigDecimal.ONE : key.weights().get(m.memberId());
            if (weight == null) {
                throw new IllegalStateException("key in force on " + date + " has no weight for " + m.memberId());
            }
            weights.put(m.memberId(), weight);
        }
        if (weights.isEmpty()) {
            throw new IllegalStateException("no member is active on " + date);
        }
        return new LargestRemainder.Divider(weights);
    }
}
