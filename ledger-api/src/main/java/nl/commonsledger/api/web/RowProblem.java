package nl.commonsledger.api.web;

import java.util.Comparator;
import java.util.List;

/**
 * An uploaded file refused row by row: 422 with {@code errors: [{row, field, message}]}, the row as
 * the user counts it. At most {@link #MAX_ERRORS} are listed, then {@code truncated: true}, so a
 * file that is wrong throughout does not produce an answer larger than itself.
 */
public class RowProblem extends RuntimeException {

    public static final int MAX_ERRORS = 1000;

    public record RowError(int row, String field, String message) {
    }

    private final List<RowError> errors;
    private final boolean truncated;

    public RowProblem(List<RowError> errors) {
        super(summary(errors));
        List<RowError> sorted = errors.stream().sorted(Comparator.comparingInt(RowError::row)).toList();
        this.truncated = sorted.size() > MAX_ERRORS;
        this.errors = truncated ? sorted.subList(0, MAX_ERRORS) : sorted;
    }

    private static String summary(List<RowError> errors) {
        RowError first = errors.stream().min(Comparator.comparingInt(RowError::row)).orElseThrow();
        long rows = errors.stream().mapToInt(RowError::row).distinct().count();
        return (rows == 1 ? "1 row is" : rows + " rows are") + " not acceptable, so nothing was stored; the first: row "
                + first.row() + (first.field() == null ? "" : ", " + first.field()) + ": " + first.message();
    }

    public List<RowError> errors() {
        return errors;
    }

    public boolean truncated() {
        return truncated;
    }
}
