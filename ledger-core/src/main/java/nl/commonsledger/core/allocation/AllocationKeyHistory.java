package nl.commonsledger.core.allocation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import nl.commonsledger.core.period.DatedVersions;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * All versions of a project's allocation key, by {@code effectiveFrom}. Before the first version
 * (and for a new project, always) the key is EQUAL: a new project "starts with an EQUAL key from
 * the beginning of time". Immutable: every change returns a new history.
 */
public final class AllocationKeyHistory {

    private static final AllocationKeyVersion BEGINNING = AllocationKeyVersion.equal(null);

    private final DatedVersions<AllocationKeyVersion> versions;

    private AllocationKeyHistory(DatedVersions<AllocationKeyVersion> versions) {
        this.versions = versions;
    }

    public static AllocationKeyHistory initial() {
        return of(List.of());
    }

    @JsonCreator
    public static AllocationKeyHistory of(List<AllocationKeyVersion> versions) {
        return new AllocationKeyHistory(DatedVersions.of(AllocationKeyVersion::effectiveFrom, versions));
    }

    @JsonValue
    public List<AllocationKeyVersion> versions() {
        return versions.all();
    }

    /** The version in force on a date: the latest with effectiveFrom ≤ date (EQUAL before any). */
    public AllocationKeyVersion inForceOn(LocalDate date) {
        return versions.inForceOn(date).orElse(BEGINNING);
    }

    /** The version dated exactly on this day, if there is one. */
    public Optional<AllocationKeyVersion> datedOn(LocalDate date) {
        return versions.datedOn(date);
    }

    /** The first day after {@code effectiveFrom} on which another version takes over, or null. */
    public LocalDate nextChangeAfter(LocalDate effectiveFrom) {
        return versions.nextChangeAfter(effectiveFrom);
    }

    /** Versions dated strictly after a date, in date order. */
    public Collection<AllocationKeyVersion> after(LocalDate date) {
        return versions.after(date);
    }

    /** Whether the version in force on {@code date}, or any later one, is WEIGHTED. */
    public boolean weightedOnOrAfter(LocalDate date) {
        return inForceOn(date).method() == KeyMethod.WEIGHTED
                || after(date).stream().anyMatch(v -> v.method() == KeyMethod.WEIGHTED);
    }

    /** This history with {@code version} added, replacing one with the same effectiveFrom. */
    public AllocationKeyHistory with(AllocationKeyVersion version) {
        return new AllocationKeyHistory(versions.with(version));
    }

    /**
     * The versions that a member joining on {@code joinedOn} with {@code weight} changes: the
     * version in force on the join date (as a new version dated {@code joinedOn}, or the one
     * already dated so) if it is WEIGHTED, and every later WEIGHTED version, each with the member
     * added. This is the contract's rule for joins under a WEIGHTED key.
     */
    public List<AllocationKeyVersion> versionsForJoin(String memberId, LocalDate joinedOn, BigDecimal weight) {
        List<AllocationKeyVersion> changed = new ArrayList<>();
        AllocationKeyVersion inForce = inForceOn(joinedOn);
        if (inForce.method() == KeyMethod.WEIGHTED) {
            changed.add(inForce.datedFrom(joinedOn).withWeight(memberId, weight));
        }
        for (AllocationKeyVersion later : after(joinedOn)) {
            if (later.method() == KeyMethod.WEIGHTED) {
                changed.add(later.withWeight(memberId, weight));
            }
        }
        return changed;
    }
}
