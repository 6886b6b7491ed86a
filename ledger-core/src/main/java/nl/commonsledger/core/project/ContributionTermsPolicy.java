package nl.commonsledger.core.project;

import nl.commonsledger.core.allocation.Membership;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import static nl.commonsledger.core.project.FieldRules.forbid;
import static nl.commonsledger.core.project.FieldRules.positiveAmount;
import static nl.commonsledger.core.project.FieldRules.positiveHours;
import static nl.commonsledger.core.project.FieldRules.requireText;

/**
 * Rules 2 and 7 for the terms of one contribution on its (new) date, the same for recording,
 * importing and correcting: a kind; a bookable date on which the member is active; an amount for
 * MONEY, hours and a role with a rate on that date for HOURS and CODE; a reference for CODE; and no
 * other effective contribution of the member with the same reference. The first rule broken is the
 * refusal; otherwise the values come back normalised to their scale.
 */
final class ContributionTermsPolicy {

    /** Normalised values of a contribution that passed every rule for its date. */
    record CheckedTerms(BigDecimal amount, BigDecimal hours, String reference) {
    }

    private final ProjectTerms terms;
    private final BookedContributions booked;
    private final BookingCalendar calendar;

    ContributionTermsPolicy(ProjectTerms terms, BookedContributions booked, BookingCalendar calendar) {
        this.terms = terms;
        this.booked = booked;
        this.calendar = calendar;
    }

    /**
     * Checks the terms of a contribution of {@code member}; {@code correcting} is the contribution
     * being corrected (its own reference is no duplicate), or null for a new one.
     */
    CheckedTerms check(Membership member, ContributionKind kind, BigDecimal amount, BigDecimal hours, String role,
                       LocalDate date, String reference, Attribution by, UUID correcting) {
        if (kind == null) {
            throw new RejectedException(Rejection.FIELD_REQUIRED, "kind", "kind is required: MONEY, HOURS or CODE.");
        }
        calendar.requireBookable(date, by, "date");
        if (!member.activeOn(date)) {
            throw new RejectedException(Rejection.MEMBER_NOT_ACTIVE, "date",
                    "Member " + member.memberId() + " is not a member on " + date + " (joined " + member.joinedOn()
                            + (member.leftOn() == null ? "" : ", left " + member.leftOn()) + ").");
        }
        String ref = FieldRules.reference(reference);
        BigDecimal normalisedAmount = null;
        BigDecimal normalisedHours = null;
        if (kind == ContributionKind.MONEY) {
            forbid(hours, "hours", "A MONEY contribution has an amount, not hours.");
            forbid(role, "role", "A MONEY contribution has an amount, not a role.");
            normalisedAmount = positiveAmount(amount, "amount", terms.scale());
        } else {
            forbid(amount, "amount", "A " + kind + " contribution has hours and a role, not an amount.");
            normalisedHours = positiveHours(hours);
            requireText(role, "role");
            if (terms.rates().rateOn(role, date).isEmpty()) {
                throw new RejectedException(Rejection.UNKNOWN_ROLE, "role",
                        "The rate card in force on " + date + " has no hourly rate for role '" + role + "'.");
            }
            if (kind == ContributionKind.CODE && ref == null) {
                throw new RejectedException(Rejection.REFERENCE_REQUIRED, "reference",
                        "A CODE contribution needs a reference, such as the merge request URL.");
            }
        }
        if (ref != null) {
            booked.holderOf(member.memberId(), ref)
                    .filter(holder -> !holder.equals(correcting))
                    .ifPresent(holder -> {
                        throw new RejectedException(Rejection.DUPLICATE_REFERENCE, "reference",
                                "Member " + member.memberId() + " already has an effective contribution with reference '"
                                        + ref + "' (" + holder + ").");
                    });
        }
        return new CheckedTerms(normalisedAmount, normalisedHours, ref);
    }
}
