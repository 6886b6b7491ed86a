package nl.commonsledger.api.period;

import nl.commonsledger.api.security.Access;
import nl.commonsledger.api.security.Operation;
import jakarta.servlet.http.HttpServletRequest;
import nl.commonsledger.api.write.CommandPipeline;
import nl.commonsledger.api.write.ResourceRef;
import nl.commonsledger.api.web.ApiProblem;
import nl.commonsledger.api.security.Caller;
import nl.commonsledger.core.period.Quarter;
import nl.commonsledger.core.project.ProjectCommand.ClosePeriod;
import nl.commonsledger.api.web.KnownProjects;
import nl.commonsledger.api.web.RequestValues;
import nl.commonsledger.projections.project.ProjectQueries;
import nl.commonsledger.projections.project.ProjectView;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/**
 * Closing a quarter (rule 8): the earliest open period, once it has ended. The close seals the
 * history before it with the digest chain: it carries the number of events before it and the digest
 * of the last of them.
 */
@RestController
public class PeriodController {

    public record Closed(String period, String status, String digest, long eventCount) {
    }

    private final CommandPipeline writes;
    private final ProjectQueries projects;
    private final KnownProjects knownProjects;
    private final PeriodSeal seal;
    private final Caller caller;
    private final Clock clock;

    public PeriodController(CommandPipeline writes, ProjectQueries projects, KnownProjects knownProjects,
                            PeriodSeal seal, Caller caller,
                            Clock clock) {
        this.writes = writes;
        this.projects = projects;
        this.knownProjects = knownProjects;
        this.seal = seal;
        this.caller = caller;
        this.clock = clock;
    }

    @Access(Operation.GOVERN)
    @PostMapping("/api/projects/{projectId}/periods/{period}/close")
    public ResponseEntity<Object> close(@PathVariable String projectId, @PathVariable String period,
                                        HttpServletRequest request) {
        knownProjects.require(projectId);
        Quarter quarter = RequestValues.period("period", period);
        ClosePeriod cmd = seal.close(projectId, quarter, caller.attribution());
        return writes.write(request, cmd, HttpStatus.OK, new ResourceRef.ClosedPeriod(projectId, quarter), this::render);
    }

    Closed render(ResourceRef.ClosedPeriod resource) {
        ProjectView project = projects.find(resource.projectId(), clock)
                .orElseThrow(() -> ApiProblem.noSuchProject(resource.projectId()));
        String period = resource.period().toString();
        return project.periods().stream().filter(p -> p.period().equals(period) && p.eventCount() != null)
                .findFirst()
                .map(p -> new Closed(p.period(), p.status(), p.digest(), p.eventCount()))
                .orElseThrow(() -> ApiProblem.notFound("Period " + period + " is not closed."));
    }
}
