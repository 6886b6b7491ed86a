package nl.commonsledger.projections.balance;

import java.util.List;

/**
 * Every member's figures in minor units. A balance is contributed − fair share + settlements paid −
 * settlements received (glossary); positive means the member gave more than its share and is owed.
 */
public record Balances(String projectId, String currency, int scale, long totalValueMinor,
                       List<MemberBalance> members) {

    public record MemberBalance(String memberId, long moneyMinor, long hoursMinor, long codeMinor,
                                long fairShareMinor, long settlementsPaidMinor, long settlementsReceivedMinor) {

        public long contributedMinor() {
            return moneyMinor + hoursMinor + codeMinor;
        }

        public long balanceMinor() {
            return contributedMinor() - fairShareMinor + settlementsPaidMinor - settlementsReceivedMinor;
        }
    }
}
