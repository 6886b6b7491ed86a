package nl.commonsledger.api.security;

import nl.commonsledger.api.web.ApiProblem;
import nl.commonsledger.core.project.ProjectCommand.CorrectContribution;
import nl.commonsledger.core.project.ProjectCommand.ImportContributions;
import nl.commonsledger.core.project.ProjectCommand.RecordContribution;
import nl.commonsledger.core.project.ProjectCommand.RecordSettlement;
import nl.commonsledger.core.project.ProjectCommand.ReverseContribution;
import nl.commonsledger.core.project.ProjectCommand;
import nl.commonsledger.projections.contribution.ContributionQueries;
import nl.commonsledger.projections.project.ProjectQueries;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Who may do what, in one place. Each route declares the {@link Operation} it performs with
 * {@link Access}, and {@link AccessInterceptor} asks {@link #authorize(LedgerUser, Operation, String, String)}
 * with the project and member the route names, before the controller runs. Every command a client
 * sends is checked against its object by {@link #authorize(LedgerUser, ProjectCommand)}, because a
 * role alone does not say whose contribution it is.
 *
 * <ul>
 *   <li>ADMIN may do everything.</li>
 *   <li>BOARD, for its projects: members, allocation key, rate card, closing periods, settlements;
 *       reads those projects. It does not book contributions.</li>
 *   <li>FINANCE, for its organisation: books, corrects and reverses that organisation's
 *       contributions and records the settlements it pays; reads every project its organisation
 *       is a member of.</li>
 *   <li>AUDITOR, for its projects: reads everything, events, audit and exports included.</li>
 *   <li>A project the caller may not see does not exist for it: 404, also in lists.</li>
 *   <li>A path under {@code /api} that no handler of the ledger answers is for ADMIN only (who then
 *       gets 404), so that nothing about unmapped paths is told to anyone else.</li>
 * </ul>
 */
@Component
public class AccessPolicy {

    private final ProjectQueries projects;
    private final ContributionQueries contributions;

    public AccessPolicy(ProjectQueries projects, ContributionQueries contributions) {
        this.projects = projects;
        this.contributions = contributions;
    }

    /** Checks a route's declared operation; throws a 404 or 403 problem when the user may not pass. */
    public void authorize(LedgerUser user, Operation operation, String projectId, String memberId) {
        if (user.has(Role.ADMIN)) {
            return;
        }
        switch (operation) {
            case SIGNED_IN, LIST -> {
                return;
            }
            case ADMINISTER -> throw forbidden();
            default -> {
            }
        }
        if (!maySee(user, projectId)) {
            throw ApiProblem.noSuchProject(projectId);
        }
        boolean allowed = switch (operation) {
            case READ -> true;
            case BOOK -> user.has(Role.FINANCE);
            case RECONCILE -> ((user.has(Role.BOARD) || user.has(Role.AUDITOR)) && user.projects().contains(projectId))
                    || (user.has(Role.FINANCE) && Objects.equals(user.organisation(), memberId));
            case GOVERN -> user.has(Role.BOARD) && user.projects().contains(projectId);
            case SETTLE -> user.has(Role.FINANCE) || (user.has(Role.BOARD) && user.projects().contains(projectId));
            default -> false;
        };
        if (!allowed) {
            throw forbidden();
        }
    }

    /** A path under /api that no handler of the ledger declares: closed to all but ADMIN. */
    public void authorizeUndeclared(LedgerUser user) {
        if (!user.has(Role.ADMIN)) {
            throw forbidden();
        }
    }

    /** Whether a project exists for this user: ADMIN all; BOARD and AUDITOR theirs; FINANCE its organisation's. */
    public boolean maySee(LedgerUser user, String projectId) {
        if (projectId == null) {
            return false;
        }
        if (user.has(Role.ADMIN)) {
            return true;
        }
        if ((user.has(Role.BOARD) || user.has(Role.AUDITOR)) && user.projects().contains(projectId)) {
            return true;
        }
        if (user.has(Role.FINANCE) && user.organisation() != null) {
            return projects.hasMember(projectId, user.organisation());
        }
        return false;
    }

    /**
     * Object-level checks of a command: a FINANCE user books, corrects and reverses only its own
     * organisation's contributions and records only settlements its organisation pays; the route's
     * declared operation already decided that it may book in this project at all.
     */
    public void authorize(LedgerUser user, ProjectCommand command) {
        if (user.has(Role.ADMIN)) {
            return;
        }
        boolean board = user.has(Role.BOARD) && user.projects().contains(command.projectId());
        if (command instanceof RecordContribution c) {
            requireOwn(user, c.memberId());
        } else if (command instanceof CorrectContribution c) {
            requireOwn(user, memberOf(command.projectId(), c.contributionId()));
        } else if (command instanceof ReverseContribution c) {
            requireOwn(user, memberOf(command.projectId(), c.contributionId()));
        } else if (command instanceof ImportContributions i) {
            authorizeImport(user, i.rows().stream().map(ImportContributions.Row::memberId).toList());
        } else if (command instanceof RecordSettlement s && !board) {
            requireOwn(user, s.from());
        }
    }

    /**
     * A FINANCE user imports only its own organisation's rows: one row for another member refuses
     * the whole file (403), before any row is judged. Rows without a member are left to validation.
     */
    public void authorizeImport(LedgerUser user, Collection<String> memberIds) {
        if (user.has(Role.ADMIN)) {
            return;
        }
        memberIds.stream().filter(Objects::nonNull).distinct().forEach(m -> requireOwn(user, m));
    }

    private String memberOf(String projectId, UUID contributionId) {
        return contributions.find(projectId, contributionId)
                .map(c -> c.memberId())
                .orElseThrow(() -> ApiProblem.notFound("There is no contribution " + contributionId
                        + " in project " + projectId + "."));
    }

    private static void requireOwn(LedgerUser user, String memberId) {
        if (!user.has(Role.FINANCE) || !Objects.equals(user.organisation(), memberId)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "Forbidden",
                    "You may book only for your own organisation (" + user.organisation() + ").", List.of());
        }
    }

    private static ApiProblem forbidden() {
        return new ApiProblem(HttpStatus.FORBIDDEN, "Forbidden", "You may not do this.", List.of());
    }
}
