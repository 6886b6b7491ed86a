package nl.commonsledger.core.allocation;

import java.time.LocalDate;

/**
 * A member's time in a project: active from {@code joinedOn} through {@code leftOn} inclusive
 * ({@code leftOn} is the last day of membership), or open-ended while {@code leftOn} is null.
 */
public record Membership(String memberId, LocalDate joinedOn, LocalDate leftOn) {

    public boolean activeOn(LocalDate date) {
        return !date.isBefore(joinedOn) && (leftOn == null || !date.isAfter(leftOn));
    }

    /** Whether the member is active on some day from {@code from} up to, not including, {@code until} (null: open). */
    public boolean activeDuring(LocalDate from, LocalDate until) {
        boolean joinedBeforeEnd = until == null || joinedOn.isBefore(until);
        boolean leftAfterStart = leftOn == null || !leftOn.isBefore(from);
        return joinedBeforeEnd && leftAfterStart;
    }
}
