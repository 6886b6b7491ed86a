package nl.commonsledger.core.project;

import nl.commonsledger.core.allocation.KeyMethod;
import nl.commonsledger.core.period.Quarter;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What clients ask of a project. Values arrive parsed but unchecked: the aggregate decides whether
 * they are acceptable, because most rules depend on the project's state (currency scale, members,
 * rates, closed periods).
 */
public sealed interface ProjectCommand {

    String projectId();

    Attribution attribution();

    record CreateProject(@TargetAggregateIdentifier String projectId, String name, String currency,
                         String timeZone, Attribution attribution) implements ProjectCommand {
    }

    /** {@code weight} is required while the key in force on {@code joinedOn}, or a later one, is WEIGHTED. */
    record JoinMember(@TargetAggregateIdentifier String projectId, String memberId, String name,
                      LocalDate joinedOn, BigDecimal weight, Attribution attribution) implements ProjectCommand {
    }

    record LeaveMember(@TargetAggregateIdentifier String projectId, String memberId, LocalDate leftOn,
                       Attribution attribution) implements ProjectCommand {
    }

    record SetAllocationKey(@TargetAggregateIdentifier String projectId, KeyMethod method, LocalDate effectiveFrom,
                            Map<String, BigDecimal> weights, Attribution attribution) implements ProjectCommand {
    }

    record SetRateCard(@TargetAggregateIdentifier String projectId, LocalDate effectiveFrom,
                       Map<String, BigDecimal> hourlyRates, Attribution attribution) implements ProjectCommand {
    }

    record RecordContribution(@TargetAggregateIdentifier String projectId, UUID contributionId, String memberId,
                              ContributionKind kind, BigDecimal amount, BigDecimal hours, String role,
                              LocalDate date, String reference, String description,
                              Attribution attribution) implements ProjectCommand {
    }

    /**
     * Many contributions at once, all or nothing: each row must pass every rule a single
     * {@link RecordContribution} meets, and no two rows may carry the same (member, reference).
     * With {@code dryRun} the rows are only checked. {@code row} is the row number as the user
     * counts it in the uploaded file, so that a refusal can name it.
     */
    record ImportContributions(@TargetAggregateIdentifier String projectId, List<Row> rows, boolean dryRun,
                               Attribution attribution) implements ProjectCommand {

        public record Row(int row, UUID contributionId, String memberId, ContributionKind kind, BigDecimal amount,
                          BigDecimal hours, String role, LocalDate date, String reference, String description) {
        }
    }

    record CorrectContribution(@TargetAggregateIdentifier String projectId, UUID contributionId,
                               ContributionKind kind, BigDecimal amount, BigDecimal hours, String role,
                               LocalDate date, String reference, String description, String reason,
                               Attribution attribution) implements ProjectCommand {
    }

    record ReverseContribution(@TargetAggregateIdentifier String projectId, UUID contributionId, String reason,
                               Attribution attribution) implements ProjectCommand {
    }

    record RecordSettlement(@TargetAggregateIdentifier String projectId, UUID settlementId, String from, String to,
                            BigDecimal amount, LocalDate date, String reference,
                            Attribution attribution) implements ProjectCommand {
    }

    /**
     * {@code eventCount} and {@code digest} are what the caller read from the digest chain; the
     * aggregate refuses the close if events were added since, so the seal covers exactly the history
     * before it.
     */
    record ClosePeriod(@TargetAggregateIdentifier String projectId, Quarter period, long eventCount, String digest,
                       Attribution attribution) implements ProjectCommand {
    }
}
