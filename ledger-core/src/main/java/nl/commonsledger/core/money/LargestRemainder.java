package nl.commonsledger.core.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
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
        // Ordered by id, so that an index's order is the id's (and the tie rule below is by code point).
        String[] ids = new TreeMap<>(weights).keySet().toArray(String[]::new);
        int n = ids.length;
        long[] floors = new long[n];
        Integer[] byRemainder = new Integer[n];
        long[] scaled = scaledToLongs(ids, weights, scale);
        if (scaled != null && fitsInALong(valueMinor, scaled)) {
            // The common case, in longs: V × w and ΣW fit, so the same fractions are exact without
            // BigInteger (a projection divides every contribution among every active member).
            long total = 0;
            for (long w : scaled) {
                total += w;
            }
            long[] remainders = new long[n];
            for (int i = 0; i < n; i++) {
                long product = valueMinor * scaled[i];
                floors[i] = product / total;
                remainders[i] = product % total;
                byRemainder[i] = i;
            }
            Arrays.sort(byRemainder, (a, b) -> remainders[a] != remainders[b]
                    ? Long.compare(remainders[b], remainders[a]) : Integer.compare(a, b));
        } else {
            BigInteger value = BigInteger.valueOf(valueMinor);
            BigInteger[] weightsScaled = new BigInteger[n];
            BigInteger total = BigInteger.ZERO;
            for (int i = 0; i < n; i++) {
                weightsScaled[i] = weights.get(ids[i]).movePointRight(scale).toBigIntegerExact();
                total = total.add(weightsScaled[i]);
            }
            BigInteger[] remainders = new BigInteger[n];
            for (int i = 0; i < n; i++) {
                BigInteger[] qr = value.multiply(weightsScaled[i]).divideAndRemainder(total);
                floors[i] = qr[0].longValueExact();
                remainders[i] = qr[1];
                byRemainder[i] = i;
            }
            Arrays.sort(byRemainder, (a, b) -> {
                int c = remainders[b].compareTo(remainders[a]);
                return c != 0 ? c : Integer.compare(a, b);
            });
        }
        long distributed = 0;
        for (long floor : floors) {
            distributed += floor;
        }
        // leftover < number of members: each floor loses less than one unit.
        long leftover = valueMinor - distributed;
        for (int i = 0; i < leftover; i++) {
            floors[byRemainder[i]]++;
        }
        TreeMap<String, Long> shares = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            shares.put(ids[i], floors[i]);
        }
        return shares;
    }

    /** The weights as whole numbers at {@code scale}, or null if one of them (or their sum) needs more than a long. */
    private static long[] scaledToLongs(String[] ids, Map<String, BigDecimal> weights, int scale) {
        long[] scaled = new long[ids.length];
        long total = 0;
        try {
            for (int i = 0; i < ids.length; i++) {
                scaled[i] = weights.get(ids[i]).movePointRight(scale).longValueExact();
                total = Math.addExact(total, scaled[i]);
            }
        } catch (ArithmeticException tooLarge) {
            return null;
        }
        return scaled;
    }

    /** Whether V × w fits in a long for every weight w (all weights positive, V not negative). */
    private static boolean fitsInALong(long valueMinor, long[] scaled) {
        for (long w : scaled) {
            if (Math.multiplyHigh(valueMinor, w) != 0 || valueMinor * w < 0) {
                return false;
            }
        }
        return true;
    }
}
