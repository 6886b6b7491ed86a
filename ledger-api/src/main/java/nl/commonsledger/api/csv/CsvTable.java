package nl.commonsledger.api.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every CSV the service writes, as the contract's "CSV everywhere" says: a UTF-8 byte order mark
 * (without it Excel reads UTF-8 as Windows-1252), RFC 4180 quoting and CRLF line ends (Jackson CSV),
 * text cells that start with {@code = + - @}, tab or carriage return prefixed with {@code '} so that
 * a spreadsheet shows them instead of running them, and numbers written plainly so that they stay
 * numbers, with the decimal mark of the {@link CsvFormat}.
 */
public final class CsvTable {

    private static final String BOM = "\uFEFF";
    /** Quotes only what needs it, so that numbers are never quoted (a spreadsheet may read those as text). */
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private final List<String> columns;
    private final List<CsvCell[]> rows = new ArrayList<>();

    public CsvTable(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Adds a row with one cell per column, in column order. */
    public CsvTable row(CsvCell... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells for " + columns.size() + " columns");
        }
        rows.add(cells.clone());
        return this;
    }

    public CsvTable row(List<CsvCell> cells) {
        return row(cells.toArray(CsvCell[]::new));
    }

    /** The whole file, byte order mark and header row included. */
    public String write(CsvFormat format) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true)
                .setColumnSeparator(format.separator()).setLineSeparator("\r\n");
        columns.forEach(c -> schema.addColumn(neutralised(c)));
        List<String[]> lines = new ArrayList<>(rows.size());
        for (CsvCell[] row : rows) {
            lines.add(Arrays.stream(row).map(cell -> written(cell, format)).toArray(String[]::new));
        }
        try {
            return BOM + MAPPER.writer(schema.build()).writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file as a download: {@code text/csv; charset=UTF-8}, saved under the given name. */
    public ResponseEntity<String> download(String filename, CsvFormat format) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
                .body(write(format));
    }

    private static String written(CsvCell cell, CsvFormat format) {
        if (cell instanceof CsvCell.Number n) {
            return n.value().toPlainString().replace('.', format.decimalMark());
        }
        return neutralised(((CsvCell.Text) cell).value());
    }

    /** Spreadsheets run a cell that starts with one of these as a formula (OWASP "CSV injection"). */
    private static String neutralised(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
