package nl.commonsledger.projections.balance;

import nl.commonsledger.core.money.Money;

/**
 * An answer whose figures are sums in minor units of one currency (balances, a statement): they are
 * added up as {@code long}s, and each goes out of the module as {@link Money} of the answer's scale.
 */
public interface FiguresInMinorUnits {

    /** The number of decimals of the currency the figures are in. */
    int scale();

    /** A figure of this answer, as money. */
    default Money money(long minor) {
        return Money.ofMinor(minor, scale());
    }
}
