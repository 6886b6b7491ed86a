package nl.commonsledger.api.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import nl.commonsledger.api.web.Amounts;
import nl.commonsledger.projections.contribution.ContributionFilter;
import nl.commonsledger.projections.contribution.ContributionQueries;
import nl.commonsledger.projections.contribution.ContributionView;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    private final CsvMapper csv = new CsvMapper();

    public ContributionCsv(ContributionQueries contributions, EventHistory history) {
        this.contributions = contributions;
        this.history = history;
    }

    /** Contributions whose business date lies in [from, to] (either open), oldest recording first. */
    public String csv(String projectId, LocalDate from, LocalDate to) {
        List<Map<String, String>> rows = new ArrayList<>();
        ContributionFilter filter = new ContributionFilter(null, null, from, to, null, null);
        Long after = null;
        for (List<ContributionView> page = contributions.list(projectId, filter, null, PAGE); !page.isEmpty();
             page = contributions.list(projectId, filter, after, PAGE)) {
            Map<String, List<EventHistory.Event>> events = history.ofContributions(projectId,
                    page.stream().map(ContributionView::contributionId).toList());
            for (ContributionView c : page) {
                for (EventHistory.Event e : events.get(c.contributionId())) {
                    rows.add(row(c, e));
                }
                after = c.listPosition();
            }
        }
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(schema::addColumn);
        try {
            return csv.writer(schema.build()).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> row(ContributionView c, EventHistory.Event e) {
        JsonNode p = e.payload();
        Map<String, String> row = new LinkedHashMap<>();
        row.put("contributionId", c.contributionId());
        row.put("sequence", String.valueOf(e.sequence()));
        row.put("event", switch (e.type()) {
            case "ContributionRecorded" -> "RECORDED";
            case "ContributionCorrected" -> "CORRECTED";
            default -> "REVERSED";
        });
        row.put("recordedAt", e.recordedAt());
        row.put("recordedBy", e.recordedBy());
        row.put("memberId", c.memberId());
        for (String field : List.of("kind", "amount", "hours", "role", "date", "reference", "description", "reason")) {
            row.put(field, text(p, field));
        }
        row.put("currentStatus", c.status());
        row.put("currentValue", Amounts.money(c.valueMinor(), c.scale()));
        return row;
    }

    private static String text(JsonNode payload, String field) {
        JsonNode v = payload.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
