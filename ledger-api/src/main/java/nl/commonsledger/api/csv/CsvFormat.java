package nl.commonsledger.api.csv;

import nl.commonsledger.api.web.ApiProblem;

/**
 * The two spellings of a CSV answer: the standard one (comma, decimal point), and {@code ?csv=nl}
 * for spreadsheets with Dutch settings, which split on {@code ;} and read a decimal comma.
 */
public enum CsvFormat {
    STANDARD(',', '.'),
    DUTCH(';', ',');

    private final char separator;
    private final char decimalMark;

    CsvFormat(char separator, char decimalMark) {
        this.separator = separator;
        this.decimalMark = decimalMark;
    }

    /** The format a request asks for with its {@code csv} parameter; an unknown value is 400. */
    public static CsvFormat fromParameter(String csv) {
        if (csv == null) {
            return STANDARD;
        }
        if (csv.equals("nl")) {
            return DUTCH;
        }
        throw ApiProblem.badRequest("csv", "'" + csv + "' is not a CSV format: leave csv out, or use csv=nl for "
                + "';' and decimal commas.");
    }

    char separator() {
        return separator;
    }

    char decimalMark() {
        return decimalMark;
    }
}
