package nl.commonsledger.projections.contribution;

import nl.commonsledger.core.project.ContributionKind;
import nl.commonsledger.core.project.ContributionStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.SortedMap;

/** A contribution with its latest values, its value and its allocation (empty once reversed). */
public record ContributionView(String contributionId, String projectId, long listPosition, String memberId,
                               ContributionKind kind, Long amountMinor, BigDecimal hours, String role, long valueMinor,
                               int scale, LocalDate date, String reference, String description, ContributionStatus status,
                               Instant recordedAt, String recordedBy, Instant updatedAt, String updatedBy,
                               SortedMap<String, Long> allocation) {
}
