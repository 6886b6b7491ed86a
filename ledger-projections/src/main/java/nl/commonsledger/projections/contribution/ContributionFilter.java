package nl.commonsledger.projections.contribution;

import nl.commonsledger.core.project.ContributionKind;
import nl.commonsledger.core.project.ContributionStatus;

import java.time.LocalDate;

/** Filters of the contribution list; null means "any". {@code from}/{@code to} bound the business date. */
public record ContributionFilter(String memberId, ContributionKind kind, LocalDate from, LocalDate to, String reference,
                                 ContributionStatus status) {
}
