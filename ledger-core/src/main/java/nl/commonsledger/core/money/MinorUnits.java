package nl.commonsledger.core.money;

import java.math.BigDecimal;

/**
 * Conversion between decimal amounts and integer minor units (cents for EUR). Allocation and
 * balances are computed in minor units so that every sum is exact.
 */
public final class MinorUnits {

    private MinorUnits() {
    }

    /** The amount in minor units; the amount must not have more decimals than the scale. */
    public static long toMinor(BigDecimal amount, int scale) {
        return amount.movePointRight(scale).longValueExact();
    }

    /** The minor units as a decimal with exactly {@code scale} decimals. */
    public static BigDecimal fromMinor(long minor, int scale) {
        return BigDecimal.valueOf(minor, scale);
    }

    /** The decimal string clients see: exactly {@code scale} decimals, no exponent. */
    public static String format(long minor, int scale) {
        return fromMinor(minor, scale).toPlainString();
    }
}
