package nl.commonsledger.api.project;

import nl.commonsledger.api.security.Access;
import nl.commonsledger.api.security.Operation;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import nl.commonsledger.api.write.CommandPipeline;
import nl.commonsledger.api.write.ResourceRef;
import nl.commonsledger.api.project.ProjectJson.AllocationKeyRequest;
import nl.commonsledger.api.project.ProjectJson.LeaveRequest;
import nl.commonsledger.api.project.ProjectJson.MemberRequest;
import nl.commonsledger.api.project.ProjectJson.ProjectRequest;
import nl.commonsledger.api.project.ProjectJson.RateCardRequest;
import nl.commonsledger.api.security.AccessPolicy;
import nl.commonsledger.api.web.ApiProblem;
import nl.commonsledger.api.security.Caller;
import nl.commonsledger.api.web.KnownProjects;
import nl.commonsledger.api.web.Page;
import nl.commonsledger.api.web.RequestValues;
import nl.commonsledger.core.allocation.KeyMethod;
import nl.commonsledger.core.project.ProjectCommand.CreateProject;
import nl.commonsledger.core.project.ProjectCommand.JoinMember;
import nl.commonsledger.core.project.ProjectCommand.LeaveMember;
import nl.commonsledger.core.project.ProjectCommand.SetAllocationKey;
import nl.commonsledger.core.project.ProjectCommand.SetRateCard;
import nl.commonsledger.projections.project.ProjectQueries;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Projects, their members, allocation key and rate card. */
@RestController
@RequestMapping("/api/projects")
public class ProjectController {

    private final CommandPipeline writes;
    private final ProjectQueries projects;
    private final KnownProjects knownProjects;
    private final Caller caller;
    private final Clock clock;
    private final AccessPolicy access;

    public ProjectController(CommandPipeline writes, ProjectQueries projects, KnownProjects knownProjects, Caller caller,
                             Clock clock, AccessPolicy access) {
        this.access = access;
        this.writes = writes;
        this.projects = projects;
        this.knownProjects = knownProjects;
        this.caller = caller;
        this.clock = clock;
    }

    @Access(Operation.ADMINISTER)
    @PostMapping
    public ResponseEntity<Object> create(@RequestBody ProjectRequest body, HttpServletRequest request) {
        RequestValues v = new RequestValues();
        v.required("projectId", body.projectId());
        v.slug("projectId", body.projectId());
        v.required("name", body.name());
        v.line("name", body.name(), 200);
        v.check();
        // An existing id is refused by the event store itself (ProblemAdvice: 409), after a retried
        // request with the same Idempotency-Key has had its chance to replay.
        CreateProject cmd = new CreateProject(body.projectId(), body.name(), body.currency(), body.timeZone(),
                caller.attribution());
        return writes.write(request, cmd, HttpStatus.CREATED, new ResourceRef.Project(body.projectId()), this::render);
    }

    @Access(Operation.LIST)
    @GetMapping
    public Page<ProjectJson.Project> list(@RequestParam(required = false) String limit,
                                          @RequestParam(required = false) String after) {
        int max = Page.limit(limit);
        // Only the projects this caller may see: the others do not exist for it.
        List<String> ids = projects.projectIds().stream()
                .filter(id -> after == null || id.compareTo(after) > 0)
                .filter(id -> access.maySee(caller.user(), id))
                .toList();
        List<ProjectJson.Project> items = ids.stream().limit(max)
                .map(id -> ProjectJson.project(projects.find(id, clock).orElseThrow(), clock)).toList();
        String next = ids.size() > max ? items.get(items.size() - 1).projectId() : null;
        return new Page<>(items, next);
    }

    @Access(Operation.READ)
    @GetMapping("/{projectId}")
    public ProjectJson.Project get(@PathVariable String projectId) {
        return render(new ResourceRef.Project(projectId));
    }

