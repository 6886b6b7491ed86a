package nl.commonsledger.projections.balance;

import java.util.List;

/**
 * Every member's figures in minor units. A balance is contributed − fair share + settlements paid −
 * settlements received (glossary); positive means the member gave more than its share and is owed.
 */
public record Balances(String projectId, String currency, int scale, long totalValueMinor,
                       List<MemberBalance> members) implements FiguresInMinorUnits {

    /** One member's figures; its balance is theirs ({@link BalanceFigures#balanceMinor}). */
    public record MemberBalance(String memberId, BalanceFigures figures) {

        public long contributedMinor() {
            return figures.contributedMinor();
        }

        public long balanceMinor() {
            return figures.balanceMinor();
        }
    }
}
