package nl.commonsledger.api.csv;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import nl.commonsledger.api.web.ApiProblem;
import nl.commonsledger.core.money.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvTableTest {

    private static List<String[]> read(String csv, char separator) throws Exception {
        assertThat(csv).startsWith("\uFEFF");
        try (MappingIterator<String[]> it = new CsvMapper().readerFor(String[].class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(CsvSchema.emptySchema().withColumnSeparator(separator))
                .readValues(csv.substring(1))) {
            return it.readAll();
        }
    }

    @Test
    void startsWithAUtf8ByteOrderMarkAndEndsLinesWithCrLf() {
        String csv = new CsvTable(List.of("name")).row(CsvCell.text("Gemeente 's-Hertogenbosch")).write(CsvFormat.STANDARD);
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes[0]).isEqualTo((byte) 0xEF);
        assertThat(bytes[1]).isEqualTo((byte) 0xBB);
        assertThat(bytes[2]).isEqualTo((byte) 0xBF);
        assertThat(csv).isEqualTo("\uFEFFname\r\nGemeente 's-Hertogenbosch\r\n");
    }

    @Test
    void quotesAsRfc4180() throws Exception {
        String tricky = "Hosting, \"yearly\"\nsecond line";
        String csv = new CsvTable(List.of("description", "value"))
                .row(CsvCell.text(tricky), CsvCell.money(Money.ofMinor(125000, 2))).write(CsvFormat.STANDARD);
        assertThat(csv).contains("\"Hosting, \"\"yearly\"\"\nsecond line\",1250.00\r\n");
        assertThat(read(csv, ',').get(1)).containsExactly(tricky, "1250.00");
    }

    @Test
    void textThatASpreadsheetWouldRunGetsALeadingQuote() throws Exception {
        List<String> dangerous = List.of("=HYPERLINK(\"http://evil.example\",\"click\")", "+31 20 123", "-2+3",
                "@SUM(A1)", "\tindented", "\rreturn");
        CsvTable table = new CsvTable(List.of("text"));
        dangerous.forEach(d -> table.row(CsvCell.text(d)));
        table.row(CsvCell.text("plain = fine"));
        table.row(CsvCell.text(""));
        List<String[]> rows = read(table.write(CsvFormat.STANDARD), ',');
        for (int i = 0; i < dangerous.size(); i++) {
            assertThat(rows.get(i + 1)[0]).isEqualTo("'" + dangerous.get(i));
        }
        assertThat(rows.get(dangerous.size() + 1)[0]).isEqualTo("plain = fine");
        assertThat(rows.get(dangerous.size() + 2)[0]).isEmpty();
    }

    @Test
    void numbersStayPlainNumbersNegativeOnesIncluded() {
        String csv = new CsvTable(List.of("balance", "count", "hours", "none"))
                .row(CsvCell.money(Money.ofMinor(-3533952, 2)), CsvCell.number(42), CsvCell.number(new BigDecimal("37.50")),
                        CsvCell.number((BigDecimal) null))
                .write(CsvFormat.STANDARD);
        assertThat(csv).endsWith("\r\n-35339.52,42,37.50,\r\n");
    }

    @Test
    void dutchSettingsGetSemicolonsAndDecimalCommas() throws Exception {
        String csv = new CsvTable(List.of("memberId", "description", "balance"))
                .row(CsvCell.text("gm0363"), CsvCell.text("uren; 1.5 dag"), CsvCell.money(Money.ofMinor(-123456, 2)))
                .write(CsvFormat.DUTCH);
        assertThat(csv).isEqualTo("\uFEFFmemberId;description;balance\r\ngm0363;\"uren; 1.5 dag\";-1234,56\r\n");
        assertThat(read(csv, ';').get(1)).containsExactly("gm0363", "uren; 1.5 dag", "-1234,56");
    }

    @Test
    void aRowMustFillEveryColumn() {
        assertThatThrownBy(() -> new CsvTable(List.of("a", "b")).row(CsvCell.text("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCsvParameterIsNlOrAbsent() {
        assertThat(CsvFormat.fromParameter(null)).isEqualTo(CsvFormat.STANDARD);
        assertThat(CsvFormat.fromParameter("nl")).isEqualTo(CsvFormat.DUTCH);
        assertThatThrownBy(() -> CsvFormat.fromParameter("de")).isInstanceOfSatisfying(ApiProblem.class,
                p -> assertThat(p.status().value()).isEqualTo(400));
    }
}
