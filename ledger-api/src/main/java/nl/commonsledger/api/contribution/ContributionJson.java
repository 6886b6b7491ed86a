package nl.commonsledger.api.contribution;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import nl.commonsledger.api.audit.EventHistory;
import nl.commonsledger.api.web.Amounts;
import nl.commonsledger.core.period.Quarter;
import nl.commonsledger.projections.contribution.ContributionView;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The JSON shapes of contributions. */
public final class ContributionJson {

    private ContributionJson() {
    }

    /** A new contribution, or (with {@code reason}, without {@code memberId}) a correction. */
    public record ContributionRequest(
            @Schema(example = "gm0363", description = "The member (organisation) that contributed") String memberId,
            @Schema(example = "MONEY", allowableValues = {"MONEY", "HOURS", "CODE"}) String kind,
            @Schema(example = "12500.00", description = "MONEY only: the amount paid, in the project currency") String amount,
            @Schema(example = "37.50", description = "HOURS and CODE only: hours, at most 2 decimals") String hours,
            @Schema(example = "developer", description = "HOURS and CODE only: a role of the rate card") String role,
            @Schema(example = "2026-11-02") String date,
            @Schema(example = "INV-2026-0117", description = "Invoice number or merge request URL; required for CODE")
            String reference,
            @Schema(example = "Hosting November") String description,
            @Schema(example = "Timesheet approved at 35 hours", description = "Corrections only") String reason) {
    }

    public record ReversalRequest(@Schema(example = "Booked in the wrong project") String reason) {
    }

    public record Contribution(String contributionId, String projectId, String memberId, String kind, String amount,
                               String hours, String role, String value, LocalDate date, String period,
                               String reference, String description, String status, Instant recordedAt,
                               String recordedBy, Instant updatedAt, String updatedBy,
                               Map<String, String> allocation,
                               @JsonInclude(JsonInclude.Include.NON_NULL) List<EventHistory.Event> history) {
    }

    public static Contribution of(ContributionView c, List<EventHistory.Event> history) {
        int scale = c.scale();
        return new Contribution(c.contributionId(), c.projectId(), c.memberId(), c.kind().name(),
                c.amount() == null ? null : c.amount().toString(), Amounts.hours(c.hours()), c.role(),
                c.value().toString(), c.date(), Quarter.of(c.date()).toString(), c.reference(),
                c.description(), c.status().name(), c.recordedAt(), c.recordedBy(), c.updatedAt(), c.updatedBy(),
                Amounts.shares(c.allocation(), scale), history);
    }
}
