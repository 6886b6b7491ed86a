package nl.commonsledger.core.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Rule 2 of the product brief, in the one place it lives: the value of time contributed is
 * hours × the hourly rate of the role, rounded to the currency's minor unit with HALF_EVEN.
 * HALF_EVEN (banker's rounding) is chosen so that rounding errors over many contributions do not
 * drift in one direction.
 */
public final class Valuation {

    private Valuation() {
    }

    /**
     * @param hours       hours worked, at most two decimals
     * @param hourlyRate  the rate of the role on the contribution date, in the project currency
     * @param currencyScale the number of decimals of the currency's minor unit (2 for EUR)
     * @return the value, with exactly {@code currencyScale} decimals
     */
    public static BigDecimal valueOfHours(BigDecimal hours, BigDecimal hourlyRate, int currencyScale) {
        return hours.multiply(hourlyRate).setScale(currencyScale, RoundingMode.HALF_EVEN);
    }
}
