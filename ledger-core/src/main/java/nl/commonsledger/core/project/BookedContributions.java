package nl.commonsledger.core.project;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import nl.commonsledger.core.project.ProjectEvent.ContributionCorrected;
import nl.commonsledger.core.project.ProjectEvent.ContributionRecorded;
import nl.commonsledger.core.project.ProjectEvent.ContributionReversed;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What the rules need to know of a project's contributions: per contribution its member, kind, date,
 * role, reference and whether it was reversed, and the index of effective (member, reference) pairs
 * for the uniqueness rule (rule 7). Both are kept by one fold, so the index can never disagree with
 * the contributions it indexes. No values and no allocations: those are figures, and figures belong
 * to the projections.
 *
 * <p>Serialised field by field into the aggregate's snapshot (at its top level, see
 * {@code ProjectAggregate}), except the index of references, which follows from the contributions
 * and is made again from them when a snapshot is read: it was a third of the snapshot.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
final class BookedContributions {

    /**
     * What the rules need to know of one contribution. A project holds one of these for every contribution
     * it ever booked, so the few member ids and roles are shared instead of copied into each: a string of
     * its own per contribution was a sixth of a cached project's memory.
     */
    record BookedContribution(String memberId, ContributionKind kind, LocalDate date, String role,
                              String reference, boolean reversed) {
        BookedContribution {
            memberId = memberId.intern();
            role = role == null ? null : role.intern();
        }
    }

    /** A (member, reference) pair: its strings are the contribution's own, not a new one joined from them. */
    record ReferenceKey(String memberId, String reference) {
    }

    private HashMap<UUID, BookedContribution> contributions = new HashMap<>();
    /** Effective references, (member, reference) → contribution, for the uniqueness rule. */
    @JsonIgnore
    private HashMap<ReferenceKey, UUID> references = new HashMap<>();

    /** A snapshot's contributions, and the index of their effective references made from them. */
    @JsonSetter("contributions")
    private void restore(HashMap<UUID, BookedContribution> restored) {
        contributions = restored;
        references = new HashMap<>();
        restored.forEach((id, booked) -> {
            if (!booked.reversed()) {
                index(id, booked);
            }
        });
    }

    /** Folds one event; those that are not about a contribution change nothing. */
    void apply(ProjectEvent event) {
        if (event instanceof ContributionRecorded e) {
            book(e.contributionId(), new BookedContribution(e.memberId(), e.kind(), e.date(), e.role(),
                    e.reference(), false));
        } else if (event instanceof ContributionCorrected e) {
            BookedContribution old = unbook(e.contributionId());
            book(e.contributionId(), new BookedContribution(old.memberId(), e.kind(), e.date(), e.role(),
                    e.reference(), false));
        } else if (event instanceof ContributionReversed e) {
            BookedContribution old = unbook(e.contributionId());
            // A reversed contribution keeps its place but frees its reference (rule 6).
            contributions.put(e.contributionId(), new BookedContribution(old.memberId(), old.kind(), old.date(),
                    old.role(), old.reference(), true));
        }
    }

    private void book(UUID id, BookedContribution booked) {
        contributions.put(id, booked);
        index(id, booked);
    }

    /** Enters an effective contribution's reference, if it has one, in the index of references. */
    private void index(UUID id, BookedContribution booked) {
        if (booked.reference() != null) {
            references.put(referenceKey(booked.memberId(), booked.reference()), id);
        }
    }

    private BookedContribution unbook(UUID id) {
        BookedContribution old = contributions.get(id);
        if (old.reference() != null) {
            references.remove(referenceKey(old.memberId(), old.reference()));
        }
        return old;
    }

    boolean contains(UUID id) {
        return contributions.containsKey(id);
    }

    Optional<BookedContribution> get(UUID id) {
        return Optional.ofNullable(contributions.get(id));
    }

    /** The effective contribution that holds a member's reference, if any. */
    Optional<UUID> holderOf(String memberId, String reference) {
        return Optional.ofNullable(references.get(referenceKey(memberId, reference)));
    }

    /** Every contribution that is not reversed, with its id. */
    Stream<Map.Entry<UUID, BookedContribution>> effective() {
        return contributions.entrySet().stream().filter(e -> !e.getValue().reversed());
    }

    static ReferenceKey referenceKey(String memberId, String reference) {
        return new ReferenceKey(memberId, reference);
    }
}
