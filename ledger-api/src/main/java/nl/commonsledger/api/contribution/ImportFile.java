package nl.commonsledger.api.contribution;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.commonsledger.api.contribution.ContributionController.Terms;
import nl.commonsledger.api.contribution.ContributionJson.ContributionRequest;
import nl.commonsledger.api.csv.CsvUpload;
import nl.commonsledger.api.web.ApiProblem;
import nl.commonsledger.api.web.JsonArrayBody;
import nl.commonsledger.api.web.RequestValues;
import nl.commonsledger.api.web.RowProblem.RowError;
import nl.commonsledger.core.project.ProjectCommand.ImportContributions.Row;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * An uploaded import, CSV or a JSON array, parsed row by row with the same parser as a single
 * booking ({@link ContributionController#terms}), so that a value means the same in both. What a
 * single booking would answer with 400 or 422 becomes an error of its row, so that one answer names
 * every bad row; the rows that parse are kept, for the ledger to judge.
 *
 * @param rows      the rows that parse, in file order, each with its contribution id
 * @param errors    what is wrong with the others
 * @param memberIds the member of every row, parsed or not, for the access check
 */
record ImportFile(List<Row> rows, List<RowError> errors, List<String> memberIds) {

    /** The CSV columns: the JSON field names of a single contribution. */
    static final List<String> COLUMNS = List.of("memberId", "kind", "amount", "hours", "role", "date", "reference",
            "description");

    static ImportFile csv(byte[] body, IntFunction<UUID> ids) {
        ImportFile file = new ImportFile(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        CsvUpload csv = CsvUpload.of(body);
        csv.read(COLUMNS, file.errors(), (row, c) -> file.add(row, new ContributionRequest(c.get("memberId"),
                c.get("kind"), csv.decimal(c.get("amount")), csv.decimal(c.get("hours")), c.get("role"), c.get("date"),
                c.get("reference"), c.get("description"), null), ids));
        return file;
    }

    static ImportFile json(byte[] body, ObjectMapper json, IntFunction<UUID> ids) {
        JsonNode array = JsonArrayBody.read(json, body, "An import in JSON is an array of contributions.");
        ImportFile file = new ImportFile(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int row = 0;
        for (JsonNode element : array) {
            row++;
            if (!element.isObject()) {
                file.errors().add(new RowError(row, null, "Element " + row + " is not a contribution object."));
                continue;
            }
            ContributionRequest request;
            try {
                request = json.treeToValue(element, ContributionRequest.class);
            } catch (JsonMappingException e) {
                String field = e.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                        .collect(Collectors.joining("."));
                file.memberIds().add(element.path("memberId").isTextual() ? element.get("memberId").asText() : null);
                file.errors().add(new RowError(row, field, field + " has the wrong type or format."));
                continue;
            } catch (IOException e) {
                file.errors().add(new RowError(row, null, "Element " + row + " is not a contribution object."));
                continue;
            }
            file.add(row, request, ids);
        }
        return file;
    }

    private void add(int row, ContributionRequest request, IntFunction<UUID> ids) {
        memberIds.add(request.memberId());
        RequestValues v = new RequestValues();
        try {
            v.required("memberId", request.memberId());
            Terms t = ContributionController.terms(request, v);
            v.check();
            rows.add(new Row(row, ids.apply(rows.size()), request.memberId(), t.kind(), t.amount(), t.hours(), t.role(),
                    t.date(), t.reference(), t.description()));
        } catch (ApiProblem problem) {
            problem.errors().forEach(e -> errors.add(new RowError(row, e.field(), e.message())));
        }
    }
}
