package nl.commonsledger.core.period;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.LocalDate;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A calendar quarter, written {@code 2026-Q1}: the period in which a project's ledger is closed. */
public record Quarter(int year, int quarter) implements Comparable<Quarter> {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})-Q([1-4])");

    public Quarter {
        if (quarter < 1 || quarter > 4) {
            throw new IllegalArgumentException("quarter must be 1 to 4: " + quarter);
        }
        if (year < 1 || year > 9999) {
            throw new IllegalArgumentException("year must be 1 to 9999: " + year);
        }
    }

    /** Parses {@code YYYY-Qn}; anything else is an {@link IllegalArgumentException}. */
    @JsonCreator
    public static Quarter parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a quarter like 2026-Q1");
        }
        return new Quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /**
     * A project's first period: the quarter of the earliest {@code joinedOn}, or of the project's
     * creation if that is earlier (or no one has joined yet).
     */
    public static Quarter firstPeriod(LocalDate createdOn, Collection<LocalDate> joinDates) {
        LocalDate first = joinDates.stream().min(LocalDate::compareTo)
                .filter(d -> d.isBefore(createdOn)).orElse(createdOn);
        return of(first);
    }

    public static Quarter of(LocalDate date) {
        return new Quarter(date.getYear(), (date.getMonthValue() - 1) / 3 + 1);
    }

    public LocalDate firstDay() {
        return LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
    }

    public LocalDate lastDay() {
        return firstDay().plusMonths(3).minusDays(1);
    }

    public Quarter next() {
        return quarter == 4 ? new Quarter(year + 1, 1) : new Quarter(year, quarter + 1);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(firstDay()) && !date.isAfter(lastDay());
    }

    @Override
    public int compareTo(Quarter other) {
        return year != other.year ? Integer.compare(year, other.year) : Integer.compare(quarter, other.quarter);
    }

    @JsonValue
    @Override
    public String toString() {
        return year + "-Q" + quarter;
    }
}
