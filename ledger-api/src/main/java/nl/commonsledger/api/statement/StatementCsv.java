package nl.commonsledger.api.statement;

import nl.commonsledger.api.balance.BalanceController.Contributed;
import nl.commonsledger.api.csv.CsvCell;
import nl.commonsledger.api.csv.CsvTable;

import java.math.BigDecimal;
import java.util.List;

/**
 * The statement as CSV (contract): the JSON field names as columns, {@code contributed.MONEY} style
 * for nested ones, one row per member and a last row {@code TOTAL}. The totals have no opening or
 * closing balance (the members' always sum to zero), so those cells of the last row stay empty.
 */
final class StatementCsv {

    static final List<String> COLUMNS = List.of("memberId", "openingBalance", "contributed.MONEY",
            "contributed.HOURS", "contributed.CODE", "contributed.total", "fairShare", "settlementsPaid",
            "settlementsReceived", "closingBalance");

    private StatementCsv() {
    }

    static CsvTable table(StatementJson s) {
        CsvTable table = new CsvTable(COLUMNS);
        for (StatementJson.Line l : s.members()) {
            table.row(CsvCell.text(l.memberId()), amount(l.openingBalance()), amount(l.contributed().MONEY()),
                    amount(l.contributed().HOURS()), amount(l.contributed().CODE()), amount(l.contributed().total()),
                    amount(l.fairShare()), amount(l.settlementsPaid()), amount(l.settlementsReceived()),
                    amount(l.closingBalance()));
        }
        Contributed c = s.totals().contributed();
        table.row(CsvCell.text("TOTAL"), CsvCell.text(""), amount(c.MONEY()), amount(c.HOURS()), amount(c.CODE()),
                amount(c.total()), amount(s.totals().fairShare()), amount(s.totals().settlementsPaid()),
                amount(s.totals().settlementsReceived()), CsvCell.text(""));
        return table;
    }

    private static CsvCell amount(String json) {
        return CsvCell.number(new BigDecimal(json));
    }
}
