package nl.commonsledger.core.rate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import nl.commonsledger.core.period.DatedVersions;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** All rate card versions of a project, by {@code effectiveFrom}. Empty for a new project. Immutable. */
public final class RateCardHistory {

    private final DatedVersions<RateCardVersion> versions;

    private RateCardHistory(DatedVersions<RateCardVersion> versions) {
        this.versions = versions;
    }

    public static RateCardHistory empty() {
        return of(List.of());
    }

    @JsonCreator
    public static RateCardHistory of(List<RateCardVersion> versions) {
        return new RateCardHistory(DatedVersions.of(RateCardVersion::effectiveFrom, versions));
    }

    @JsonValue
    public List<RateCardVersion> versions() {
        return versions.all();
    }

    public Optional<RateCardVersion> inForceOn(LocalDate date) {
        return versions.inForceOn(date);
    }

    public Optional<RateCardVersion> datedOn(LocalDate date) {
        return versions.datedOn(date);
    }

    /** The hourly rate of a role on a date; empty when the card in force has no such role (rule 2). */
    public Optional<BigDecimal> rateOn(String role, LocalDate date) {
        return inForceOn(date).map(v -> v.hourlyRates().get(role));
    }

    public RateCardHistory with(RateCardVersion version) {
        return new RateCardHistory(versions.with(version));
    }
}
