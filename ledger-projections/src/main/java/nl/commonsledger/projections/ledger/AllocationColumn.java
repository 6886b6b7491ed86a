package nl.commonsledger.projections.ledger;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A contribution's allocation as the read models keep it: one column of its row,
 * {@code member=share;member=share} in member order, shares in minor units. Member ids are slugs
 * ({@code [a-z0-9-]}), so neither separator can occur in them. One column instead of a row per
 * member makes a contribution one row to write, whatever the number of members.
 */
public final class AllocationColumn {

    private AllocationColumn() {
    }

    public static String write(Map<String, Long> shares) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(shares).forEach((member, share) -> {
            if (!out.isEmpty()) {
                out.append(';');
            }
            out.append(member).append('=').append(share);
        });
        return out.toString();
    }

    public static SortedMap<String, Long> read(String column) {
        TreeMap<String, Long> shares = new TreeMap<>();
        if (column == null || column.isEmpty()) {
            return shares;
        }
        for (String part : column.split(";")) {
            int eq = part.indexOf('=');
            shares.put(part.substring(0, eq), Long.parseLong(part.substring(eq + 1)));
        }
        return shares;
    }
}
