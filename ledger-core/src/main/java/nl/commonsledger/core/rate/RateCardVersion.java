package nl.commonsledger.core.rate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** A rate card version: hourly rates per role, replacing the whole card from {@code effectiveFrom}. */
public record RateCardVersion(LocalDate effectiveFrom, SortedMap<String, BigDecimal> hourlyRates) {

    public RateCardVersion {
        hourlyRates = new TreeMap<>(hourlyRates);
    }

    public boolean sameRatesAs(RateCardVersion other) {
        if (!hourlyRates.keySet().equals(other.hourlyRates.keySet())) {
            return false;
        }
        for (Map.Entry<String, BigDecimal> e : hourlyRates.entrySet()) {
            if (e.getValue().compareTo(other.hourlyRates.get(e.getKey())) != 0) {
                return false;
            }
        }
        return true;
    }
}
