package nl.commonsledger.core.money;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule 2: hours × rate, rounded to the currency's minor unit with HALF_EVEN (banker's rounding), so
 * that rounding over many contributions does not drift one way. Compared with {@code equals}, so the
 * scale of the result is checked too.
 */
class ValuationTest {

    private static BigDecimal value(String hours, String rate, int scale) {
        return Valuation.valueOfHours(new BigDecimal(hours), new BigDecimal(rate), scale);
    }

    @Test
    void exactHalfRoundsDownToEvenCent() {
        // 1.25 h × 10.10 = 12.625: halfway, and 2 is even → 12.62 (HALF_UP would give 12.63).
        assertThat(value("1.25", "10.10", 2)).isEqualTo(new BigDecimal("12.62"));
    }

    @Test
    void exactHalfRoundsUpToEvenCent() {
        // 0.50 h × 25.27 = 12.635: halfway, 3 is odd → 12.64.
        assertThat(value("0.50", "25.27", 2)).isEqualTo(new BigDecimal("12.64"));
    }

    @ParameterizedTest(name = "{0} h × {1} = {2}")
    @CsvSource({
            "0.50, 25.29, 12.64",     // 12.645: halfway, 4 is even → down
            "1.33, 95.00, 126.35",    // 126.3500 exactly
            "0.33, 10.01, 3.30",      // 3.3033 → down
            "0.67, 10.01, 6.71",      // 6.7067 → up
            "8, 95.00, 760.00",       // whole hours still have two decimals
            "0.01, 0.01, 0.00",       // 0.0001 rounds to zero, which is accepted
            "10000.00, 999.99, 9999900.00"
    })
    void valueHasTheCurrencysDecimals(String hours, String rate, String expected) {
        assertThat(value(hours, rate, 2)).isEqualTo(new BigDecimal(expected));
    }

    @ParameterizedTest(name = "JPY: {0} h × {1} = {2}")
    @CsvSource({
            "1.50, 1001, 1502",   // 1501.5 → 1502 (even)
            "2.50, 1, 2",         // 2.5 → 2 (even)
            "0.50, 3, 2",         // 1.5 → 2 (even)
            "7.25, 9500, 68875"
    })
    void yenValuesHaveNoDecimals(String hours, String rate, String expected) {
        BigDecimal value = value(hours, rate, 0);

        assertThat(value).isEqualTo(new BigDecimal(expected));
        assertThat(value.scale()).isZero();
    }

    @Test
    void threeDecimalCurrencyRoundsToTheThousandth() {
        // Bahraini dinar: 1.25 h × 10.101 = 12.62625 → 12.626 (halfway, 2 is even).
        assertThat(value("1.25", "10.101", 3)).isEqualTo(new BigDecimal("12.626"));
    }
}
