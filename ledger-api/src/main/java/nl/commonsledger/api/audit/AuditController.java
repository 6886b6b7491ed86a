package nl.commonsledger.api.audit;

import nl.commonsledger.api.security.Access;
import nl.commonsledger.api.security.Operation;
import nl.commonsledger.api.csv.CsvFormat;
import nl.commonsledger.api.security.Caller;
import nl.commonsledger.api.web.KnownProjects;
import nl.commonsledger.api.web.Page;
import nl.commonsledger.api.web.RequestValues;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The audit trail: the events with their digests, the audit itself, and the exports. */
@RestController
@RequestMapping("/api/projects/{projectId}")
@Access(Operation.READ)
public class AuditController {

    private final EventHistory history;
    private final LedgerAudit audit;
    private final JournalExport journal;
    private final ContributionCsv csv;
    private final KnownProjects knownProjects;
    private final ExpensiveReads expensive;
    private final Caller caller;

    public AuditController(EventHistory history, LedgerAudit audit, JournalExport journal, ContributionCsv csv,
                           KnownProjects knownProjects, ExpensiveReads expensive, Caller caller) {
        this.expensive = expensive;
        this.caller = caller;
        this.history = history;
        this.audit = audit;
        this.journal = journal;
        this.csv = csv;
        this.knownProjects = knownProjects;
    }

    @GetMapping("/events")
    public Page<EventHistory.Event> events(@PathVariable String projectId,
                                           @RequestParam(required = false) String limit,
                                           @RequestParam(required = false) String after) {
        knownProjects.require(projectId);
        int max = Page.limit(limit);
        Long cursor = Page.after(after);
        // A cursor at or past the end (up to the largest number) is an empty page, never a wrap-around.
        long from = cursor == null ? 0 : cursor == Long.MAX_VALUE ? Long.MAX_VALUE : cursor + 1;
        List<EventHistory.Event> page = history.page(projectId, from, max + 1);
        List<EventHistory.Event> items = page.stream().limit(max).toList();
        String next = page.size() > max ? String.valueOf(items.get(items.size() - 1).sequence()) : null;
        return new Page<>(items, next);
    }

    @GetMapping("/audit")
    public LedgerAudit.Report audit(@PathVariable String projectId) {
        knownProjects.require(projectId);
        return expensive.budgeted(caller.id(), () -> audit.audit(projectId));
    }

    /**
     * Written to the response as it is read, not built first: a long history's journal is larger than
     * the heap. A failure after the first bytes can then only cut the answer short (hledger then reports
     * an unbalanced or incomplete journal), not turn it into a problem response.
     */
    @GetMapping(value = "/export/journal", produces = MediaType.TEXT_PLAIN_VALUE)
    public void journal(@PathVariable String projectId, HttpServletResponse response) throws IOException {
        knownProjects.require(projectId);
        response.setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8).toString());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + projectId + ".journal\"");
        // Flushed only when complete: a failure within the first 64 KiB still gets its problem response.
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                1 << 16);
        journal.write(projectId, out);
        out.flush();
    }

    @GetMapping(value = "/export/contributions", produces = "text/csv")
    public ResponseEntity<String> contributions(@PathVariable String projectId,
                                                @RequestParam(required = false) String from,
                                                @RequestParam(required = false) String to,
                                                @RequestParam(name = "csv", required = false) String format) {
        knownProjects.require(projectId);
        CsvFormat csvFormat = CsvFormat.fromParameter(format);
        return csv.csv(projectId, RequestValues.date("from", from),
                        RequestValues.date("to", to))
                .download(projectId + "-contributions.csv", csvFormat);
    }

}
