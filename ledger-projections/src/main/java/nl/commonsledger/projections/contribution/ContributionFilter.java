package nl.commonsledger.projections.contribution;

import java.time.LocalDate;

/** Filters of the contribution list; null means "any". {@code from}/{@code to} bound the business date. */
public record ContributionFilter(String memberId, String kind, LocalDate from, LocalDate to, String reference,
                                 String status) {
}
