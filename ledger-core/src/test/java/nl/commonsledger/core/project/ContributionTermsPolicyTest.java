package nl.commonsledger.core.project;

import nl.commonsledger.core.allocation.Membership;
import nl.commonsledger.core.period.Quarter;
import nl.commonsledger.core.project.ContributionTermsPolicy.CheckedTerms;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static nl.commonsledger.core.project.ProjectHistory.AMSTERDAM;
import static nl.commonsledger.core.project.ProjectHistory.ATTRIBUTION;
import static nl.commonsledger.core.project.ProjectHistory.DEVELOPER;
import static nl.commonsledger.core.project.ProjectHistory.ROTTERDAM;
import static nl.commonsledger.core.project.ProjectHistory.created;
import static nl.commonsledger.core.project.ProjectHistory.date;
import static nl.commonsledger.core.project.ProjectHistory.dec;
import static nl.commonsledger.core.project.ProjectHistory.joined;
import static nl.commonsledger.core.project.ProjectHistory.left;
import static nl.commonsledger.core.project.ProjectHistory.moneyRecorded;
import static nl.commonsledger.core.project.ProjectHistory.rateCard;
import static org.assertj.core.api.Assertions.assertThat;

/** The contribution-terms policy on its own: terms, booked contributions and a calendar in, a verdict out. */
class ContributionTermsPolicyTest {

    private static final UUID BOOKED = UUID.fromString("00000000-0000-0000-0000-00000000c001");

    private final ProjectTerms terms = new ProjectTerms();
    private final BookedContributions booked = new BookedContributions();

    ContributionTermsPolicyTest() {
        for (ProjectEvent e : List.of(created(), joined(AMSTERDAM, "2025-01-01"), joined(ROTTERDAM, "2025-01-01"),
                left(ROTTERDAM, "2025-12-31"), rateCard("2025-01-01", DEVELOPER, "95.00"))) {
            terms.apply(e);
        }
        booked.apply(moneyRecorded(BOOKED, AMSTERDAM, "10.00", "2026-01-10", "INV-1"));
    }

    private ContributionTermsPolicy policy(Quarter lastClosed) {
        return new ContributionTermsPolicy(terms, booked, new BookingCalendar("Europe/Amsterdam", lastClosed));
    }

    private Membership member(String id) {
        return terms.member(id).orElseThrow();
    }

    private Rejection refusal(String memberId, ContributionKind kind, String amount, String hours, String role,
                              String date, String reference, UUID correcting) {
        try {
            policy(Quarter.parse("2025-Q1")).check(member(memberId), kind, dec(amount), dec(hours), role,
                    date == null ? null : date(date), reference, ATTRIBUTION, correcting);
        } catch (RejectedException e) {
            return e.rejection();
        }
        return null;
    }

    @Test
    void normalisesWhatPasses() {
        CheckedTerms money = policy(null).check(member(AMSTERDAM), ContributionKind.MONEY, dec("12.5"), null, null,
                date("2026-02-01"), " ", ATTRIBUTION, null);
        assertThat(money).isEqualTo(new CheckedTerms(dec("12.50"), null, null));
        CheckedTerms code = policy(null).check(member(AMSTERDAM), ContributionKind.CODE, null, dec("3"), DEVELOPER,
                date("2026-02-01"), "MR-7", ATTRIBUTION, null);
        assertThat(code).isEqualTo(new CheckedTerms(null, new BigDecimal("3.00"), "MR-7"));
    }

    @Test
    void refusesEachBrokenRuleByName() {
        assertThat(refusal(AMSTERDAM, null, "1", null, null, "2026-02-01", null, null)).isEqualTo(Rejection.FIELD_REQUIRED);
        assertThat(refusal(AMSTERDAM, ContributionKind.MONEY, "1", null, null, null, null, null))
                .isEqualTo(Rejection.FIELD_REQUIRED);
        assertThat(refusal(AMSTERDAM, ContributionKind.MONEY, "1", null, null, "2026-06-16", null, null))
                .isEqualTo(Rejection.DATE_IN_FUTURE);
        assertThat(refusal(AMSTERDAM, ContributionKind.MONEY, "1", null, null, "2025-03-31", null, null))
                .isEqualTo(Rejection.DATE_IN_CLOSED_PERIOD);
        assertThat(refusal(ROTTERDAM, ContributionKind.MONEY, "1", null, null, "2026-01-01", null, null))
                .isEqualTo(Rejection.MEMBER_NOT_ACTIVE);
        assertThat(refusal(AMSTERDAM, ContributionKind.MONEY, "1", "2", null, "2026-02-01", null, null))
                .isEqualTo(Rejection.FIELD_NOT_ALLOWED);
        assertThat(refusal(AMSTERDAM, ContributionKind.HOURS, "1", "2", DEVELOPER, "2026-02-01", null, null))
                .isEqualTo(Rejection.FIELD_NOT_ALLOWED);
        assertThat(refusal(AMSTERDAM, ContributionKind.HOURS, null, "2", "tester", "2026-02-01", null, null))
                .isEqualTo(Rejection.UNKNOWN_ROLE);
        assertThat(refusal(AMSTERDAM, ContributionKind.CODE, null, "2", DEVELOPER, "2026-02-01", null, null))
                .isEqualTo(Rejection.REFERENCE_REQUIRED);
    }

    @Test
    void aReferenceIsUniquePerMemberExceptForTheContributionBeingCorrected() {
        assertThat(refusal(AMSTERDAM, ContributionKind.MONEY, "1", null, null, "2026-02-01", "INV-1", null))
                .isEqualTo(Rejection.DUPLICATE_REFERENCE);
        assertThat(refusal(AMSTERDAM, ContributionKind.MONEY, "1", null, null, "2026-02-01", "INV-1", BOOKED)).isNull();
        // Another member may use the same reference.
        assertThat(refusal(ROTTERDAM, ContributionKind.MONEY, "1", null, null, "2025-06-01", "INV-1", null)).isNull();
    }

    @Test
    void theCalendarTakesTodayInTheProjectsTimeZone() {
        // 2026-06-15T10:00Z is still the 15th in Amsterdam, already the 16th in Auckland.
        assertThat(new BookingCalendar("Europe/Amsterdam", null).today(ATTRIBUTION)).isEqualTo(LocalDate.of(2026, 6, 15));
        assertThat(new BookingCalendar("Pacific/Auckland", null).today(ATTRIBUTION)).isEqualTo(LocalDate.of(2026, 6, 15));
        assertThat(new BookingCalendar("Pacific/Kiritimati", null).today(ATTRIBUTION)).isEqualTo(LocalDate.of(2026, 6, 16));
    }
}
