package nl.commonsledger.api.contribution;

import com.fasterxml.jackson.annotation.JsonInclude;
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
    public record ContributionRequest(String memberId, String kind, String amount, String hours, String role,
                                      String date, String reference, String description, String reason) {
    }

    public record ReversalRequest(String reason) {
    }

    public record Contribution(String contributionId, String projectId, String memberId, String kind, String amount,
                               String hours, String role, String value, LocalDate date, String period,
                               String reference, String description, String status, Instant recordedAt,
                               String recordedBy, Instant updatedAt, String updatedBy,
                               Map<String, String> allocation,
                               @JsonInclude(JsonInclude.Include.NON_NULL) List<Object> history) {
    }

    public static Contribution of(ContributionView c, List<Object> history) {
        int scale = c.scale();
        return new Contribution(c.contributionId(), c.projectId(), c.memberId(), c.kind(),
                Amounts.money(c.amountMinor(), scale), Amounts.hours(c.hours()), c.role(),
                Amounts.money(c.valueMinor(), scale), c.date(), Quarter.of(c.date()).toString(), c.reference(),
                c.description(), c.status(), c.recordedAt(), c.recordedBy(), c.updatedAt(), c.updatedBy(),
                Amounts.shares(c.allocation(), scale), history);
    }
}
