package nl.commonsledger.core.project;

import java.util.List;

/**
 * An import the ledger refuses as a whole, because at least one of its rows breaks a rule. It names
 * every row at fault, not only the first, so that a clerk can fix the whole file in one go. Nothing
 * is stored when it is thrown.
 */
public class ImportRejectedException extends RuntimeException {

    /** One refusal of one row: the row number as the user counts it, and what the single booking would say. */
    public record RowRejection(int row, Rejection rejection, String field, String message) {
    }

    private final List<RowRejection> rows;

    public ImportRejectedException(List<RowRejection> rows) {
        super((rows.size() == 1 ? "A row cannot be imported: " : rows.size() + " rows cannot be imported, the first: ")
                + "row " + rows.get(0).row() + ", " + rows.get(0).field() + ": " + rows.get(0).message());
        this.rows = List.copyOf(rows);
    }

    public List<RowRejection> rows() {
        return rows;
    }
}
