package nl.commonsledger.projections.generation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One of the two sets of read-model tables (migrations V2, V5, V6_1, V7 and V8; each {@link ReadModel} names its own). One serves reads and
 * takes the live projection; a rebuild fills the other from the event store and then makes it the
 * serving one, so the service never reads a half-built read model.
 *
 * <p>SQL everywhere names the first generation's tables ({@code rm_contribution}, …), so it reads as
 * the schema does; {@link #sql} gives the same statement for this generation.
 */
public enum Generation {
    FIRST("rm_"),
    SECOND("rm2_");

    private static final Pattern FIRST_NAMES = Pattern.compile("\\brm_(?=[a-z])");

    private static final int MAX_REMEMBERED = 500;

    private final String prefix;
    private final Map<String, String> statements = new ConcurrentHashMap<>();

    Generation(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public Generation other() {
        return this == FIRST ? SECOND : FIRST;
    }

    /** A statement written against the first generation's tables, for this generation's tables. */
    public String sql(String firstGenerationSql) {
        if (this == FIRST) {
            return firstGenerationSql;
        }
        String known = statements.get(firstGenerationSql);
        if (known != null) {
            return known;
        }
        String rewritten = FIRST_NAMES.matcher(firstGenerationSql).replaceAll(prefix);
        // Fixed statements are remembered; the few built per request (filters, limits) are not.
        if (statements.size() < MAX_REMEMBERED) {
            statements.put(firstGenerationSql, rewritten);
        }
        return rewritten;
    }

    public static Generation ofPrefix(String prefix) {
        for (Generation g : values()) {
            if (g.prefix.equals(prefix)) {
                return g;
            }
        }
        throw new IllegalStateException("no read-model generation with prefix " + prefix);
    }
}
