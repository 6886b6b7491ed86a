package nl.commonsledger.core.project;

import nl.commonsledger.core.project.ProjectCommand.CorrectContribution;
import nl.commonsledger.core.project.ProjectCommand.ReverseContribution;
import nl.commonsledger.core.project.ProjectEvent.ContributionCorrected;
import nl.commonsledger.core.project.ProjectEvent.ContributionReversed;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.UUID;

import static nl.commonsledger.core.project.ProjectHistory.AMSTERDAM;
import static nl.commonsledger.core.project.ProjectHistory.ATTRIBUTION;
import static nl.commonsledger.core.project.ProjectHistory.BY;
import static nl.commonsledger.core.project.ProjectHistory.DEN_HAAG;
import static nl.commonsledger.core.project.ProjectHistory.DEVELOPER;
import static nl.commonsledger.core.project.ProjectHistory.NOW;
import static nl.commonsledger.core.project.ProjectHistory.PROJECT;
import static nl.commonsledger.core.project.ProjectHistory.coalitionAnd;
import static nl.commonsledger.core.project.ProjectHistory.date;
import static nl.commonsledger.core.project.ProjectHistory.dec;
import static nl.commonsledger.core.project.ProjectHistory.joined;
import static nl.commonsledger.core.project.ProjectHistory.moneyCorrected;
import static nl.commonsledger.core.project.ProjectHistory.moneyRecorded;
import static nl.commonsledger.core.project.ProjectHistory.rejectedWith;
import static nl.commonsledger.core.project.ProjectHistory.reversed;
import static nl.commonsledger.core.project.ProjectHistory.thenClosedThrough2025Q4;
import static nl.commonsledger.core.project.ProjectHistory.timeRecorded;

/**
 * Corrections and reversals: rule 6 (history is never edited), rule 7 for the old and the new date,
 * and the contract's "Contributions" details.
 */
class CorrectAndReverseContributionTest {

    private static final UUID INVOICE = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID OTHER_INVOICE = UUID.fromString("00000000-0000-0000-0000-0000000000a2");
    private static final UUID UNKNOWN = UUID.fromString("00000000-0000-0000-0000-0000000000ff");

