package nl.commonsledger.api.statement;

import com.fasterxml.jackson.annotation.JsonInclude;
import nl.commonsledger.api.balance.BalanceController.Contributed;
import nl.commonsledger.projections.balance.Balances.MemberBalance;
import nl.commonsledger.projections.balance.Statement;

import java.util.List;

/**
 * A statement as the contract shows it. It holds no generation time, nor anything else that is not a
 * function of the ledger: a closed quarter's statement is the same, byte for byte, whenever it is read.
 * The CSV and PDF are written from this record, so the three formats show the same strings.
 */
public record StatementJson(String projectId, String currency, String period, String status,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String digest, String totalValue,
                            Totals totals, List<Line> members) {

    public record Line(String memberId, String openingBalance, Contributed contributed, String fairShare,
                       String settlementsPaid, String settlementsReceived, String closingBalance) {
    }

    public record Totals(Contributed contributed, String fairShare, String settlementsPaid,
                         String settlementsReceived) {
    }

    static StatementJson of(Statement s) {
        MemberBalance t = s.totals();
        List<Line> lines = s.members().stream().map(l -> new Line(l.memberId(),
                s.money(l.openingBalanceMinor()).toString(), Contributed.of(l.quarter().figures(), s),
                s.money(l.quarter().figures().fairShareMinor()).toString(),
                s.money(l.quarter().figures().settlementsPaidMinor()).toString(),
                s.money(l.quarter().figures().settlementsReceivedMinor()).toString(),
                s.money(l.closingBalanceMinor()).toString())).toList();
        return new StatementJson(s.projectId(), s.currency(), s.period().toString(), s.closed() ? "CLOSED" : "OPEN",
                s.digest(), s.money(s.totalValueMinor()).toString(),
                new Totals(Contributed.of(t.figures(), s), s.money(t.figures().fairShareMinor()).toString(),
                        s.money(t.figures().settlementsPaidMinor()).toString(),
                        s.money(t.figures().settlementsReceivedMinor()).toString()),
                lines);
    }
}
