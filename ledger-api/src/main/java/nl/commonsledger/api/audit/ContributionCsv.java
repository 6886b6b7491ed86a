package nl.commonsledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.csv.CsvCell;
import nl.commonsledger.api.csv.CsvTable;
import nl.commonsledger.projections.contribution.ContributionFilter;
import nl.commonsledger.projections.contribution.ContributionQueries;
import nl.commonsledger.projections.contribution.ContributionView;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Contributions for an accountant's working papers: one row per event of each contribution
 * (RECORDED, CORRECTED, REVERSED), with who and when, the values that event stated, and the
 * contribution's current status and value, so the whole history is on paper.
 */
@Component
public class ContributionCsv {

    private static final List<String> COLUMNS = List.of("contributionId", "sequence", "event", "recordedAt",
            "recordedBy", "memberId", "kind", "amount", "hours", "role", "date", "reference", "description", "reason",
            "currentStatus", "currentValue");
    private static final int PAGE = 1000;

    private final ContributionQueries contributions;
    private final EventHistory history;

    public ContributionCsv(ContributionQueries contributions, EventHistory history) {
        this.contributions = contributions;
        this.history = history;
    }

    /** Contributions whose business date lies in [from, to] (either open), oldest recording first. */
    public CsvTable csv(String projectId, LocalDate from, LocalDate to) {
        CsvTable table = new CsvTable(COLUMNS);
        ContributionFilter filter = new ContributionFilter(null, null, from, to, null, null);
        Long after = null;
        for (List<ContributionView> page = contributions.list(projectId, filter, null, PAGE); !page.isEmpty();
             page = contributions.list(projectId, filter, after, PAGE)) {
            Map<String, List<EventHistory.Event>> events = history.ofContributions(projectId,
                    page.stream().map(ContributionView::contributionId).toList());
            for (ContributionView c : page) {
                for (EventHistory.Event e : events.get(c.contributionId())) {
                    table.row(row(c, e));
                }
                after = c.listPosition();
            }
        }
        return table;
    }

    private static List<CsvCell> row(ContributionView c, EventHistory.Event e) {
        JsonNode p = e.payload();
        List<CsvCell> row = new ArrayList<>(COLUMNS.size());
        row.add(CsvCell.text(c.contributionId()));
        row.add(CsvCell.number(e.sequence()));
        row.add(CsvCell.text(switch (e.type()) {
            case "ContributionRecorded" -> "RECORDED";
            case "ContributionCorrected" -> "CORRECTED";
            default -> "REVERSED";
        }));
        row.add(CsvCell.text(e.recordedAt()));
        row.add(CsvCell.text(e.recordedBy()));
        row.add(CsvCell.text(c.memberId()));
        row.add(CsvCell.text(text(p, "kind")));
        // Amounts and hours as events state them: exact decimal strings, so numbers in the sheet.
        row.add(CsvCell.number(decimal(p, "amount")));
        row.add(CsvCell.number(decimal(p, "hours")));
        for (String field : List.of("role", "date", "reference", "description", "reason")) {
            row.add(CsvCell.text(text(p, field)));
        }
        row.add(CsvCell.text(c.status().name()));
        row.add(CsvCell.money(c.value()));
        return row;
    }

    private static String text(JsonNode payload, String field) {
        JsonNode v = payload.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static BigDecimal decimal(JsonNode payload, String field) {
        String v = text(payload, field);
        return v.isEmpty() ? null : new BigDecimal(v);
    }
}
