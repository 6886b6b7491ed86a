package nl.commonsledger.core.allocation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One version of a project's allocation key, in force from {@code effectiveFrom} until the next
 * version. EQUAL versions carry no weights.
 */
public record AllocationKeyVersion(LocalDate effectiveFrom, KeyMethod method, SortedMap<String, BigDecimal> weights) {

    public AllocationKeyVersion {
        weights = weights == null ? new TreeMap<>() : new TreeMap<>(weights);
    }

    public static AllocationKeyVersion equal(LocalDate effectiveFrom) {
        return new AllocationKeyVersion(effectiveFrom, KeyMethod.EQUAL, null);
    }

    public AllocationKeyVersion withWeight(String memberId, BigDecimal weight) {
        TreeMap<String, BigDecimal> copy = new TreeMap<>(weights);
        copy.put(memberId, weight);
        return new AllocationKeyVersion(effectiveFrom, method, copy);
    }

    public AllocationKeyVersion datedFrom(LocalDate date) {
        return new AllocationKeyVersion(date, method, weights);
    }

    /** Same method and weights (numerically equal), ignoring how the weights were written. */
    public boolean sameKeyAs(AllocationKeyVersion other) {
        if (method != other.method || !weights.keySet().equals(other.weights.keySet())) {
            return false;
        }
        for (Map.Entry<String, BigDecimal> e : weights.entrySet()) {
            if (e.getValue().compareTo(other.weights.get(e.getKey())) != 0) {
                return false;
            }
        }
        return true;
    }
}
