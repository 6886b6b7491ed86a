package nl.commonsledger.core.rate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** All rate card versions of a project, by {@code effectiveFrom}. Empty for a new project. Immutable. */
public final class RateCardHistory {

    private final TreeMap<LocalDate, RateCardVersion> versions;

    private RateCardHistory(TreeMap<LocalDate, RateCardVersion> versions) {
        this.versions = versions;
    }

    public static RateCardHistory empty() {
        return new RateCardHistory(new TreeMap<>());
    }

    @JsonCreator
    public static RateCardHistory of(List<RateCardVersion> versions) {
        TreeMap<LocalDate, RateCardVersion> map = new TreeMap<>();
        versions.forEach(v -> map.put(v.effectiveFrom(), v));
        return new RateCardHistory(map);
    }

    @JsonValue
    public List<RateCardVersion> versions() {
        return List.copyOf(versions.values());
    }

    public Optional<RateCardVersion> inForceOn(LocalDate date) {
        return Optional.ofNullable(versions.floorEntry(date)).map(Map.Entry::getValue);
    }

    public Optional<RateCardVersion> datedOn(LocalDate date) {
        return Optional.ofNullable(versions.get(date));
    }

    /** The hourly rate of a role on a date; empty when the card in force has no such role (rule 2). */
    public Optional<BigDecimal> rateOn(String role, LocalDate date) {
        return inForceOn(date).map(v -> v.hourlyRates().get(role));
    }

    public RateCardHistory with(RateCardVersion version) {
        TreeMap<LocalDate, RateCardVersion> copy = new TreeMap<>(versions);
        copy.put(version.effectiveFrom(), version);
        return new RateCardHistory(copy);
    }
}
