package nl.commonsledger.core.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Rule 3 of the product brief: a value in minor units is divided by weights with the largest
 * remainder method. Each member first gets its exact share V × w / Σw rounded down to whole minor
 * units; the units left over go one each to the members with the largest fractional remainders;
 * equal remainders go to the member whose id sorts first (ascending, by code point). The shares
 * always sum to exactly V.
 *
 * <p>The computation is done in integers: decimal weights are scaled to whole numbers first, so the
 * exact share is the fraction (V × W) / ΣW and its remainder (V × W) mod ΣW can be compared
 * between members without any rounding.
 */
public final class LargestRemainder {

    private LargestRemainder() {
    }

    /**
     * @param valueMinor the value to divide, in minor units (may be zero, not negative)
     * @param weights    positive weights by member id; at least one
     * @return the share of every member in {@code weights}, zero shares included, sorted by id
     */
    public static SortedMap<String, Long> divide(long valueMinor, Map<String, BigDecimal> weights) {
        if (valueMinor < 0) {
            throw new IllegalArgumentException("value to divide must not be negative: " + valueMinor);
        }
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("no one to divide " + valueMinor + " among");
        }
        int scale = 0;
        for (BigDecimal weight : weights.values()) {
            if (weight.signum() <= 0) {
                throw new IllegalArgumentException("weights must be positive: " + weights);
            }
            scale = Math.max(scale, weight.stripTrailingZeros().scale());
        }
        BigInteger value = BigInteger.valueOf(valueMinor);
        BigInteger total = BigInteger.ZERO;
        // Ordered by id, so that iteration (and the tie rule below) is by code point.
        TreeMap<String, BigInteger> scaled = new TreeMap<>(Comparator.naturalOrder());
        for (Map.Entry<String, BigDecimal> e : weights.entrySet()) {
            BigInteger w = e.getValue().movePointRight(scale).toBigIntegerExact();
            scaled.put(e.getKey(), w);
            total = total.add(w);
        }

        TreeMap<String, Long> shares = new TreeMap<>();
        List<Remainder> remainders = new ArrayList<>(scaled.size());
        long distributed = 0;
        for (Map.Entry<String, BigInteger> e : scaled.entrySet()) {
            BigInteger[] qr = value.multiply(e.getValue()).divideAndRemainder(total);
            long floor = qr[0].longValueExact();
            shares.put(e.getKey(), floor);
            distributed += floor;
            remainders.add(new Remainder(e.getKey(), qr[1]));
        }
        remainders.sort(Comparator.comparing(Remainder::remainder).reversed()
                .thenComparing(Remainder::memberId));
        long leftover = valueMinor - distributed;
        // leftover < number of members: each floor loses less than one unit.
        for (int i = 0; i < leftover; i++) {
            shares.merge(remainders.get(i).memberId(), 1L, Long::sum);
        }
        return shares;
    }

    private record Remainder(String memberId, BigInteger remainder) {
    }
}
