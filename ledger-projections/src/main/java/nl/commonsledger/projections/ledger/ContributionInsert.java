package nl.commonsledger.projections.ledger;

import nl.commonsledger.core.project.ContributionKind;
import nl.commonsledger.core.project.ContributionStatus;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SortedMap;

/**
 * One new row of {@code rm_contribution}, as the live projector and the rebuild's writer both insert
 * it ({@link ReadModelRows#CONTRIBUTION}): a contribution with its value, its allocation and its events.
 */
public record ContributionInsert(String contributionId, String projectId, long listPosition, String memberId,
                                 ContributionKind kind, Long amountMinor, BigDecimal hours, String role,
                                 LocalDate date, String reference, String description, ContributionStatus status,
                                 long valueMinor, SortedMap<String, Long> allocation, Instant recordedAt,
                                 String recordedBy, Instant updatedAt, String updatedBy, List<Long> eventSequences) {

    /** The statement's parameters, in its column order. */
    public Object[] parameters() {
        return new Object[]{contributionId, projectId, listPosition, memberId, kind.name(), amountMinor, hours, role,
                Date.valueOf(date), reference, description, status.name(), valueMinor, AllocationColumn.write(allocation),
                recordedAt.atOffset(ZoneOffset.UTC), recordedBy, updatedAt.atOffset(ZoneOffset.UTC), updatedBy,
                EventSequencesColumn.write(eventSequences)};
    }
}
