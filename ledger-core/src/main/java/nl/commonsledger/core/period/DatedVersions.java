package nl.commonsledger.core.period;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Versions of one set of terms (an allocation key, a rate card), each in force from its
 * {@code effectiveFrom} until the next one's. A version dated on the same day as an earlier one
 * replaces it. Immutable: {@link #with} returns a new history.
 *
 * @param <V> the version type; {@code effectiveFrom} reads its date
 */
public final class DatedVersions<V> {

    private final Function<V, LocalDate> effectiveFrom;
    private final TreeMap<LocalDate, V> versions;

    private DatedVersions(Function<V, LocalDate> effectiveFrom, TreeMap<LocalDate, V> versions) {
        this.effectiveFrom = effectiveFrom;
        this.versions = versions;
    }

    public static <V> DatedVersions<V> of(Function<V, LocalDate> effectiveFrom, List<V> versions) {
        TreeMap<LocalDate, V> map = new TreeMap<>();
        versions.forEach(v -> map.put(effectiveFrom.apply(v), v));
        return new DatedVersions<>(effectiveFrom, map);
    }

    /** Every version, in date order. */
    public List<V> all() {
        return List.copyOf(versions.values());
    }

    /** The version in force on a date: the latest with effectiveFrom ≤ date; empty before the first. */
    public Optional<V> inForceOn(LocalDate date) {
        return Optional.ofNullable(versions.floorEntry(date)).map(Map.Entry::getValue);
    }

    /** The version dated exactly on this day, if there is one. */
    public Optional<V> datedOn(LocalDate date) {
        return Optional.ofNullable(versions.get(date));
    }

    /** The first day after {@code date} on which another version takes over, or null. */
    public LocalDate nextChangeAfter(LocalDate date) {
        return versions.higherKey(date);
    }

    /** Versions dated strictly after a date, in date order. */
    public Collection<V> after(LocalDate date) {
        return versions.tailMap(date, false).values();
    }

    /** These versions with {@code version} added, replacing one with the same effectiveFrom. */
    public DatedVersions<V> with(V version) {
        TreeMap<LocalDate, V> copy = new TreeMap<>(versions);
        copy.put(effectiveFrom.apply(version), version);
        return new DatedVersions<>(effectiveFrom, copy);
    }
}
