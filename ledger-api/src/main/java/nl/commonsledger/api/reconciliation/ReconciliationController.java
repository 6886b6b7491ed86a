package nl.commonsledger.api.reconciliation;

import nl.commonsledger.api.security.Access;
import nl.commonsledger.api.security.Operation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.commonsledger.api.csv.CsvUpload;
import nl.commonsledger.api.web.Amounts;
import nl.commonsledger.api.web.ApiProblem;
import nl.commonsledger.api.web.JsonArrayBody;
import nl.commonsledger.api.web.KnownProjects;
import nl.commonsledger.api.web.RequestValues;
import nl.commonsledger.api.web.RowProblem;
import nl.commonsledger.api.web.RowProblem.RowError;
import nl.commonsledger.core.money.MinorUnits;
import nl.commonsledger.projections.contribution.ContributionFilter;
import nl.commonsledger.projections.contribution.ContributionQueries;
import nl.commonsledger.projections.contribution.ContributionView;
import nl.commonsledger.projections.ledger.LedgerStore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A member's own books against the ledger: its lines {reference, date, amount} are matched to its
 * effective contributions by exact reference, and each pair, or each side alone, lands in one
 * group with counts and sums, so a clerk sees at a glance what to fix. It stores nothing (an
 * Idempotency-Key is accepted and ignored: there is nothing to repeat).
 */
@RestController
@Access(Operation.RECONCILE)
public class ReconciliationController {

    private static final List<String> COLUMNS = List.of("reference", "date", "amount");

    private final ContributionQueries contributions;
    private final LedgerStore store;
    private final KnownProjects knownProjects;
    private final ObjectMapper json;

    public ReconciliationController(ContributionQueries contributions, LedgerStore store, KnownProjects knownProjects,
                                    ObjectMapper json) {
        this.contributions = contributions;
        this.store = store;
        this.knownProjects = knownProjects;
        this.json = json;
    }

    /** One line of the member's books, as parsed; {@code amountMinor} in the project currency. */
    record BookLine(int row, String reference, LocalDate date, long amountMinor) {
    }

    public record Matched(String reference, LocalDate date, String amount, String contributionId) {
    }

    public record LedgerSide(LocalDate date, String value) {
    }

    public record BooksSide(LocalDate date, String amount) {
    }

    public record Differing(String reference, String contributionId, LedgerSide ledger, BooksSide books,
                            List<String> differences) {
    }

    public record OnlyInLedger(String contributionId, String reference, LocalDate date, String value) {
    }

    public record OnlyInBooks(String reference, LocalDate date, String amount) {
    }

    public record Count(int count, String amount) {
    }

    public record DifferingCount(int count, String ledgerValue, String booksAmount) {
    }

    public record LedgerCount(int count, String value) {
    }

    public record Totals(Count matched, DifferingCount differing, LedgerCount onlyInLedger, Count onlyInBooks) {
    }

    public record Report(String memberId, LocalDate from, LocalDate to, List<Matched> matched,
                         List<Differing> differing, List<OnlyInLedger> onlyInLedger, List<OnlyInBooks> onlyInBooks,
                         Totals totals) {
    }

