package nl.commonsledger.core.project;

import nl.commonsledger.core.allocation.KeyMethod;
import nl.commonsledger.core.period.Quarter;
import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.SortedMap;
import java.util.UUID;

/**
 * The whole story of a project, as it was told: every event records what was said (inputs), never
 * derived figures such as values or allocations, which projections recompute from the whole history
 * (rule 4). Sealed, so a {@code switch} over a project's events cannot forget one.
 *
 * <p>Every event names who recorded it and when (rule 10). Amounts, hours, weights and rates are
 * normalised to their scale when the event is made, so the stored text is the figure as booked.
 */
public sealed interface ProjectEvent {

    String projectId();

    String recordedBy();

    Instant recordedAt();

    @Revision("1")
    record ProjectCreated(String projectId, String name, String currency, String timeZone,
                          String recordedBy, Instant recordedAt) implements ProjectEvent {
    }

    /** {@code weight} is what the client gave; the key versions it changes follow as their own events. */
    @Revision("1")
    record MemberJoined(String projectId, String memberId, String name, LocalDate joinedOn, BigDecimal weight,
                        String recordedBy, Instant recordedAt) implements ProjectEvent {
    }

    /** {@code leftOn} is the last day of membership. */
    @Revision("1")
    record MemberLeft(String projectId, String memberId, LocalDate leftOn,
                      String recordedBy, Instant recordedAt) implements ProjectEvent {
    }

    /** Adds a key version, or replaces the one with the same {@code effectiveFrom}. */
    @Revision("1")
    record AllocationKeyVersionSet(String projectId, LocalDate effectiveFrom, KeyMethod method,
                                   SortedMap<String, BigDecimal> weights,
                                   String recordedBy, Instant recordedAt) implements ProjectEvent {
    }

    /** Adds a rate card version, or replaces the one with the same {@code effectiveFrom}. */
    @Revision("1")
    record RateCardVersionSet(String projectId, LocalDate effectiveFrom, SortedMap<String, BigDecimal> hourlyRates,
                              String recordedBy, Instant recordedAt) implements ProjectEvent {
    }

    /** MONEY carries {@code amount}; HOURS and CODE carry {@code hours} and {@code role}. */
    @Revision("1")
    record ContributionRecorded(String projectId, UUID contributionId, String memberId, ContributionKind kind,
                                BigDecimal amount, BigDecimal hours, String role, LocalDate date,
                                String reference, String description,
                                String recordedBy, Instant recordedAt) implements ProjectEvent {
    }

    /** Restates every field but the member: the contribution counts with these values only (rule 6). */
    @Revision("1")
    record ContributionCorrected(String projectId, UUID contributionId, ContributionKind kind,
                                 BigDecimal amount, BigDecimal hours, String role, LocalDate date,
                                 String reference, String description, String reason,
                                 String recordedBy, Instant recordedAt) implements ProjectEvent {
    }

    @Revision("1")
    record ContributionReversed(String projectId, UUID contributionId, String reason,
                                String recordedBy, Instant recordedAt) implements ProjectEvent {
    }

    /** A payment from one member to another to even out balances. */
    @Revision("1")
    record SettlementRecorded(String projectId, UUID settlementId, String from, String to, BigDecimal amount,
                              LocalDate date, String reference,
                              String recordedBy, Instant recordedAt) implements ProjectEvent {
    }

    /** Seals the history before it: {@code digest} is the chain digest of event {@code eventCount - 1}. */
    @Revision("1")
    record PeriodClosed(String projectId, Quarter period, long eventCount, String digest,
                        String recordedBy, Instant recordedAt) implements ProjectEvent {
    }
}
