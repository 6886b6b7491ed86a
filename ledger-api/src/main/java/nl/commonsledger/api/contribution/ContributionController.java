package nl.commonsledger.api.contribution;

import nl.commonsledger.api.security.Access;
import nl.commonsledger.api.security.Operation;
import jakarta.servlet.http.HttpServletRequest;
import nl.commonsledger.api.audit.EventHistory;
import nl.commonsledger.api.contribution.ContributionJson.ContributionRequest;
import nl.commonsledger.api.contribution.ContributionJson.ReversalRequest;
import nl.commonsledger.api.security.Caller;
import nl.commonsledger.api.web.ApiProblem;
import nl.commonsledger.api.web.KnownProjects;
import nl.commonsledger.api.web.Page;
import nl.commonsledger.api.web.RequestValues;
import nl.commonsledger.api.write.CommandPipeline;
import nl.commonsledger.api.write.NewIds;
import nl.commonsledger.api.write.ResourceRef;
import nl.commonsledger.core.period.Quarter;
import nl.commonsledger.core.project.ContributionKind;
import nl.commonsledger.core.project.ContributionStatus;
import nl.commonsledger.core.project.ProjectCommand.CorrectContribution;
import nl.commonsledger.core.project.ProjectCommand.RecordContribution;
import nl.commonsledger.core.project.ProjectCommand.ReverseContribution;
import nl.commonsledger.projections.contribution.ContributionFilter;
import nl.commonsledger.projections.contribution.ContributionQueries;
import nl.commonsledger.projections.contribution.ContributionView;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Recording, listing, correcting and reversing contributions. */
@RestController
@RequestMapping("/api/projects/{projectId}/contributions")
public class ContributionController {

    private final CommandPipeline writes;
    private final ContributionQueries contributions;
    private final KnownProjects knownProjects;
    private final EventHistory history;
    private final Caller caller;

    public ContributionController(CommandPipeline writes, ContributionQueries contributions, KnownProjects knownProjects,
                                  EventHistory history, Caller caller) {
        this.writes = writes;
        this.contributions = contributions;
        this.knownProjects = knownProjects;
        this.history = history;
        this.caller = caller;
    }

    /** The terms of a contribution as parsed from a request, before the ledger judges them. */
    record Terms(ContributionKind kind, BigDecimal amount, BigDecimal hours, String role, LocalDate date,
                         String reference, String description) {
    }

    /** Parses a contribution's terms; an import parses each of its rows with this same method. */
    static Terms terms(ContributionRequest body, RequestValues v) {
        ContributionKind kind = v.oneOf("kind", body.kind(), ContributionKind.class);
        BigDecimal amount = RequestValues.decimal("amount", body.amount());
        BigDecimal hours = RequestValues.decimal("hours", body.hours());
        LocalDate date = v.requiredDate("date", body.date());
        v.maxLength("role", body.role(), 200);
        v.line("reference", body.reference(), 200);
        v.text("description", body.description(), 2000);
        return new Terms(kind, amount, hours, body.role(), date, body.reference(), body.description());
    }

    @Access(Operation.BOOK)
    @PostMapping
    public ResponseEntity<Object> record(@PathVariable String projectId, @RequestBody ContributionRequest body,
                                         HttpServletRequest request) {
        knownProjects.require(projectId);
        RequestValues v = new RequestValues();
        v.required("memberId", body.memberId());
        Terms t = terms(body, v);
        v.check();
        UUID id = NewIds.next();
        RecordContribution cmd = new RecordContribution(projectId, id, body.memberId(), t.kind(), t.amount(),
                t.hours(), t.role(), t.date(), t.reference(), t.description(), caller.attribution());
        return writes.write(request, cmd, HttpStatus.CREATED, new ResourceRef.Contribution(projectId, id), this::render);
    }

