package nl.commonsledger.api.statement;

import nl.commonsledger.api.security.Access;
import nl.commonsledger.api.security.Operation;
import nl.commonsledger.api.csv.CsvFormat;
import nl.commonsledger.api.web.ApiProblem;
import nl.commonsledger.api.web.RequestValues;
import nl.commonsledger.core.period.Quarter;
import nl.commonsledger.projections.balance.StatementQueries;
import nl.commonsledger.projections.project.ProjectQueries;
import nl.commonsledger.projections.project.ProjectView;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A quarter's statement, in the format the {@code Accept} header asks for: JSON (the default), CSV or
 * PDF. Spring picks the method by its {@code produces}; an {@code Accept} that none of them can
 * answer is a 406 problem.
 */
@RestController
@RequestMapping("/api/projects/{projectId}/periods/{period}/statement")
@Access(Operation.READ)
public class StatementController {

    private final StatementQueries statements;
    private final ProjectQueries projects;
    private final Clock clock;

    public StatementController(StatementQueries statements, ProjectQueries projects, Clock clock) {
        this.statements = statements;
        this.projects = projects;
        this.clock = clock;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public StatementJson json(@PathVariable String projectId, @PathVariable String period) {
        return statement(project(projectId), period);
    }

    @GetMapping(produces = "text/csv")
    public ResponseEntity<String> csv(@PathVariable String projectId, @PathVariable String period,
                                      @RequestParam(name = "csv", required = false) String format) {
        CsvFormat csvFormat = CsvFormat.fromParameter(format);
        StatementJson s = statement(project(projectId), period);
        return StatementCsv.table(s).download(filename(s, "csv"), csvFormat);
    }

    @GetMapping(produces = MediaType.APPLICATION_PDF_VALUE)
    public ResponseEntity<byte[]> pdf(@PathVariable String projectId, @PathVariable String period) {
        ProjectView project = project(projectId);
        StatementJson s = statement(project, period);
        Map<String, String> names = project.members().stream()
                .collect(Collectors.toMap(ProjectView.MemberView::memberId, ProjectView.MemberView::name));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + filename(s, "pdf") + "\"")
                .body(StatementPdf.pdf(s, project.name(), names, clock.instant()));
    }

    private ProjectView project(String projectId) {
        return projects.find(projectId, clock).orElseThrow(() -> ApiProblem.noSuchProject(projectId));
    }

    /** A period of the project: from its first quarter through the current one. */
    private StatementJson statement(ProjectView project, String period) {
        Quarter quarter = RequestValues.period("period", period);
        var periods = project.periods();
        if (periods.stream().noneMatch(p -> p.period().equals(quarter.toString()))) {
            throw ApiProblem.notFound("Project " + project.projectId() + " has no period " + quarter + ": its periods run "
                    + "from " + periods.get(0).period() + " to " + periods.get(periods.size() - 1).period() + ".");
        }
        return StatementJson.of(statements.statement(project.projectId(), quarter)
                .orElseThrow(() -> ApiProblem.noSuchProject(project.projectId())));
    }

    private static String filename(StatementJson s, String extension) {
        return s.projectId() + "-" + s.period() + "-statement." + extension;
    }
}