    @PostMapping(path = "/api/projects/{projectId}/members/{memberId}/reconciliation",
            consumes = {"text/csv", MediaType.APPLICATION_JSON_VALUE})
    public Report reconcile(@PathVariable String projectId, @PathVariable String memberId,
                            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                            @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
                            @RequestBody(required = false) byte[] upload) {
        knownProjects.require(projectId);
        LocalDate fromDate = RequestValues.date("from", from);
        LocalDate toDate = RequestValues.date("to", to);
        if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
            throw ApiProblem.invalid("to", "to " + toDate + " is before from " + fromDate + ".");
        }
        int scale = store.scaleOf(projectId);
        if (store.terms(projectId).members().stream().noneMatch(m -> m.memberId().equals(memberId))) {
            throw ApiProblem.notFound("Member " + memberId + " does not belong to project " + projectId + ".");
        }
        byte[] body = upload == null ? new byte[0] : upload;
        List<BookLine> books = MediaType.APPLICATION_JSON.isCompatibleWith(contentType)
                ? jsonLines(body, scale) : csvLines(body, scale);
        return reconcile(memberId, fromDate, toDate, books, ledger(projectId, memberId, fromDate, toDate), scale);
    }

    /** The member's effective contributions dated in the range, in the order they were recorded. */
    private List<ContributionView> ledger(String projectId, String memberId, LocalDate from, LocalDate to) {
        ContributionFilter filter = new ContributionFilter(memberId, null, from, to, null, "EFFECTIVE");
        List<ContributionView> all = new ArrayList<>();
        Long cursor = null;
        while (true) {
            List<ContributionView> page = contributions.list(projectId, filter, cursor, 1000);
            all.addAll(page);
            if (page.size() < 1000) {
                return all;
            }
            cursor = page.get(page.size() - 1).listPosition();
        }
    }

    static Report reconcile(String memberId, LocalDate from, LocalDate to, List<BookLine> books,
                            List<ContributionView> ledger, int scale) {
        Map<String, Integer> timesInBooks = new HashMap<>();
        books.stream().filter(b -> b.reference() != null).forEach(b -> timesInBooks.merge(b.reference(), 1, Integer::sum));
        Map<String, ContributionView> byReference = new LinkedHashMap<>();
        ledger.stream().filter(c -> c.reference() != null).forEach(c -> byReference.put(c.reference(), c));

        List<Matched> matched = new ArrayList<>();
        List<Differing> differing = new ArrayList<>();
        List<OnlyInBooks> onlyInBooks = new ArrayList<>();
        long matchedSum = 0, differingLedger = 0, differingBooks = 0, onlyInBooksSum = 0, onlyInLedgerSum = 0;
        java.util.Set<String> paired = new java.util.HashSet<>();
        for (BookLine b : books) {
            ContributionView c = b.reference() == null || timesInBooks.get(b.reference()) > 1 ? null
                    : byReference.get(b.reference());
            if (c == null) {
                onlyInBooks.add(new OnlyInBooks(b.reference(), b.date(), Amounts.money(b.amountMinor(), scale)));
                onlyInBooksSum += b.amountMinor();
                continue;
            }
            paired.add(c.contributionId());
            List<String> differences = new ArrayList<>();
            if (!Objects.equals(c.date(), b.date())) {
                differences.add("date");
            }
            if (c.valueMinor() != b.amountMinor()) {
                differences.add("amount");
            }
            if (differences.isEmpty()) {
                matched.add(new Matched(b.reference(), b.date(), Amounts.money(b.amountMinor(), scale), c.contributionId()));
                matchedSum += b.amountMinor();
            } else {
                differing.add(new Differing(b.reference(), c.contributionId(),
                        new LedgerSide(c.date(), Amounts.money(c.valueMinor(), scale)),
                        new BooksSide(b.date(), Amounts.money(b.amountMinor(), scale)), differences));
                differingLedger += c.valueMinor();
                differingBooks += b.amountMinor();
            }
        }
        List<OnlyInLedger> onlyInLedger = new ArrayList<>();
        for (ContributionView c : ledger) {
            if (!paired.contains(c.contributionId())) {
                onlyInLedger.add(new OnlyInLedger(c.contributionId(), c.reference(), c.date(),
                        Amounts.money(c.valueMinor(), scale)));
                onlyInLedgerSum += c.valueMinor();
            }
        }
        Totals totals = new Totals(new Count(matched.size(), Amounts.money(matchedSum, scale)),
                new DifferingCount(differing.size(), Amounts.money(differingLedger, scale),
                        Amounts.money(differingBooks, scale)),
                new LedgerCount(onlyInLedger.size(), Amounts.money(onlyInLedgerSum, scale)),
                new Count(onlyInBooks.size(), Amounts.money(onlyInBooksSum, scale)));
        return new Report(memberId, from, to, matched, differing, onlyInLedger, onlyInBooks, totals);
    }

    private List<BookLine> csvLines(byte[] body, int scale) {
        List<RowError> errors = new ArrayList<>();
        List<BookLine> lines = new ArrayList<>();
        CsvUpload csv = CsvUpload.of(body);
        csv.read(COLUMNS, errors, (row, c) -> line(row, c.get("reference"), c.get("date"), csv.decimal(c.get("amount")),
                scale, lines, errors));
        return checked(lines, errors);
    }

    private List<BookLine> jsonLines(byte[] body, int scale) {
        JsonNode array = JsonArrayBody.read(json, body, "The books are a JSON array of {reference, date, amount}.");
        List<RowError> errors = new ArrayList<>();
        List<BookLine> lines = new ArrayList<>();
        int row = 0;
        for (JsonNode e : array) {
            row++;
            if (!e.isObject() || !textOrNull(e, "reference") || !textOrNull(e, "date") || !textOrNull(e, "amount")) {
                errors.add(new RowError(row, null, "Line " + row + " is not an object of strings {reference, date, amount}."));
                continue;
            }
            line(row, text(e, "reference"), text(e, "date"), text(e, "amount"), scale, lines, errors);
        }
        return checked(lines, errors);
    }

    private static void line(int row, String reference, String date, String amount, int scale, List<BookLine> lines,
                             List<RowError> errors) {
        RequestValues v = new RequestValues();
        try {
            LocalDate d = v.required("date", RequestValues.date("date", date));
            BigDecimal a = v.required("amount", RequestValues.decimal("amount", amount));
            if (a != null && a.scale() > scale) {
                v.add("amount", "amount " + amount + " has more than " + scale + " decimals.");
            }
            v.check();
            lines.add(new BookLine(row, reference == null || reference.isBlank() ? null : reference, d,
                    MinorUnits.toMinor(a, scale)));
        } catch (ApiProblem problem) {
            problem.errors().forEach(e -> errors.add(new RowError(row, e.field(), e.message())));
        }
    }

    private static List<BookLine> checked(List<BookLine> lines, List<RowError> errors) {
        if (!errors.isEmpty()) {
            throw new RowProblem(errors);
        }
        return lines;
    }

    private static boolean textOrNull(JsonNode object, String field) {
        JsonNode n = object.get(field);
        return n == null || n.isNull() || n.isTextual();
    }

    private static String text(JsonNode object, String field) {
        JsonNode n = object.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
