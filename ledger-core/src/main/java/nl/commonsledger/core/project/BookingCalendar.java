package nl.commonsledger.core.project;

import nl.commonsledger.core.period.Quarter;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The dates a project accepts: none after today in the project's time zone, none in a closed
 * period (rule 7). "Today" is the command's {@code recordedAt} in that zone; the domain never reads
 * the system clock.
 *
 * @param timeZone   the project's time zone
 * @param lastClosed the last closed quarter, or null while none is closed
 */
public record BookingCalendar(String timeZone, Quarter lastClosed) {

    public LocalDate today(Attribution by) {
        return by.recordedAt().atZone(ZoneId.of(timeZone)).toLocalDate();
    }

    public void requireNotFuture(LocalDate date, Attribution by, String field) {
        LocalDate today = today(by);
        if (date.isAfter(today)) {
            throw new RejectedException(Rejection.DATE_IN_FUTURE, field,
                    field + " " + date + " is in the future; today is " + today + " in " + timeZone + ".");
        }
    }

    /** Rule 7: nothing may be booked on, or take effect on, a date in a closed period. */
    public void requireOpen(LocalDate date, String field) {
        if (lastClosed != null && !date.isAfter(lastClosed.lastDay())) {
            throw new RejectedException(Rejection.DATE_IN_CLOSED_PERIOD, field,
                    field + " " + date + " falls in " + Quarter.of(date) + ", which is closed; closed periods never change.");
        }
    }

    /** A date that is given, not in the future and not in a closed period. */
    public void requireBookable(LocalDate date, Attribution by, String field) {
        FieldRules.requireDate(date, field);
        requireNotFuture(date, by, field);
        requireOpen(date, field);
    }
}
