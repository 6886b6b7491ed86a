package nl.commonsledger.projections.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * A contribution's events as the read models keep them: one column of its row, the per-project
 * sequence numbers of its recording, corrections and reversal, oldest first, separated by commas.
 * One column instead of a row per event makes a new contribution one row to write, and its history
 * is only ever read whole, by contribution.
 */
public final class EventSequencesColumn {

    private EventSequencesColumn() {
    }

    public static String write(List<Long> sequences) {
        StringBuilder out = new StringBuilder();
        for (long sequence : sequences) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(sequence);
        }
        return out.toString();
    }

    /** What a later event of the contribution appends to the column. */
    public static String appended(long sequence) {
        return "," + sequence;
    }

    public static List<Long> read(String column) {
        List<Long> sequences = new ArrayList<>();
        for (String part : column.split(",")) {
            sequences.add(Long.parseLong(part));
        }
        return sequences;
    }
}
