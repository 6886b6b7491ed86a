package nl.commonsledger.core.money;

import java.util.Currency;
import java.util.OptionalInt;

/** The number of decimals of a currency's minor unit, from ISO 4217 (2 for EUR, 0 for JPY). */
public final class CurrencyScale {

    private CurrencyScale() {
    }

    /** Empty for a code that is not an ISO 4217 currency with a minor unit (such as XAU). */
    public static OptionalInt of(String currencyCode) {
        if (currencyCode == null || !currencyCode.matches("[A-Z]{3}")) {
            return OptionalInt.empty();
        }
        try {
            int digits = Currency.getInstance(currencyCode).getDefaultFractionDigits();
            return digits < 0 ? OptionalInt.empty() : OptionalInt.of(digits);
        } catch (IllegalArgumentException e) {
            return OptionalInt.empty();
        }
    }
}
