package nl.commonsledger.api.reconciliation;

import nl.commonsledger.api.security.Access;
import nl.commonsledger.api.security.Operation;
import nl.commonsledger.api.csv.CsvCell;
import nl.commonsledger.api.csv.CsvFormat;
import nl.commonsledger.api.csv.CsvTable;
import nl.commonsledger.api.web.ApiProblem;
import nl.commonsledger.api.web.KnownProjects;
import nl.commonsledger.api.web.RequestValues;
import nl.commonsledger.core.period.Quarter;
import nl.commonsledger.projections.contribution.ContributionFilter;
import nl.commonsledger.projections.contribution.ContributionQueries;
import nl.commonsledger.projections.contribution.ContributionView;
import nl.commonsledger.projections.ledger.LedgerStore;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;

/**
 * A member's contributions for its own books, as CSV: every contribution dated in the range that
 * the member gave, or of which it bears a non-zero share, with that share. Written with the one
 * spreadsheet-safe CSV writer of every export.
 */
@RestController
@Access(Operation.READ)
public class MemberExportController {

    private static final List<String> COLUMNS = List.of("contributionId", "date", "period", "memberId", "kind",
            "reference", "description", "status", "value", "share");
    private static final int PAGE = 1000;

    private final ContributionQueries contributions;
    private final LedgerStore store;
    private final KnownProjects knownProjects;

    public MemberExportController(ContributionQueries contributions, LedgerStore store, KnownProjects knownProjects) {
        this.contributions = contributions;
        this.store = store;
        this.knownProjects = knownProjects;
    }

    @GetMapping(value = "/api/projects/{projectId}/members/{memberId}/export", produces = "text/csv")
    public ResponseEntity<String> export(@PathVariable String projectId, @PathVariable String memberId,
                                         @RequestParam(required = false) String from,
                                         @RequestParam(required = false) String to,
                                         @RequestParam(name = "csv", required = false) String format) {
        knownProjects.require(projectId);
        CsvFormat csvFormat = CsvFormat.fromParameter(format);
        LocalDate fromDate = RequestValues.date("from", from);
        LocalDate toDate = RequestValues.date("to", to);
        if (store.terms(projectId).members().stream().noneMatch(m -> m.memberId().equals(memberId))) {
            throw ApiProblem.notFound("Member " + memberId + " does not belong to project " + projectId + ".");
        }
        CsvTable table = new CsvTable(COLUMNS);
        ContributionFilter filter = new ContributionFilter(null, null, fromDate, toDate, null, null);
        for (List<ContributionView> page = contributions.list(projectId, filter, null, PAGE); !page.isEmpty();
             page = contributions.list(projectId, filter, page.get(page.size() - 1).listPosition(), PAGE)) {
            for (ContributionView c : page) {
                long share = c.allocation().getOrDefault(memberId, 0L);
                if (share != 0 || c.memberId().equals(memberId)) {
                    table.row(CsvCell.text(c.contributionId()), CsvCell.text(c.date().toString()),
                            CsvCell.text(Quarter.of(c.date()).toString()), CsvCell.text(c.memberId()),
                            CsvCell.text(c.kind()), CsvCell.text(c.reference()), CsvCell.text(c.description()),
                            CsvCell.text(c.status()), CsvCell.money(c.valueMinor(), c.scale()),
                            CsvCell.money(share, c.scale()));
                }
            }
        }
        return table.download(projectId + "-" + memberId + ".csv", csvFormat);
    }
}
