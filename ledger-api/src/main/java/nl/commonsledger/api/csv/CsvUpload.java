package nl.commonsledger.api.csv;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import nl.commonsledger.api.web.ApiProblem;
import nl.commonsledger.api.web.RowProblem.RowError;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * A CSV file as finance departments export it, read by Jackson's CSV parser (quoted fields may hold
 * separators, doubled quotes and line breaks): UTF-8 with or without BOM; a header row naming the
 * columns in any order, case-insensitive; {@code ,} or {@code ;} as separator, whichever the header
 * uses more. With {@code ;} (Dutch spreadsheet settings) {@link #decimal} also accepts a decimal comma.
 * Row numbers count the header as row 1, as a spreadsheet shows them.
 */
public final class CsvUpload {

    /** {@code 1.250,00}, {@code 1250,00}, {@code 1.250}: a dot only groups exactly three digits. */
    private static final Pattern GROUPED = Pattern.compile("\\d{1,3}(\\.\\d{3})+");
    private static final Pattern PLAIN = Pattern.compile("\\d+");
    private static final CsvMapper MAPPER = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

    private final String text;
    private final char separator;

    private CsvUpload(String text, char separator) {
        this.text = text;
        this.separator = separator;
    }

    /** The uploaded bytes as UTF-8 text without BOM, with the separator its header uses. */
    public static CsvUpload of(byte[] body) {
        String text = utf8(body);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int end = text.indexOf('\n');
        String headerLine = end < 0 ? text : text.substring(0, end);
        return new CsvUpload(text, count(headerLine, ';') > count(headerLine, ',') ? ';' : ',');
    }

    /**
     * Hands each data row to {@code rows} as its number and its cells by canonical column name
     * (empty cells left out). An unknown or repeated column is 422 for the whole file; a row with
     * more cells than the header has columns is reported in {@code errors}.
     */
    public void read(List<String> columns, List<RowError> errors, BiConsumer<Integer, Map<String, String>> rows) {
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator).withQuoteChar('"');
        try (MappingIterator<String[]> records = MAPPER.readerFor(String[].class).with(schema)
                .readValues(new StringReader(text))) {
            if (!records.hasNextValue()) {
                throw ApiProblem.invalid("file", "The file is empty; it needs a header row naming the columns.");
            }
            String[] names = header(records.nextValue(), columns);
            int row = 1;
            while (records.hasNextValue()) {
                String[] cells = records.nextValue();
                row++;
                if (blank(cells)) {
                    continue;
                }
                if (cells.length > names.length) {
                    errors.add(new RowError(row, null, "This row has " + cells.length + " values, but the header names "
                            + names.length + " columns; is a value with a '" + separator + "' missing its quotes?"));
                    continue;
                }
                Map<String, String> byName = new HashMap<>();
                for (int i = 0; i < cells.length; i++) {
                    if (!cells[i].isEmpty()) {
                        byName.put(names[i], cells[i]);
                    }
                }
                rows.accept(row, byName);
            }
        } catch (IOException e) {
            throw ApiProblem.badRequest("file", "The file is not readable as CSV: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ".");
        }
    }

    public char separator() {
        return separator;
    }

    /**
     * A decimal cell as the contract reads it: with {@code ;} a decimal comma, and a dot grouping
     * thousands ({@code 1.250,00} → {@code 1250.00}); anything else is passed on unchanged, so that
     * the one parser of decimals ({@code RequestValues.decimal}) judges it exactly as in a single
     * booking.
     */
    public String decimal(String cell) {
        if (cell == null || separator != ';') {
            return cell;
        }
        int comma = cell.indexOf(',');
        String whole = comma < 0 ? cell : cell.substring(0, comma);
        String fraction = comma < 0 ? null : cell.substring(comma + 1);
        if (fraction != null && !PLAIN.matcher(fraction).matches()) {
            return cell;
        }
        if (GROUPED.matcher(whole).matches()) {
            whole = whole.replace(".", "");
        } else if (fraction != null && !PLAIN.matcher(whole).matches()) {
            return cell;
        }
        return fraction == null ? whole : whole + "." + fraction;
    }

    private static String[] header(String[] header, List<String> columns) {
        Map<String, String> canonical = new HashMap<>();
        columns.forEach(c -> canonical.put(c.toLowerCase(Locale.ROOT), c));
        String[] names = new String[header.length];
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < header.length; i++) {
            String name = canonical.get(header[i].strip().toLowerCase(Locale.ROOT));
            if (name == null) {
                throw ApiProblem.invalid("file", "Column '" + header[i] + "' is unknown; the columns are "
                        + String.join(", ", columns) + " (in any order).");
            }
            if (seen.contains(name)) {
                throw ApiProblem.invalid("file", "Column '" + name + "' appears twice in the header.");
            }
            seen.add(name);
            names[i] = name;
        }
        return names;
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiProblem.badRequest("file", "The file is not UTF-8; save it as \"CSV UTF-8\".");
        }
    }

    private static boolean blank(String[] cells) {
        for (String c : cells) {
            if (!c.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static int count(String text, char c) {
        return (int) text.chars().filter(ch -> ch == c).count();
    }
}
