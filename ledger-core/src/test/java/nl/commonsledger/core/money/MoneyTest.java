package nl.commonsledger.core.money;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    @Test
    void isWrittenWithExactlyTheCurrencysDecimals() {
        assertThat(Money.ofMinor(125000, 2)).hasToString("1250.00");
        assertThat(Money.ofMinor(-5, 2)).hasToString("-0.05");
        assertThat(Money.ofMinor(1250, 0)).hasToString("1250");
        assertThat(Money.ofMinor(1, 3)).hasToString("0.001");
        assertThat(Money.zero(2)).hasToString("0.00");
    }

    @Test
    void comesFromADecimalExactlyAndGoesBack() {
        assertThat(Money.of(new BigDecimal("12.5"), 2)).isEqualTo(Money.ofMinor(1250, 2));
        assertThat(Money.of(new BigDecimal("12.50"), 2).toDecimal()).isEqualTo(new BigDecimal("12.50"));
        assertThatThrownBy(() -> Money.of(new BigDecimal("0.005"), 2)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void addsOnlyAmountsOfOneScale() {
        assertThat(Money.ofMinor(150, 2).plus(Money.ofMinor(-50, 2))).isEqualTo(Money.ofMinor(100, 2));
        assertThat(Money.ofMinor(150, 2).minus(Money.ofMinor(150, 2)).isZero()).isTrue();
        assertThat(Money.ofMinor(150, 2).negate()).isEqualTo(Money.ofMinor(-150, 2));
        assertThatThrownBy(() -> Money.ofMinor(1, 2).plus(Money.ofMinor(1, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.ofMinor(Long.MAX_VALUE, 2).plus(Money.ofMinor(1, 2)))
                .isInstanceOf(ArithmeticException.class);
    }
}