    private FixtureConfiguration<ProjectAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ProjectAggregate.class);
    }

    /** Amsterdam's two invoices of early 2026, INV-1 and INV-2. */
    private static List<Object> twoInvoices(Object... more) {
        List<Object> history = coalitionAnd(
                moneyRecorded(INVOICE, AMSTERDAM, "100.00", "2026-01-15", "INV-1"),
                moneyRecorded(OTHER_INVOICE, AMSTERDAM, "200.00", "2026-02-01", "INV-2"));
        history.addAll(List.of(more));
        return history;
    }

    private static CorrectContribution correctMoney(UUID id, String amount, String date, String reference,
                                                    String reason) {
        return new CorrectContribution(PROJECT, id, ContributionKind.MONEY, dec(amount), null, null, date(date),
                reference, "corrected invoice", reason, ATTRIBUTION);
    }

    private static ContributionCorrected moneyCorrectedNow(UUID id, String amount, String date, String reference) {
        return new ContributionCorrected(PROJECT, id, ContributionKind.MONEY, dec(amount), null, null, date(date),
                reference, "corrected invoice", "wrong amount", BY, NOW);
    }

    private static ReverseContribution reverse(UUID id, String reason) {
        return new ReverseContribution(PROJECT, id, reason, ATTRIBUTION);
    }

    @Nested
    class Correcting {

        @Test
        void correctionRestatesEveryFieldNormalised() {
            fixture.given(twoInvoices())
                    .when(correctMoney(INVOICE, "120.5", "2026-01-20", "INV-1", "wrong amount"))
                    .expectEvents(moneyCorrectedNow(INVOICE, "120.50", "2026-01-20", "INV-1"));
        }

        @Test
        void correctionMayDropTheReference() {
            // Full replacement: an omitted optional field becomes null.
            fixture.given(twoInvoices())
                    .when(correctMoney(INVOICE, "100.00", "2026-01-15", null, "wrong amount"))
                    .expectEvents(moneyCorrectedNow(INVOICE, "100.00", "2026-01-15", null));
        }

        @Test
        void correctionMayChangeTheKind() {
            fixture.given(twoInvoices())
                    .when(new CorrectContribution(PROJECT, INVOICE, ContributionKind.HOURS, null, dec("8"),
                            DEVELOPER, date("2026-01-15"), null, null, "was staff time, not an invoice", ATTRIBUTION))
                    .expectEvents(new ContributionCorrected(PROJECT, INVOICE, ContributionKind.HOURS, null,
                            dec("8.00"), DEVELOPER, date("2026-01-15"), null, null, "was staff time, not an invoice",
                            BY, NOW));
        }

        @Test
        void correctionToCodeWithoutReferenceIsRefused() {
            // A correction must satisfy every rule for a new contribution.
            UUID hours = UUID.randomUUID();
            fixture.given(twoInvoices(timeRecorded(hours, AMSTERDAM, ContributionKind.HOURS, "8.00", DEVELOPER,
                            "2026-03-02", null)))
                    .when(new CorrectContribution(PROJECT, hours, ContributionKind.CODE, null, dec("8.00"), DEVELOPER,
                            date("2026-03-02"), null, null, "it was a merge request", ATTRIBUTION))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.REFERENCE_REQUIRED));
        }

        @Test
        void correctedValuesMustBeValid() {
            fixture.given(twoInvoices())
                    .when(correctMoney(INVOICE, "120.555", "2026-01-15", "INV-1", "wrong amount"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.TOO_MANY_DECIMALS, "amount"));
        }

        @Test
        void unknownContributionCannotBeCorrected() {
            fixture.given(twoInvoices())
                    .when(correctMoney(UNKNOWN, "120.00", "2026-01-15", null, "wrong amount"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.CONTRIBUTION_NOT_FOUND));
        }

        @Test
        void reversedContributionCannotBeCorrected() {
            fixture.given(twoInvoices(reversed(INVOICE)))
                    .when(correctMoney(INVOICE, "120.00", "2026-01-15", "INV-1", "wrong amount"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.CONTRIBUTION_REVERSED));
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", "  "})
        void correctionNeedsAReason(String reason) {
            fixture.given(twoInvoices())
                    .when(correctMoney(INVOICE, "120.00", "2026-01-15", "INV-1", reason))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.REASON_REQUIRED, "reason"));
        }

        @Test
        void correctionOfContributionDatedInClosedPeriodIsRefused() {
            // Rule 7 for the old date: even moving it out of the closed period would change it.
            UUID old = UUID.randomUUID();
            fixture.given(thenClosedThrough2025Q4(
                            coalitionAnd(moneyRecorded(old, AMSTERDAM, "100.00", "2025-11-03", "INV-0"))))
                    .when(correctMoney(old, "100.00", "2026-01-10", "INV-0", "wrong amount"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.DATE_IN_CLOSED_PERIOD, "date"));
        }

        @Test
        void correctionToDateInClosedPeriodIsRefused() {
            fixture.given(thenClosedThrough2025Q4(twoInvoices()))
                    .when(correctMoney(INVOICE, "100.00", "2025-12-31", "INV-1", "wrong date"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.DATE_IN_CLOSED_PERIOD, "date"));
        }

        @Test
        void correctionToFutureDateIsRefused() {
            fixture.given(twoInvoices())
                    .when(correctMoney(INVOICE, "100.00", "2026-06-16", "INV-1", "wrong date"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.DATE_IN_FUTURE, "date"));
        }

        @Test
        void correctionToDateBeforeTheMemberJoinedIsRefused() {
            UUID denHaag = UUID.randomUUID();
            fixture.given(twoInvoices(joined(DEN_HAAG, "2026-01-01"),
                            moneyRecorded(denHaag, DEN_HAAG, "50.00", "2026-01-05", null)))
                    .when(correctMoney(denHaag, "50.00", "2025-12-15", null, "wrong date"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.MEMBER_NOT_ACTIVE, "date"));
        }

        @Test
        void correctionKeepingItsOwnReferenceIsNoDuplicate() {
            // The uniqueness check excludes the contribution being corrected.
            fixture.given(twoInvoices())
                    .when(correctMoney(INVOICE, "150.00", "2026-01-15", "INV-1", "wrong amount"))
                    .expectEvents(moneyCorrectedNow(INVOICE, "150.00", "2026-01-15", "INV-1"));
        }

        @Test
        void correctionTakingAnotherEffectiveReferenceIsRefused() {
            fixture.given(twoInvoices())
                    .when(correctMoney(INVOICE, "100.00", "2026-01-15", "INV-2", "wrong reference"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.DUPLICATE_REFERENCE, "reference"));
        }

        @Test
        void correctionMayTakeTheReferenceOfAReversedContribution() {
            fixture.given(twoInvoices(reversed(OTHER_INVOICE)))
                    .when(correctMoney(INVOICE, "100.00", "2026-01-15", "INV-2", "wrong amount"))
                    .expectEvents(moneyCorrectedNow(INVOICE, "100.00", "2026-01-15", "INV-2"));
        }

        @Test
        void correctedContributionMayBeCorrectedAgain() {
            fixture.given(twoInvoices(moneyCorrected(INVOICE, "110.00", "2026-01-16", "INV-1")))
                    .when(correctMoney(INVOICE, "120.00", "2026-01-17", "INV-1", "wrong amount"))
                    .expectEvents(moneyCorrectedNow(INVOICE, "120.00", "2026-01-17", "INV-1"));
        }
    }

    @Nested
    class Reversing {

        @Test
        void contributionIsReversed() {
            fixture.given(twoInvoices())
                    .when(reverse(INVOICE, "paid by the province instead"))
                    .expectEvents(new ContributionReversed(PROJECT, INVOICE, "paid by the province instead", BY,
                            NOW));
        }

        @Test
        void unknownContributionCannotBeReversed() {
            fixture.given(twoInvoices())
                    .when(reverse(UNKNOWN, "booked twice"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.CONTRIBUTION_NOT_FOUND));
        }

        @Test
        void contributionCannotBeReversedTwice() {
            fixture.given(twoInvoices(reversed(INVOICE)))
                    .when(reverse(INVOICE, "booked twice"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.CONTRIBUTION_REVERSED));
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", " "})
        void reversalNeedsAReason(String reason) {
            fixture.given(twoInvoices())
                    .when(reverse(INVOICE, reason))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.REASON_REQUIRED, "reason"));
        }

        @Test
        void contributionInClosedPeriodCannotBeReversed() {
            UUID old = UUID.randomUUID();
            fixture.given(thenClosedThrough2025Q4(
                            coalitionAnd(moneyRecorded(old, AMSTERDAM, "100.00", "2025-11-03", null))))
                    .when(reverse(old, "booked twice"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.DATE_IN_CLOSED_PERIOD, "date"));
        }

        @Test
        void closedPeriodIsJudgedByTheLatestDate() {
            // Recorded on 2026-01-10 but corrected to 2025-11-03 before 2025-Q4 closed: it now lies
            // in the closed period and is frozen.
            UUID moved = UUID.randomUUID();
            fixture.given(thenClosedThrough2025Q4(coalitionAnd(
                            moneyRecorded(moved, AMSTERDAM, "100.00", "2026-01-10", null),
                            moneyCorrected(moved, "100.00", "2025-11-03", null))))
                    .when(reverse(moved, "booked twice"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.DATE_IN_CLOSED_PERIOD));
        }

        @Test
        void contributionMovedOutOfTheClosedPeriodMayBeReversed() {
            UUID moved = UUID.randomUUID();
            fixture.given(thenClosedThrough2025Q4(coalitionAnd(
                            moneyRecorded(moved, AMSTERDAM, "100.00", "2025-11-03", null),
                            moneyCorrected(moved, "100.00", "2026-01-10", null))))
                    .when(reverse(moved, "booked twice"))
                    .expectEvents(new ContributionReversed(PROJECT, moved, "booked twice", BY, NOW));
        }
    }
}
