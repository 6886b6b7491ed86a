package nl.commonsledger.api.security;

import nl.commonsledger.api.web.ApiProblem;
import nl.commonsledger.core.project.ProjectCommand;
import nl.commonsledger.core.project.ProjectCommand.CorrectContribution;
import nl.commonsledger.core.project.ProjectCommand.ImportContributions;
import nl.commonsledger.core.project.ProjectCommand.RecordContribution;
import nl.commonsledger.core.project.ProjectCommand.RecordSettlement;
import nl.commonsledger.core.project.ProjectCommand.ReverseContribution;
import nl.commonsledger.projections.contribution.ContributionQueries;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import nl.commonsledger.projections.generation.ReadModelTables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who may do what, in one place. Every request under {@code /api} is matched against the route table
 * below by {@link AccessInterceptor}; a route that is not in the table is for ADMIN only, so a new
 * endpoint that is forgotten here is closed, not open. Every command a client sends is checked
 * against its object by {@link #authorize(LedgerUser, ProjectCommand)}, because a role alone does
 * not say whose contribution it is.
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
 * </ul>
 */
@Component
public class AccessPolicy {

    /** What a route does, which decides who may call it. */
    public enum Operation {
        /** Any signed-in user (their own profile). */
        SIGNED_IN,
        /** Lists: every signed-in user, filtered to what they may see. */
        LIST,
        /** Reading a project and everything in it. */
        READ,
        /** Booking, importing, correcting, reversing contributions. */
        BOOK,
        /** Reconciling a member's own books: ADMIN, the project's BOARD and AUDITOR, FINANCE of that member. */
        RECONCILE,
        /** Members, allocation key, rate card, closing periods. */
        GOVERN,
        /** Recording a settlement. */
        SETTLE,
        /** Creating projects, users, rebuilding projections. */
        ADMINISTER
    }

    private record Route(HttpMethod method, PathPattern pattern, Operation operation) {
    }

    private static final PathPatternParser PARSER = new PathPatternParser();
    private static final String P = "/api/projects/{projectId}";

    /** The route table: one line per endpoint. */
    private static final List<Route> ROUTES = List.of(
            route(HttpMethod.GET, "/api/users/me", Operation.SIGNED_IN),
            route(HttpMethod.POST, "/api/users", Operation.ADMINISTER),
            route(HttpMethod.POST, "/api/projects", Operation.ADMINISTER),
            route(HttpMethod.GET, "/api/projects", Operation.LIST),
            route(HttpMethod.GET, P, Operation.READ),
            route(HttpMethod.POST, P + "/members", Operation.GOVERN),
            route(HttpMethod.POST, P + "/members/{memberId}/leave", Operation.GOVERN),
            route(HttpMethod.POST, P + "/members/{memberId}/reconciliation", Operation.RECONCILE),
            route(HttpMethod.GET, P + "/members/{memberId}/export", Operation.READ),
            route(HttpMethod.PUT, P + "/allocation-key", Operation.GOVERN),
            route(HttpMethod.PUT, P + "/rate-card", Operation.GOVERN),
            route(HttpMethod.POST, P + "/contributions", Operation.BOOK),
            route(HttpMethod.POST, P + "/contributions/import", Operation.BOOK),
            route(HttpMethod.GET, P + "/contributions", Operation.READ),
            route(HttpMethod.GET, P + "/contributions/{contributionId}", Operation.READ),
            route(HttpMethod.POST, P + "/contributions/{contributionId}/corrections", Operation.BOOK),
            route(HttpMethod.POST, P + "/contributions/{contributionId}/reversal", Operation.BOOK),
            route(HttpMethod.GET, P + "/balances", Operation.READ),
            route(HttpMethod.POST, P + "/periods/{period}/close", Operation.GOVERN),
            route(HttpMethod.GET, P + "/periods/{period}/statement", Operation.READ),
            route(HttpMethod.GET, P + "/settlements/suggested", Operation.READ),
            route(HttpMethod.POST, P + "/settlements", Operation.SETTLE),
            route(HttpMethod.GET, P + "/events", Operation.READ),
            route(HttpMethod.GET, P + "/audit", Operation.READ),
            route(HttpMethod.GET, P + "/export/journal", Operation.READ),
            route(HttpMethod.GET, P + "/export/contributions", Operation.READ),
            route(HttpMethod.POST, "/api/admin/projections/rebuild", Operation.ADMINISTER),
            route(HttpMethod.GET, "/api/admin/projections", Operation.ADMINISTER),
            route(HttpMethod.GET, "/api/admin/projections/parked", Operation.ADMINISTER),
            route(HttpMethod.POST, "/api/admin/projections/parked/retry", Operation.ADMINISTER));

    private final JdbcTemplate jdbc;
    private final ContributionQueries contributions;

    public AccessPolicy(JdbcTemplate jdbc, ContributionQueries contributions) {
        this.jdbc = jdbc;
        this.contributions = contributions;
    }

    private static Route route(HttpMethod method, String pattern, Operation operation) {
        return new Route(method, PARSER.parse(pattern), operation);
    }

    /** Checks a request against the route table; throws a 404 or 403 problem when it may not pass. */
    public void authorize(LedgerUser user, String method, String path) {
        for (Route route : ROUTES) {
            if (!route.method().matches(method)) {
                continue;
            }
            PathPattern.PathMatchInfo match = route.pattern().matchAndExtract(
                    org.springframework.http.server.PathContainer.parsePath(path));
            if (match == null) {
                continue;
            }
            Map<String, String> variables = match.getUriVariables();
            authorize(user, route.operation(), variables.get("projectId"), variables.get("memberId"));
            return;
        }
        // Not in the table: closed to all but ADMIN, so that a forgotten endpoint is never open.
        if (!user.has(Role.ADMIN)) {
            throw forbidden();
        }
    }

    private void authorize(LedgerUser user, Operation operation, String projectId, String memberId) {
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
            Integer n = jdbc.queryForObject(new ReadModelTables(jdbc).serving().sql(
                    "SELECT COUNT(*) FROM rm_member WHERE project_id = ? AND member_id = ?"),
                    Integer.class, projectId, user.organisation());
            return n != null && n > 0;
        }
        return false;
    }

    /**
     * Object-level checks of a command: a FINANCE user books, corrects and reverses only its own
     * organisation's contributions and records only settlements its organisation pays; the route
     * table already decided that it may book in this project at all.
     */
    public void authorize(LedgerUser user, ProjectCommand command) {
        if (user.has(Role.ADMIN)) {
            return;
        }
        boolean board = user.has(Role.BOARD) && user.projects().contains(command.projectId());
        if (command instanceof RecordContribution c) {
            requireOwn(user, c.memberId());
        } else if (command instanceof CorrectContribution c) {
            requireOwn(user, memberOf(command.projectId(), c.contributionId().toString()));
        } else if (command instanceof ReverseContribution c) {
            requireOwn(user, memberOf(command.projectId(), c.contributionId().toString()));
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

    private String memberOf(String projectId, String contributionId) {
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
