package nl.commonsledger.projections.balance;

import nl.commonsledger.core.period.Quarter;
import nl.commonsledger.projections.balance.Balances.MemberBalance;

import java.util.List;

/**
 * A quarter's statement (glossary) in minor units: per member joined by the quarter's end, the
 * balance it came in with, what the quarter added, and the balance it left with. A closed quarter
 * carries the digest its close sealed; an open one is provisional.
 */
public record Statement(String projectId, String currency, int scale, Quarter period, boolean closed,
                        String digest, List<Line> members) implements FiguresInMinorUnits {

    /**
     * One member: {@code quarter} holds only the quarter's own figures, so that closing = opening +
     * the quarter's balance, by the one balance rule ({@link MemberBalance#balanceMinor}).
     */
    public record Line(long openingBalanceMinor, MemberBalance quarter) {

        public String memberId() {
            return quarter.memberId();
        }

        public long closingBalanceMinor() {
            return openingBalanceMinor + quarter.balanceMinor();
        }
    }

    /** The quarter's figures summed over the members, under the id {@code TOTAL}. */
    public MemberBalance totals() {
        return new MemberBalance("TOTAL", members.stream().map(l -> l.quarter().figures())
                .reduce(BalanceFigures.ZERO, BalanceFigures::plus));
    }

    /** The value of the quarter's effective contributions: each counts once, for its contributor. */
    public long totalValueMinor() {
        return totals().contributedMinor();
    }
}