    @Access(Operation.READ)
    @GetMapping
    public Page<ContributionJson.Contribution> list(@PathVariable String projectId,
                                                    @RequestParam(required = false) String memberId,
                                                    @RequestParam(required = false) String kind,
                                                    @RequestParam(required = false) String period,
                                                    @RequestParam(required = false) String reference,
                                                    @RequestParam(required = false) String status,
                                                    @RequestParam(required = false) String limit,
                                                    @RequestParam(required = false) String after) {
        knownProjects.require(projectId);
        int max = Page.limit(limit);
        Quarter quarter = RequestValues.period("period", period);
        RequestValues v = new RequestValues();
        ContributionKind kindFilter = kind == null ? null : v.oneOf("kind", kind, ContributionKind.class);
        ContributionStatus statusFilter = status == null ? null : v.oneOf("status", status, ContributionStatus.class);
        v.check();
        Long cursor = Page.after(after);
        ContributionFilter filter = new ContributionFilter(memberId, kindFilter,
                quarter == null ? null : quarter.firstDay(), quarter == null ? null : quarter.lastDay(), reference,
                statusFilter);
        List<ContributionView> page = contributions.list(projectId, filter, cursor, max + 1);
        List<ContributionView> items = page.stream().limit(max).toList();
        String next = page.size() > max ? String.valueOf(items.get(items.size() - 1).listPosition()) : null;
        return new Page<>(items.stream().map(c -> ContributionJson.of(c, null)).toList(), next);
    }

    @Access(Operation.READ)
    @GetMapping("/{contributionId}")
    public ContributionJson.Contribution get(@PathVariable String projectId, @PathVariable String contributionId) {
        UUID id = knownContribution(projectId, contributionId);
        if (!id.toString().equals(contributionId)) {
            // Read by the id as stored: another spelling of a UUID names no contribution.
            throw noSuchContribution(projectId, contributionId);
        }
        return render(new ResourceRef.Contribution(projectId, id));
    }

    @Access(Operation.BOOK)
    @PostMapping("/{contributionId}/corrections")
    public ResponseEntity<Object> correct(@PathVariable String projectId, @PathVariable String contributionId,
                                          @RequestBody ContributionRequest body, HttpServletRequest request) {
        UUID id = knownContribution(projectId, contributionId);
        RequestValues v = new RequestValues();
        Terms t = terms(body, v);
        v.required("reason", body.reason());
        v.text("reason", body.reason(), 2000);
        v.check();
        CorrectContribution cmd = new CorrectContribution(projectId, id, t.kind(), t.amount(), t.hours(), t.role(),
                t.date(), t.reference(), t.description(), body.reason(), caller.attribution());
        return writes.write(request, cmd, HttpStatus.OK, new ResourceRef.Contribution(projectId, id), this::render);
    }

    @Access(Operation.BOOK)
    @PostMapping("/{contributionId}/reversal")
    public ResponseEntity<Object> reverse(@PathVariable String projectId, @PathVariable String contributionId,
                                          @RequestBody ReversalRequest body, HttpServletRequest request) {
        UUID id = knownContribution(projectId, contributionId);
        RequestValues v = new RequestValues();
        v.required("reason", body.reason());
        v.text("reason", body.reason(), 2000);
        v.check();
        ReverseContribution cmd = new ReverseContribution(projectId, id, body.reason(), caller.attribution());
        return writes.write(request, cmd, HttpStatus.OK, new ResourceRef.Contribution(projectId, id), this::render);
    }


    private UUID knownContribution(String projectId, String contributionId) {
        knownProjects.require(projectId);
        try {
            return UUID.fromString(contributionId);
        } catch (IllegalArgumentException e) {
            throw noSuchContribution(projectId, contributionId);
        }
    }

    private static ApiProblem noSuchContribution(String projectId, String contributionId) {
        return ApiProblem.notFound("There is no contribution " + contributionId + " in project " + projectId + ".");
    }

    /** A contribution with its history. */
    ContributionJson.Contribution render(ResourceRef.Contribution resource) {
        String projectId = resource.projectId();
        ContributionView view = contributions.find(projectId, resource.contributionId())
                .orElseThrow(() -> noSuchContribution(projectId, resource.contributionId().toString()));
        return ContributionJson.of(view, history.ofContributions(projectId, List.of(view.contributionId()))
                .get(view.contributionId()));
    }
}