    @Access(Operation.GOVERN)
    @PostMapping("/{projectId}/members")
    public ResponseEntity<Object> join(@PathVariable String projectId, @RequestBody MemberRequest body,
                                       HttpServletRequest request) {
        knownProjects.require(projectId);
        RequestValues v = new RequestValues();
        v.required("memberId", body.memberId());
        v.slug("memberId", body.memberId());
        v.required("name", body.name());
        v.line("name", body.name(), 200);
        LocalDate joinedOn = v.requiredDate("joinedOn", body.joinedOn());
        BigDecimal weight = RequestValues.decimalOrInteger("weight", body.weight());
        v.check();
        JoinMember cmd = new JoinMember(projectId, body.memberId(), body.name(), joinedOn, weight,
                caller.attribution());
        return writes.write(request, cmd, HttpStatus.CREATED, new ResourceRef.Member(projectId, body.memberId()),
                this::render);
    }

    @Access(Operation.GOVERN)
    @PostMapping("/{projectId}/members/{memberId}/leave")
    public ResponseEntity<Object> leave(@PathVariable String projectId, @PathVariable String memberId,
                                        @RequestBody LeaveRequest body, HttpServletRequest request) {
        knownProjects.require(projectId);
        RequestValues v = new RequestValues();
        LocalDate leftOn = v.requiredDate("leftOn", body.leftOn());
        v.check();
        LeaveMember cmd = new LeaveMember(projectId, memberId, leftOn, caller.attribution());
        return writes.write(request, cmd, HttpStatus.OK, new ResourceRef.Member(projectId, memberId), this::render);
    }

    @Access(Operation.GOVERN)
    @PutMapping("/{projectId}/allocation-key")
    public ResponseEntity<Object> allocationKey(@PathVariable String projectId, @RequestBody AllocationKeyRequest body,
                                                HttpServletRequest request) {
        knownProjects.require(projectId);
        RequestValues v = new RequestValues();
        KeyMethod method = v.oneOf("method", body.method(), KeyMethod.class);
        LocalDate from = v.requiredDate("effectiveFrom", body.effectiveFrom());
        Map<String, BigDecimal> weights = new LinkedHashMap<>();
        if (body.weights() != null) {
            for (Map.Entry<String, JsonNode> e : body.weights().entrySet()) {
                weights.put(e.getKey(), RequestValues.decimalOrInteger("weights." + e.getKey(), e.getValue()));
            }
        }
        v.check();
        SetAllocationKey cmd = new SetAllocationKey(projectId, method, from, weights, caller.attribution());
        return writes.write(request, cmd, HttpStatus.OK, new ResourceRef.Project(projectId), this::render);
    }

    @Access(Operation.GOVERN)
    @PutMapping("/{projectId}/rate-card")
    public ResponseEntity<Object> rateCard(@PathVariable String projectId, @RequestBody RateCardRequest body,
                                           HttpServletRequest request) {
        knownProjects.require(projectId);
        RequestValues v = new RequestValues();
        LocalDate from = v.requiredDate("effectiveFrom", body.effectiveFrom());
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        if (body.hourlyRates() != null) {
            for (Map.Entry<String, String> e : body.hourlyRates().entrySet()) {
                v.maxLength("hourlyRates", e.getKey(), 200);
                rates.put(e.getKey(), v.required("hourlyRates." + e.getKey(),
                        RequestValues.decimal("hourlyRates." + e.getKey(), e.getValue())));
            }
        }
        v.check();
        SetRateCard cmd = new SetRateCard(projectId, from, rates, caller.attribution());
        return writes.write(request, cmd, HttpStatus.OK, new ResourceRef.Project(projectId), this::render);
    }


    ProjectJson.Project render(ResourceRef.Project resource) {
        var project = projects.find(resource.projectId(), clock)
                .orElseThrow(() -> ApiProblem.noSuchProject(resource.projectId()));
        return ProjectJson.project(project, clock);
    }

    Object render(ResourceRef.Member resource) {
        var project = projects.find(resource.projectId(), clock)
                .orElseThrow(() -> ApiProblem.noSuchProject(resource.projectId()));
        return project.members().stream().filter(m -> m.memberId().equals(resource.memberId())).findFirst()
                .map(ProjectJson::member)
                .orElseThrow(() -> ApiProblem.notFound("There is no member " + resource.memberId() + "."));
    }
}
