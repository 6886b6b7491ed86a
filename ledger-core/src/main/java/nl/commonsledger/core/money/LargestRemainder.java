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
        return new Divider(weights).divide(valueMinor);
    }

    /**
     * The division by one set of weights, prepared once for many values: a projection divides every
     * contribution dated under the same key among the same members, and scaling and ordering the
     * weights cost more than dividing.
     */
    public static final class Divider {

        /** The ids in code-point order, so that an index's order is the id's (and the tie rule is by code point). */
        private final String[] ids;
        /** The weights as whole numbers at their largest scale, when they and their sum fit in longs; else null. */
        private final long[] scaled;
        private final long scaledTotal;
        /** The same as BigIntegers, for weights or values too large for longs. */
        private final BigInteger[] exact;
        private final BigInteger exactTotal;

        /** @param weights positive weights by member id; at least one */
        public Divider(Map<String, BigDecimal> weights) {
            if (weights.isEmpty()) {
                throw new IllegalArgumentException("no one to divide among");
            }
            int scale = 0;
            for (BigDecimal weight : weights.values()) {
                if (weight.signum() <= 0) {
                    throw new IllegalArgumentException("weights must be positive: " + weights);
                }
                scale = Math.max(scale, weight.stripTrailingZeros().scale());
            }
            ids = new TreeMap<>(weights).keySet().toArray(String[]::new);
            exact = new BigInteger[ids.length];
            BigInteger total = BigInteger.ZERO;
            for (int i = 0; i < ids.length; i++) {
                exact[i] = weights.get(ids[i]).movePointRight(scale).toBigIntegerExact();
                total = total.add(exact[i]);
            }
            exactTotal = total;
            boolean fits = total.bitLength() < Long.SIZE;
            scaled = fits ? Arrays.stream(exact).mapToLong(BigInteger::longValue).toArray() : null;
            scaledTotal = fits ? total.longValue() : 0;
        }

        /** The share of every member, zero shares included, sorted by id; they sum to exactly {@code valueMinor}. */
        public SortedMap<String, Long> divide(long valueMinor) {
            long[] shares = shares(valueMinor);
            TreeMap<String, Long> out = new TreeMap<>();
            for (int i = 0; i < ids.length; i++) {
                out.put(ids[i], shares[i]);
            }
            return out;
        }

        /** The shares in the order of {@code ids}. */
        private long[] shares(long valueMinor) {
            if (valueMinor < 0) {
                throw new IllegalArgumentException("value to divide must not be negative: " + valueMinor);
            }
            int n = ids.length;
            long[] floors = new long[n];
            Integer[] byRemainder = new Integer[n];
            if (scaled != null && fitsInALong(valueMinor)) {
                // The common case, in longs: V × w and ΣW fit, so the same fractions are exact without
                // BigInteger.
                long[] remainders = new long[n];
                for (int i = 0; i < n; i++) {
                    long product = valueMinor * scaled[i];
                    floors[i] = product / scaledTotal;
                    remainders[i] = product % scaledTotal;
                    byRemainder[i] = i;
                }
                Arrays.sort(byRemainder, (a, b) -> remainders[a] != remainders[b]
                        ? Long.compare(remainders[b], remainders[a]) : Integer.compare(a, b));
            } else {
                BigInteger value = BigInteger.valueOf(valueMinor);
                BigInteger[] remainders = new BigInteger[n];
                for (int i = 0; i < n; i++) {
                    BigInteger[] qr = value.multiply(exact[i]).divideAndRemainder(exactTotal);
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
            return floors;
        }

        /** Whether V × w fits in a long for every weight w (all weights positive, V not negative). */
        private boolean fitsInALong(long valueMinor) {
            for (long w : scaled) {
                if (Math.multiplyHigh(valueMinor, w) != 0 || valueMinor * w < 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
