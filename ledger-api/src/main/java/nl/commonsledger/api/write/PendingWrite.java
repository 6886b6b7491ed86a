package nl.commonsledger.api.write;

import nl.commonsledger.core.project.ProjectCommand;
import nl.commonsledger.core.project.ProjectCommand.ClosePeriod;
import nl.commonsledger.core.project.ProjectCommand.CorrectContribution;
import nl.commonsledger.core.project.ProjectCommand.ImportContributions;
import nl.commonsledger.core.project.ProjectCommand.JoinMember;
import nl.commonsledger.core.project.ProjectCommand.LeaveMember;
import nl.commonsledger.core.project.ProjectCommand.RecordContribution;
import nl.commonsledger.core.project.ProjectCommand.RecordSettlement;
import nl.commonsledger.core.project.ProjectCommand.ReverseContribution;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to a write that was stored but that the read models do not show yet (they are behind,
 * or the project is parked): the success status with the stored ids and {@code "pending": true},
 * never an error, because the write happened. The figures follow once the projection has caught up;
 * a retry with the same {@code Idempotency-Key} then answers the full resource.
 */
public record PendingWrite(boolean pending, Map<String, Object> stored, String detail) {

    private static final String DETAIL = "Stored. Its figures are not in the read models yet; read the resource "
            + "again shortly, or retry with the same Idempotency-Key for the full answer.";

    /** What a command stored, by the ids it names. */
    static PendingWrite of(ProjectCommand command) {
        Map<String, Object> ids = new LinkedHashMap<>();
        ids.put("projectId", command.projectId());
        if (command instanceof RecordContribution c) {
            ids.put("contributionId", c.contributionId());
        } else if (command instanceof CorrectContribution c) {
            ids.put("contributionId", c.contributionId());
        } else if (command instanceof ReverseContribution c) {
            ids.put("contributionId", c.contributionId());
        } else if (command instanceof RecordSettlement c) {
            ids.put("settlementId", c.settlementId());
        } else if (command instanceof JoinMember c) {
            ids.put("memberId", c.memberId());
        } else if (command instanceof LeaveMember c) {
            ids.put("memberId", c.memberId());
        } else if (command instanceof ImportContributions c) {
            ids.put("imported", c.rows().size());
            ids.put("contributionIds", c.rows().stream().map(ImportContributions.Row::contributionId).toList());
        } else if (command instanceof ClosePeriod c) {
            ids.put("period", c.period().toString());
        }
        return new PendingWrite(true, ids, DETAIL);
    }

    /**
     * A replayed write whose command is not at hand: the ids its idempotency record names (the
     * first request may have stored the write on an instance that stopped before it answered).
     */
    static PendingWrite of(ResourceRef stored) {
        Map<String, Object> ids = new LinkedHashMap<>();
        ids.put("projectId", stored.projectId());
        if (stored instanceof ResourceRef.Contribution c) {
            ids.put("contributionId", c.contributionId());
        } else if (stored instanceof ResourceRef.Settlement c) {
            ids.put("settlementId", c.settlementId());
        } else if (stored instanceof ResourceRef.Member c) {
            ids.put("memberId", c.memberId());
        } else if (stored instanceof ResourceRef.ClosedPeriod c) {
            ids.put("period", c.period().toString());
        } else if (stored instanceof ResourceRef.Import c) {
            ids.put("imported", c.rows());
            ids.put("importId", c.importId());
        }
        return new PendingWrite(true, ids, DETAIL);
    }

    /** A replayed write whose command is not at hand: the project it was stored in. */
    static PendingWrite inProject(String projectId) {
        Map<String, Object> ids = new LinkedHashMap<>();
        ids.put("projectId", projectId);
        return new PendingWrite(true, ids, DETAIL);
    }
}
