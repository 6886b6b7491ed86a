package nl.commonsledger.projections.balance;

import nl.commonsledger.core.money.Money;

import java.util.List;

/**
 * Every member's figures in minor units. A balance is contributed − fair share + settlements paid −
 * settlements received (glossary); positive means the member gave more than its share and is owed.
 */
public record Balances(String projectId, String currency, int scale, long totalValueMinor,
                       List<MemberBalance> members) {

    /** A figure of this answer, in minor units of its currency, as money. */
    public Money money(long minor) {
        return Money.ofMinor(minor, scale);
    }

    /** One member's figures; its balance is theirs ({@link BalanceFigures#balanceMinor}). */
    public record MemberBalance(String memberId, BalanceFigures figures) {

        public long moneyMinor() {
            return figures.moneyMinor();
        }

        public long hoursMinor() {
            return figures.hoursMinor();
        }

        public long codeMinor() {
            return figures.codeMinor();
        }

        public long fairShareMinor() {
            return figures.fairShareMinor();
        }

        public long settlementsPaidMinor() {
            return figures.settlementsPaidMinor();
        }

        public long settlementsReceivedMinor() {
            return figures.settlementsReceivedMinor();
        }

        public long contributedMinor() {
            return figures.contributedMinor();
        }

        public long balanceMinor() {
            return figures.balanceMinor();
        }
    }
}
