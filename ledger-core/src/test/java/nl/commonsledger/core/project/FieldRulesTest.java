package nl.commonsledger.core.project;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static nl.commonsledger.core.project.ProjectHistory.dec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The field rules on their own, without an aggregate: what each refuses, and how it normalises. */
class FieldRulesTest {

    private static Rejection refusal(Runnable rule) {
        try {
            rule.run();
        } catch (RejectedException e) {
            return e.rejection();
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void anAmountIsPositiveWithinTheCurrencysDecimalsAndTheLimit() {
        assertThat(FieldRules.positiveAmount(dec("12.5"), "amount", 2)).isEqualTo(dec("12.50"));
        assertThat(FieldRules.positiveAmount(dec("12"), "amount", 0)).isEqualTo(dec("12"));
        assertThat(refusal(() -> FieldRules.positiveAmount(null, "amount", 2))).isEqualTo(Rejection.FIELD_REQUIRED);
        assertThat(refusal(() -> FieldRules.positiveAmount(dec("0.00"), "amount", 2)))
                .isEqualTo(Rejection.AMOUNT_NOT_POSITIVE);
        assertThat(refusal(() -> FieldRules.positiveAmount(dec("-1"), "amount", 2)))
                .isEqualTo(Rejection.AMOUNT_NOT_POSITIVE);
        assertThat(refusal(() -> FieldRules.positiveAmount(dec("1.005"), "amount", 2)))
                .isEqualTo(Rejection.TOO_MANY_DECIMALS);
        assertThat(refusal(() -> FieldRules.positiveAmount(dec("0.5"), "amount", 0)))
                .isEqualTo(Rejection.TOO_MANY_DECIMALS);
        assertThat(FieldRules.positiveAmount(FieldRules.MAX_AMOUNT, "amount", 2)).isEqualTo(FieldRules.MAX_AMOUNT);
        assertThat(refusal(() -> FieldRules.positiveAmount(FieldRules.MAX_AMOUNT.add(dec("0.01")), "amount", 2)))
                .isEqualTo(Rejection.AMOUNT_TOO_LARGE);
    }

    @Test
    void hoursArePositiveWithTwoDecimalsAtMostAndWithinTheLimit() {
        assertThat(FieldRules.positiveHours(dec("7.5"))).isEqualTo(dec("7.50"));
        assertThat(refusal(() -> FieldRules.positiveHours(null))).isEqualTo(Rejection.FIELD_REQUIRED);
        assertThat(refusal(() -> FieldRules.positiveHours(dec("0")))).isEqualTo(Rejection.HOURS_NOT_POSITIVE);
        assertThat(refusal(() -> FieldRules.positiveHours(dec("1.255")))).isEqualTo(Rejection.TOO_MANY_DECIMALS);
        assertThat(refusal(() -> FieldRules.positiveHours(dec("10000.01")))).isEqualTo(Rejection.HOURS_TOO_LARGE);
    }

    @Test
    void aWeightIsPositiveAndLosesItsTrailingZeros() {
        assertThat(FieldRules.positiveWeight(dec("670610.50"), "weight")).isEqualTo(dec("670610.5"));
        assertThat(FieldRules.positiveWeight(dec("1E+3"), "weight")).isEqualTo(dec("1000"));
        assertThat(FieldRules.positiveWeight(dec("100"), "weight").scale()).isZero();
        assertThat(refusal(() -> FieldRules.positiveWeight(null, "weight"))).isEqualTo(Rejection.WEIGHT_NOT_POSITIVE);
        assertThat(refusal(() -> FieldRules.positiveWeight(BigDecimal.ZERO, "weight")))
                .isEqualTo(Rejection.WEIGHT_NOT_POSITIVE);
    }

    @Test
    void requiredFieldsAndForbiddenOnesNameTheField() {
        assertThatThrownBy(() -> FieldRules.requireText(" ", "name"))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.rejection()).isEqualTo(Rejection.FIELD_REQUIRED);
                    assertThat(e.field()).isEqualTo("name");
                });
        assertThat(refusal(() -> FieldRules.requireDate(null, "date"))).isEqualTo(Rejection.FIELD_REQUIRED);
        assertThat(refusal(() -> FieldRules.requireReason(""))).isEqualTo(Rejection.REASON_REQUIRED);
        assertThat(refusal(() -> FieldRules.forbid("developer", "role", "no role"))).isEqualTo(Rejection.FIELD_NOT_ALLOWED);
        FieldRules.forbid(null, "role", "no role");
        FieldRules.requireText("Zaaksysteem", "name");
    }

    @Test
    void aBlankReferenceIsNoReference() {
        assertThat(FieldRules.reference(null)).isNull();
        assertThat(FieldRules.reference("  ")).isNull();
        assertThat(FieldRules.reference("INV-1")).isEqualTo("INV-1");
    }
}
