package nl.commonsledger.core.money;

import java.math.BigDecimal;

/**
 * An amount of a project's currency, exact: whole minor units (cents for EUR) and the currency's
 * scale (2 for EUR, 0 for JPY, 3 for BHD). This is how amounts travel between the modules, so that a
 * figure never goes anywhere without the scale that says what its units are, and is written the one
 * way the contract writes it: {@link #toString()}, {@code "1250.00"}.
 *
 * <p>Arithmetic is in minor units and never rounds; the only rounding of money in the code base is
 * {@link Valuation#valueOfHours} (rule 2).
 */
public record Money(long minor, int scale) {

    public Money {
        if (scale < 0) {
            throw new IllegalArgumentException("a currency's scale is never negative: " + scale);
        }
    }

    public static Money ofMinor(long minor, int scale) {
        return new Money(minor, scale);
    }

    /** A decimal amount that has no more decimals than the scale (an amount a command has checked). */
    public static Money of(BigDecimal amount, int scale) {
        return new Money(MinorUnits.toMinor(amount, scale), scale);
    }

    public static Money zero(int scale) {
        return new Money(0, scale);
    }

    public BigDecimal toDecimal() {
        return MinorUnits.fromMinor(minor, scale);
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(minor, sameScale(other).minor), scale);
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(minor, sameScale(other).minor), scale);
    }

    public Money negate() {
        return new Money(Math.negateExact(minor), scale);
    }

    public boolean isZero() {
        return minor == 0;
    }

    private Money sameScale(Money other) {
        if (other.scale != scale) {
            throw new IllegalArgumentException("amounts of scale " + scale + " and " + other.scale + " do not add up");
        }
        return other;
    }

    /** The contract's form: exactly {@code scale} decimals, no exponent ({@code "1250.00"}, {@code "-3"}). */
    @Override
    public String toString() {
        return MinorUnits.format(minor, scale);
    }
}
