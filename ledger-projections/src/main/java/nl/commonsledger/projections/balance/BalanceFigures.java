package nl.commonsledger.projections.balance;

import nl.commonsledger.core.project.ContributionKind;

/**
 * The six figures a balance is made of, in minor units: what a member contributed per kind, its fair
 * share, and the settlements it paid and received. A balance bucket, a member's balance and a
 * statement's line all hold them; sums of them are sums field by field ({@link #plus}).
 */
public record BalanceFigures(long moneyMinor, long hoursMinor, long codeMinor, long fairShareMinor,
                             long settlementsPaidMinor, long settlementsReceivedMinor) {

    public static final BalanceFigures ZERO = new BalanceFigures(0, 0, 0, 0, 0, 0);

    /** A contribution's value, counted for its contributor under its kind. */
    public static BalanceFigures contributed(ContributionKind kind, long valueMinor) {
        return switch (kind) {
            case MONEY -> new BalanceFigures(valueMinor, 0, 0, 0, 0, 0);
            case HOURS -> new BalanceFigures(0, valueMinor, 0, 0, 0, 0);
            case CODE -> new BalanceFigures(0, 0, valueMinor, 0, 0, 0);
        };
    }

    public static BalanceFigures fairShare(long shareMinor) {
        return new BalanceFigures(0, 0, 0, shareMinor, 0, 0);
    }

    public static BalanceFigures paid(long amountMinor) {
        return new BalanceFigures(0, 0, 0, 0, amountMinor, 0);
    }

    public static BalanceFigures received(long amountMinor) {
        return new BalanceFigures(0, 0, 0, 0, 0, amountMinor);
    }

    public BalanceFigures plus(BalanceFigures other) {
        return new BalanceFigures(moneyMinor + other.moneyMinor, hoursMinor + other.hoursMinor,
                codeMinor + other.codeMinor, fairShareMinor + other.fairShareMinor,
                settlementsPaidMinor + other.settlementsPaidMinor,
                settlementsReceivedMinor + other.settlementsReceivedMinor);
    }

    /** These figures taken out (sign -1) or counted in (sign +1). */
    public BalanceFigures times(int sign) {
        return new BalanceFigures(sign * moneyMinor, sign * hoursMinor, sign * codeMinor, sign * fairShareMinor,
                sign * settlementsPaidMinor, sign * settlementsReceivedMinor);
    }

    public boolean isZero() {
        return equals(ZERO);
    }

    public long contributedMinor() {
        return moneyMinor + hoursMinor + codeMinor;
    }

    /** Rule 5 and the glossary: contributed − fair share + settlements paid − settlements received. */
    public long balanceMinor() {
        return contributedMinor() - fairShareMinor + settlementsPaidMinor - settlementsReceivedMinor;
    }
}
