package nl.commonsledger.projections.contribution;

import nl.commonsledger.core.money.Money;
import nl.commonsledger.core.project.ContributionKind;
import nl.commonsledger.core.project.ContributionStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.SortedMap;

/**
 * A contribution with its latest values, its value and its allocation (empty once reversed, in minor
 * units of the value's scale). {@code amount} is a MONEY contribution's, null for HOURS and CODE.
 */
public record ContributionView(String contributionId, String projectId, long listPosition, String memberId,
                               ContributionKind kind, Money amount, BigDecimal hours, String role, Money value,
                               LocalDate date, String reference, String description, ContributionStatus status,
                               Instant recordedAt, String recordedBy, Instant updatedAt, String updatedBy,
                               SortedMap<String, Long> allocation) {

    /** The scale of the project's currency, which the value, the amount and the shares are in. */
    public int scale() {
        return value.scale();
    }
}
