package nl.commonsledger.api.web;

import java.math.BigInteger;
import java.util.List;

/** A page of a list: {@code next} is the cursor of the next page, null exactly when nothing follows. */
public record Page<T>(List<T> items, String next) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /** {@code ?limit=}: default 100, above 1000 treated as 1000, zero, negative or not a number 400. */
    public static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        if (!text.matches("\\d{1,100}") || new BigInteger(text).signum() == 0) {
            throw ApiProblem.badRequest("limit", "limit must be a whole number from 1 to 1000.");
        }
        return new BigInteger(text).min(BigInteger.valueOf(MAX_LIMIT)).intValue();
    }

    /** {@code ?after=}: null when absent; a cursor a list gives out is a whole number from 0, anything else 400. */
    public static Long after(String text) {
        if (text == null) {
            return null;
        }
        long cursor;
        try {
            cursor = Long.parseLong(text);
        } catch (NumberFormatException e) {
            cursor = -1;
        }
        if (cursor < 0) {
            throw ApiProblem.badRequest("after", "'" + text + "' is not a cursor this list gave out.");
        }
        return cursor;
    }
}
