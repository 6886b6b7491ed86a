package nl.commonsledger.api.contribution;

import nl.commonsledger.api.security.Access;
import nl.commonsledger.api.security.Operation;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import nl.commonsledger.api.security.AccessPolicy;
import nl.commonsledger.api.security.Caller;
import nl.commonsledger.api.web.ApiProblem;
import nl.commonsledger.api.web.Causes;
import nl.commonsledger.api.web.KnownProjects;
import nl.commonsledger.api.web.RowProblem.RowError;
import nl.commonsledger.api.web.RowProblem;
import nl.commonsledger.api.write.CommandPipeline;
import nl.commonsledger.api.write.NewIds;
import nl.commonsledger.api.write.ResourceRef;
import nl.commonsledger.core.money.MinorUnits;
import nl.commonsledger.core.money.Money;
import nl.commonsledger.core.project.ImportRejectedException;
import nl.commonsledger.core.project.ProjectCommand.ImportContributions.Row;
import nl.commonsledger.core.project.ProjectCommand.ImportContributions;
import nl.commonsledger.core.project.ProjectTerms;
import nl.commonsledger.projections.contribution.ContributionQueries;
import nl.commonsledger.projections.project.ProjectQueries;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Bulk import of contributions, all or nothing, as one command to the project (so the events, the
 * digest chain and the Idempotency-Key claim commit in one transaction), and its dry run, which
 * asks the project the same question without booking and never claims the key.
 */
@RestController
@RequestMapping("/api/projects/{projectId}/contributions")
public class ContributionImportController {

    private final CommandPipeline writes;
    private final CommandGateway commands;
    private final ContributionQueries contributions;
    private final ProjectQueries projects;
    private final KnownProjects knownProjects;
    private final AccessPolicy access;
    private final Caller caller;
    private final ObjectMapper json;

    public ContributionImportController(CommandPipeline writes, CommandGateway commands,
                                        ContributionQueries contributions, ProjectQueries projects,
                                        KnownProjects knownProjects, AccessPolicy access, Caller caller,
                                        ObjectMapper json) {
        this.writes = writes;
        this.commands = commands;
        this.contributions = contributions;
        this.projects = projects;
        this.knownProjects = knownProjects;
        this.access = access;
        this.caller = caller;
        this.json = json;
    }

    public record Imported(int imported, List<UUID> contributionIds, String totalValue) {
    }

    public record DryRun(boolean dryRun, boolean valid, int wouldImport, String totalValue) {
    }

    @Access(Operation.BOOK)
    @PostMapping(path = "/import", consumes = {"text/csv", MediaType.APPLICATION_JSON_VALUE})
    public ResponseEntity<Object> importRows(@PathVariable String projectId,
                                             @RequestParam(required = false) String dryRun,
                                             @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
                                             @RequestBody(required = false) byte[] upload,
                                             HttpServletRequest request) {
        knownProjects.require(projectId);
        byte[] body = upload == null ? new byte[0] : upload;
        boolean onlyCheck = dryRun(dryRun);
        // The ids of an import follow from one new id and the row's place in the file, so that the
        // answer (also a replay of it) can be rendered from the claim's resource alone.
        UUID importId = NewIds.next();
        IntFunction<UUID> ids = i -> ResourceRef.RowIds.BLOCK.of(importId, i);
        ImportFile file = MediaType.APPLICATION_JSON.isCompatibleWith(contentType)
                ? ImportFile.json(body, json, ids) : ImportFile.csv(body, ids);
        access.authorizeImport(caller.user(), file.memberIds());
        if (!file.errors().isEmpty()) {
            throw rowProblem(projectId, file);
        }
        ImportContributions cmd = new ImportContributions(projectId, file.rows(), onlyCheck, caller.attribution());
        try {
            if (onlyCheck) {
                int n = commands.sendAndWait(cmd);
                return ResponseEntity.ok(new DryRun(true, true, n, wouldBeWorth(projectId, file.rows())));
            }
            return writes.write(request, cmd, HttpStatus.CREATED,
                    new ResourceRef.Import(projectId, importId, file.rows().size(), ResourceRef.RowIds.BLOCK), this::render);
        } catch (RuntimeException e) {
            ImportRejectedException rejected = Causes.find(e, ImportRejectedException.class);
            if (rejected == null) {
                throw e;
            }
            throw rowProblem(rejected, List.of());
        }
    }

    /**
     * The rows that did not parse, and what the ledger says of those that did (a dry run), so that
     * one answer names every bad row.
     */
    private RowProblem rowProblem(String projectId, ImportFile file) {
        if (!file.rows().isEmpty()) {
            try {
                commands.sendAndWait(new ImportContributions(projectId, file.rows(), true, caller.attribution()));
            } catch (RuntimeException e) {
                ImportRejectedException rejected = Causes.find(e, ImportRejectedException.class);
                if (rejected == null) {
                    throw e;
                }
                return rowProblem(rejected, file.errors());
            }
        }
        return new RowProblem(file.errors());
    }

    private static RowProblem rowProblem(ImportRejectedException rejected, List<RowError> more) {
        List<RowError> errors = new ArrayList<>(more);
        rejected.rows().forEach(r -> errors.add(new RowError(r.row(), r.field(), r.message())));
        return new RowProblem(errors);
    }

    /** Renders an import once the read models show it. */
    private Object render(ResourceRef.Import resource) {
        String projectId = resource.projectId();
        List<UUID> ids = IntStream.range(0, resource.rows()).mapToObj(resource::contributionId).toList();
        int scale = projects.currency(projectId).orElseThrow().scale();
        // A block of ids holds exactly the import's rows, so its total is one range of the key.
        long total = resource.rowIds() == ResourceRef.RowIds.BLOCK && !ids.isEmpty()
                ? contributions.totalValueMinorBetween(projectId, ids.get(0), ids.get(ids.size() - 1))
                : contributions.totalValueMinor(projectId, ids);
        return new Imported(ids.size(), ids, Money.ofMinor(total, scale).toString());
    }

    /** What a dry run's rows would be worth on today's terms, by the same rule the projection values them. */
    private String wouldBeWorth(String projectId, List<Row> rows) {
        ProjectTerms terms = projects.terms(projectId);
        long total = 0;
        for (Row r : rows) {
            Long amountMinor = r.amount() == null ? null : MinorUnits.toMinor(r.amount(), terms.scale());
            total += terms.valueMinor(r.kind(), amountMinor, r.hours(), r.role(), r.date());
        }
        return Money.ofMinor(total, terms.scale()).toString();
    }

    private static boolean dryRun(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ApiProblem.badRequest("dryRun", "dryRun must be true or false.");
    }
}
