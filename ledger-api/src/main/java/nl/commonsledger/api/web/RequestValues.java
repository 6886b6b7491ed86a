package nl.commonsledger.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.web.ApiProblem.FieldError;
import nl.commonsledger.core.period.Quarter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses the text values of a request as the contract says: a value that does not parse as its
 * type is 400 (malformed); a value that parses but is not acceptable, or is missing, is 422. Missing
 * and unacceptable values are collected so that one answer names every field at fault.
 */
public final class RequestValues {

    /** Digits with an optional fraction: no sign, exponent or thousands separator. */
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,30}(\\.\\d{1,30})?");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    private final List<FieldError> errors = new ArrayList<>();

    /** A quarter like {@code 2026-Q1}, or null when absent; anything else is 400. */
    public static Quarter period(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Quarter.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(field, "'" + text + "' is not a period like 2026-Q1.");
        }
    }

    public static BigDecimal decimal(String field, String text) {
        if (text == null) {
            return null;
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw ApiProblem.badRequest(field, "'" + text + "' is not a decimal like \"1250.00\" (digits, optional point; no sign, exponent or separators).");
        }
        return new BigDecimal(text);
    }

    /** A decimal string, or a JSON integer where the contract allows one (weights). */
    public static BigDecimal decimalOrInteger(String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return decimal(field, node.asText());
        }
        if (!node.isTextual()) {
            throw ApiProblem.badRequest(field, field + " must be a decimal string such as \"12.5\".");
        }
        return decimal(field, node.asText());
    }

    public static LocalDate date(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            if (!DATE.matcher(text).matches()) {
                throw new DateTimeParseException("pattern", text, 0);
            }
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(field, "'" + text + "' is not a date like 2026-04-05.");
        }
    }

    public String required(String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, field + " is required."));
        }
        return value;
    }

    public <T> T required(String field, T value) {
        if (value == null) {
            errors.add(new FieldError(field, field + " is required."));
        }
        return value;
    }

    /** Lengths count Unicode code points, as the contract's "Text" section says (an emoji is one). */
    public void maxLength(String field, String value, int max) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            errors.add(new FieldError(field, field + " is longer than " + max + " characters."));
        }
    }

    /**
     * One line of text (a name, a reference): at most {@code max} characters and no control character
     * (U+0000-U+001F, U+007F-U+009F) nor line or paragraph separator (U+2028, U+2029).
     */
    public void line(String field, String value, int max) {
        maxLength(field, value, max);
        if (value != null && value.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)) {
            errors.add(new FieldError(field, field + " must be one line, without control characters."));
        }
    }

    /**
     * Free text (a description, a reason): at most {@code max} characters; tab, line feed and carriage
     * return are allowed, no other control character.
     */
    public void text(String field, String value, int max) {
        maxLength(field, value, max);
        if (value != null && value.codePoints()
                .anyMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')) {
            errors.add(new FieldError(field, field + " may hold tab and line breaks, but no other control characters."));
        }
    }

    /** A JSON array of values, where {@code null} is not one of them: {@code ["a", null]} is 422. */
    public void noNulls(String field, java.util.List<?> values) {
        if (values != null && values.contains(null)) {
            errors.add(new FieldError(field, field + " may not contain null."));
        }
    }

    /** Project and member ids: {@code [a-z0-9][a-z0-9-]{0,63}}. */
    public static boolean isSlug(String value) {
        return value != null && SLUG.matcher(value).matches();
    }

    public void slug(String field, String value) {
        if (value != null && !isSlug(value)) {
            errors.add(new FieldError(field, field + " must be a slug: lower-case letters, digits and '-', starting with a letter or digit, at most 64 characters."));
        }
    }

    /** A date that must be there and is not before 1900: 400 when it is not a date, 422 when missing or too early. */
    public LocalDate requiredDate(String field, String text) {
        LocalDate date = required(field, date(field, text));
        sensibleDate(field, date);
        return date;
    }

    private void sensibleDate(String field, LocalDate date) {
        if (date != null && date.isBefore(EARLIEST)) {
            errors.add(new FieldError(field, field + " " + date + " is before " + EARLIEST + "."));
        }
    }

    public <E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
        if (value == null) {
            errors.add(new FieldError(field, field + " is required."));
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name());
        }
        errors.add(new FieldError(field, "'" + value + "' is not one of " + String.join(", ", names) + "."));
        return null;
    }

    public void add(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** Throws a 422 naming every field at fault, if any. */
    public void check() {
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
    }
}
