package nl.commonsledger.core.project;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The rules a single field obeys whatever the project's state: present, positive, within its
 * decimals and its limit (rule 7). Stateless; the aggregate and its policies call them before any
 * rule that needs the project, so a field that is wrong in itself is refused as such.
 */
public final class FieldRules {

    /** Hours carry at most two decimals. */
    public static final int HOURS_SCALE = 2;
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");
    public static final BigDecimal MAX_HOURS = new BigDecimal("10000.00");

    private FieldRules() {
    }

    /** A positive amount in a currency of {@code scale} decimals, normalised to that scale. */
    public static BigDecimal positiveAmount(BigDecimal amount, String field, int scale) {
        if (amount == null) {
            throw new RejectedException(Rejection.FIELD_REQUIRED, field, field + " is required.");
        }
        if (amount.signum() <= 0) {
            throw new RejectedException(Rejection.AMOUNT_NOT_POSITIVE, field, field + " must be more than zero.");
        }
        return money(amount, field, scale);
    }

    /** An amount in the project currency: no more decimals than the currency has, within the limit. */
    public static BigDecimal money(BigDecimal amount, String field, int scale) {
        if (amount.scale() > scale) {
            throw new RejectedException(Rejection.TOO_MANY_DECIMALS, field,
                    field + " " + amount.toPlainString() + " has more than " + scale + " decimals.");
        }
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            throw new RejectedException(Rejection.AMOUNT_TOO_LARGE, field,
                    field + " is larger than the limit of " + MAX_AMOUNT.toPlainString() + ".");
        }
        return amount.setScale(scale);
    }

    /** Positive hours with at most {@link #HOURS_SCALE} decimals, normalised to that scale. */
    public static BigDecimal positiveHours(BigDecimal hours) {
        if (hours == null) {
            throw new RejectedException(Rejection.FIELD_REQUIRED, "hours", "hours is required.");
        }
        if (hours.signum() <= 0) {
            throw new RejectedException(Rejection.HOURS_NOT_POSITIVE, "hours", "hours must be more than zero.");
        }
        if (hours.scale() > HOURS_SCALE) {
            throw new RejectedException(Rejection.TOO_MANY_DECIMALS, "hours",
                    "hours " + hours.toPlainString() + " has more than " + HOURS_SCALE + " decimals.");
        }
        if (hours.compareTo(MAX_HOURS) > 0) {
            throw new RejectedException(Rejection.HOURS_TOO_LARGE, "hours",
                    "hours is more than the limit of " + MAX_HOURS.toPlainString() + " per contribution.");
        }
        return hours.setScale(HOURS_SCALE);
    }

    /** A positive weight without trailing zeros (670610.50 and 670610.5 are one weight). */
    public static BigDecimal positiveWeight(BigDecimal weight, String field) {
        if (weight == null || weight.signum() <= 0) {
            throw new RejectedException(Rejection.WEIGHT_NOT_POSITIVE, field, field + " must be a positive number.");
        }
        return weight.stripTrailingZeros().scale() < 0 ? weight.setScale(0) : weight.stripTrailingZeros();
    }

    public static void forbid(Object value, String field, String message) {
        if (value != null) {
            throw new RejectedException(Rejection.FIELD_NOT_ALLOWED, field, message);
        }
    }

    public static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new RejectedException(Rejection.FIELD_REQUIRED, field, field + " is required.");
        }
    }

    public static void requireDate(LocalDate value, String field) {
        if (value == null) {
            throw new RejectedException(Rejection.FIELD_REQUIRED, field, field + " is required.");
        }
    }

    public static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new RejectedException(Rejection.REASON_REQUIRED, "reason",
                    "A reason is required, so that the history explains the change.");
        }
    }

    /** A reference as stored: a blank one is no reference. */
    public static String reference(String reference) {
        return reference == null || reference.isBlank() ? null : reference;
    }
}
