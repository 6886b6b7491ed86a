package nl.commonsledger.core.money;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The minor unit of a currency decides how many decimals an amount may have (rule 1). */
class CurrencyScaleTest {

    @Test
    void minorUnitsComeFromIso4217() {
        assertThat(CurrencyScale.of("EUR")).hasValue(2);
        assertThat(CurrencyScale.of("JPY")).hasValue(0);
        assertThat(CurrencyScale.of("BHD")).hasValue(3);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"XAU", "XXX", "eur", "EURO", "XYZ", "E1R"})
    void codesWithoutMinorUnitAreUnknown(String code) {
        // XAU (gold) and XXX (no currency) are ISO 4217 codes without a minor unit.
        assertThat(CurrencyScale.of(code)).isEmpty();
    }

    @Test
    void minorUnitsConvertExactly() {
        assertThat(MinorUnits.toMinor(new BigDecimal("1250.00"), 2)).isEqualTo(125_000L);
        assertThat(MinorUnits.toMinor(new BigDecimal("37.5"), 2)).isEqualTo(3_750L);
        assertThat(MinorUnits.toMinor(new BigDecimal("999999999999.99"), 2)).isEqualTo(99_999_999_999_999L);
        assertThat(MinorUnits.fromMinor(3_750L, 2)).isEqualTo(new BigDecimal("37.50"));
        assertThat(MinorUnits.format(-5L, 2)).isEqualTo("-0.05");
        assertThat(MinorUnits.format(125_000L, 2)).isEqualTo("1250.00");
        assertThat(MinorUnits.format(1_500L, 0)).isEqualTo("1500");
    }

    @Test
    void moreDecimalsThanTheScaleCannotBecomeMinorUnits() {
        assertThatThrownBy(() -> MinorUnits.toMinor(new BigDecimal("1.005"), 2)).isInstanceOf(ArithmeticException.class);
    }
}
