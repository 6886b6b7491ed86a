package nl.commonsledger.api.csv;

import java.math.BigDecimal;
import nl.commonsledger.core.money.Money;

/**
 * One cell of a {@link CsvTable}. The type decides how it is written: text is neutralised so that a
 * spreadsheet never runs it, a number is written plainly so that a spreadsheet reads it as a number.
 */
public sealed interface CsvCell {

    /** Text as given; written with a leading {@code '} if a spreadsheet would take it for a formula. */
    record Text(String value) implements CsvCell {
        public Text {
            value = value == null ? "" : value;
        }
    }

    /** An exact number, written with its own decimals and no thousands separator. */
    record Number(BigDecimal value) implements CsvCell {
        public Number {
            if (value == null) {
                throw new IllegalArgumentException("a number cell needs a number; use an empty text cell for none");
            }
        }
    }

    static CsvCell text(String value) {
        return new Text(value);
    }

    /** A number, or an empty cell when there is none. */
    static CsvCell number(BigDecimal value) {
        return value == null ? new Text("") : new Number(value);
    }

    static CsvCell number(long value) {
        return new Number(BigDecimal.valueOf(value));
    }

    /** An amount in minor units, with exactly the currency's decimals ({@code 1250.00}). */
    static CsvCell money(Money amount) {
        return new Number(amount.toDecimal());
    }
}
