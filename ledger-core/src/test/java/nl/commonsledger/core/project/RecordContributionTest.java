package nl.commonsledger.core.project;

import nl.commonsledger.core.project.ProjectCommand.RecordContribution;
import nl.commonsledger.core.project.ProjectEvent.ContributionRecorded;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.UUID;

import static nl.commonsledger.core.project.ProjectHistory.AMSTERDAM;
import static nl.commonsledger.core.project.ProjectHistory.ATTRIBUTION;
import static nl.commonsledger.core.project.ProjectHistory.BY;
import static nl.commonsledger.core.project.ProjectHistory.DEN_HAAG;
import static nl.commonsledger.core.project.ProjectHistory.DEVELOPER;
import static nl.commonsledger.core.project.ProjectHistory.NOW;
import static nl.commonsledger.core.project.ProjectHistory.PROJECT;
import static nl.commonsledger.core.project.ProjectHistory.ROTTERDAM;
import static nl.commonsledger.core.project.ProjectHistory.TESTER;
import static nl.commonsledger.core.project.ProjectHistory.UTRECHT;
import static nl.commonsledger.core.project.ProjectHistory.at;
import static nl.commonsledger.core.project.ProjectHistory.closedThrough2025Q4;
import static nl.commonsledger.core.project.ProjectHistory.coalition;
import static nl.commonsledger.core.project.ProjectHistory.coalitionAnd;
import static nl.commonsledger.core.project.ProjectHistory.created;
import static nl.commonsledger.core.project.ProjectHistory.date;
import static nl.commonsledger.core.project.ProjectHistory.dec;
import static nl.commonsledger.core.project.ProjectHistory.joined;
import static nl.commonsledger.core.project.ProjectHistory.left;
import static nl.commonsledger.core.project.ProjectHistory.moneyCorrected;
import static nl.commonsledger.core.project.ProjectHistory.moneyRecorded;
import static nl.commonsledger.core.project.ProjectHistory.rateCard;
import static nl.commonsledger.core.project.ProjectHistory.recordMoney;
import static nl.commonsledger.core.project.ProjectHistory.recordTime;
import static nl.commonsledger.core.project.ProjectHistory.rejectedWith;
import static nl.commonsledger.core.project.ProjectHistory.reversed;
import static nl.commonsledger.core.project.ProjectHistory.timeRecorded;

/** Recording a contribution: rules 1, 2 and 7 and the contract's "Values" and "Contributions" details. */
class RecordContributionTest {

    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-00000000c001");
    private static final String MR = "https://git.example.org/zaaksysteem/-/merge_requests/42";

    private FixtureConfiguration<ProjectAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ProjectAggregate.class);
    }

    private static ContributionRecorded moneyEvent(String amount, String date, String reference) {
        return new ContributionRecorded(PROJECT, ID, AMSTERDAM, ContributionKind.MONEY, dec(amount), null, null,
                date(date), reference, "vendor invoice", BY, NOW);
    }

    private static ContributionRecorded timeEvent(ContributionKind kind, String hours, String role, String date,
                                                  String reference) {
        return new ContributionRecorded(PROJECT, ID, AMSTERDAM, kind, null, dec(hours), role, date(date), reference,
                null, BY, NOW);
    }

    private static RecordContribution moneyAt(String date, Attribution attribution) {
        return new RecordContribution(PROJECT, ID, AMSTERDAM, ContributionKind.MONEY, dec("10.00"), null, null,
                date(date), null, null, attribution);
    }

    @Nested
    class Money {

        @Test
        void moneyContributionIsNormalisedToTheCurrencysDecimals() {
            // "37.5" is accepted and stored as 37.50 (scale 2), the figure as booked.
            fixture.given(coalition())
                    .when(recordMoney(ID, AMSTERDAM, "37.5", "2026-03-10", "INV-2026-001"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(moneyEvent("37.50", "2026-03-10", "INV-2026-001"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.500", "1.234", "0.001"})
        void amountWithMoreDecimalsThanTheCurrencyIsRefused(String amount) {
            // More decimals, even trailing zeros as written ("1.500"), are refused.
            fixture.given(coalition())
                    .when(recordMoney(ID, AMSTERDAM, amount, "2026-03-10", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.TOO_MANY_DECIMALS, "amount"));
        }

        @Test
        void yenAmountWithDecimalsIsRefused() {
            fixture.given(created("JPY", "Asia/Tokyo", Instant.parse("2025-01-06T00:00:00Z")),
                            joined(AMSTERDAM, "2025-01-01"))
                    .when(recordMoney(ID, AMSTERDAM, "1000.5", "2026-03-10", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.TOO_MANY_DECIMALS, "amount"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "0.00", "-0.01", "-250.00"})
        void amountMustBeMoreThanZero(String amount) {
            fixture.given(coalition())
                    .when(recordMoney(ID, AMSTERDAM, amount, "2026-03-10", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.AMOUNT_NOT_POSITIVE, "amount"));
        }

        @Test
        void amountAboveTheLimitIsRefused() {
            fixture.given(coalition())
                    .when(recordMoney(ID, AMSTERDAM, "1000000000000.00", "2026-03-10", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.AMOUNT_TOO_LARGE, "amount"));
        }

        @Test
        void amountAtTheLimitIsAccepted() {
            fixture.given(coalition())
                    .when(recordMoney(ID, AMSTERDAM, "999999999999.99", "2026-03-10", null))
                    .expectEvents(moneyEvent("999999999999.99", "2026-03-10", null));
        }

        @Test
        void amountIsRequired() {
            fixture.given(coalition())
                    .when(recordMoney(ID, AMSTERDAM, null, "2026-03-10", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FIELD_REQUIRED, "amount"));
        }

        @Test
        void moneyWithHoursIsRefused() {
            fixture.given(coalition())
                    .when(new RecordContribution(PROJECT, ID, AMSTERDAM, ContributionKind.MONEY, dec("100.00"),
                            dec("2.00"), null, date("2026-03-10"), null, null, ATTRIBUTION))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FIELD_NOT_ALLOWED, "hours"));
        }

        @Test
        void moneyWithRoleIsRefused() {
            fixture.given(coalition())
                    .when(new RecordContribution(PROJECT, ID, AMSTERDAM, ContributionKind.MONEY, dec("100.00"),
                            null, DEVELOPER, date("2026-03-10"), null, null, ATTRIBUTION))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FIELD_NOT_ALLOWED, "role"));
        }

        @Test
        void blankReferenceCountsAsNone() {
            fixture.given(coalition())
                    .when(recordMoney(ID, AMSTERDAM, "10.00", "2026-03-10", "   "))
                    .expectEvents(moneyEvent("10.00", "2026-03-10", null));
        }
    }

    @Nested
    class HoursAndCode {

        @Test
        void hoursContributionIsRecordedWithTwoDecimalHours() {
            fixture.given(coalition())
                    .when(recordTime(ID, AMSTERDAM, ContributionKind.HOURS, "7.5", DEVELOPER, "2026-03-10", null))
                    .expectEvents(timeEvent(ContributionKind.HOURS, "7.50", DEVELOPER, "2026-03-10", null));
        }

        @Test
        void codeContributionWithReferenceIsRecorded() {
            fixture.given(coalition())
                    .when(recordTime(ID, AMSTERDAM, ContributionKind.CODE, "16", DEVELOPER, "2026-03-10", MR))
                    .expectEvents(timeEvent(ContributionKind.CODE, "16.00", DEVELOPER, "2026-03-10", MR));
        }

        @Test
        void codeContributionWithoutReferenceIsRefused() {
            fixture.given(coalition())
                    .when(recordTime(ID, AMSTERDAM, ContributionKind.CODE, "16.00", DEVELOPER, "2026-03-10", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.REFERENCE_REQUIRED, "reference"));
        }

        @Test
        void codeContributionWithBlankReferenceIsRefused() {
            // A blank reference counts as none.
            fixture.given(coalition())
                    .when(recordTime(ID, AMSTERDAM, ContributionKind.CODE, "16.00", DEVELOPER, "2026-03-10", " \t"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.REFERENCE_REQUIRED, "reference"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.125", "7.500"})
        void hoursWithMoreThanTwoDecimalsAreRefused(String hours) {
            fixture.given(coalition())
                    .when(recordTime(ID, AMSTERDAM, ContributionKind.HOURS, hours, DEVELOPER, "2026-03-10", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.TOO_MANY_DECIMALS, "hours"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "0.00", "-1.00"})
        void hoursMustBeMoreThanZero(String hours) {
            fixture.given(coalition())
                    .when(recordTime(ID, AMSTERDAM, ContributionKind.HOURS, hours, DEVELOPER, "2026-03-10", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.HOURS_NOT_POSITIVE, "hours"));
        }

        @Test
        void moreThanTenThousandHoursIsRefused() {
            fixture.given(coalition())
                    .when(recordTime(ID, AMSTERDAM, ContributionKind.HOURS, "10000.01", DEVELOPER, "2026-03-10",
                            null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.HOURS_TOO_LARGE, "hours"));
        }

        @Test
        void tenThousandHoursIsAccepted() {
            fixture.given(coalition())
                    .when(recordTime(ID, AMSTERDAM, ContributionKind.HOURS, "10000", DEVELOPER, "2026-03-10", null))
                    .expectEvents(timeEvent(ContributionKind.HOURS, "10000.00", DEVELOPER, "2026-03-10", null));
        }

        @Test
        void hoursAreRequired() {
            fixture.given(coalition())
                    .when(recordTime(ID, AMSTERDAM, ContributionKind.HOURS, null, DEVELOPER, "2026-03-10", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FIELD_REQUIRED, "hours"));
        }

        @Test
        void roleIsRequired() {
            fixture.given(coalition())
                    .when(recordTime(ID, AMSTERDAM, ContributionKind.HOURS, "8.00", " ", "2026-03-10", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FIELD_REQUIRED, "role"));
        }

        @Test
        void hoursWithAmountAreRefused() {
            fixture.given(coalition())
                    .when(new RecordContribution(PROJECT, ID, AMSTERDAM, ContributionKind.HOURS, dec("760.00"),
                            dec("8.00"), DEVELOPER, date("2026-03-10"), null, null, ATTRIBUTION))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FIELD_NOT_ALLOWED, "amount"));
        }

        @Test
        void roleWithoutRateIsRefused() {
            fixture.given(coalition())
                    .when(recordTime(ID, AMSTERDAM, ContributionKind.HOURS, "8.00", "architect", "2026-03-10", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.UNKNOWN_ROLE, "role"));
        }

        @Test
        void roleWithoutRateOnTheContributionDateIsRefused() {
            // The architect rate only starts on 2026-04-01; on 2026-03-10 the role has no rate.
            fixture.given(coalitionAnd(rateCard("2026-04-01", DEVELOPER, "95.00", "architect", "120.00")))
                    .when(recordTime(ID, AMSTERDAM, ContributionKind.HOURS, "8.00", "architect", "2026-03-10", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.UNKNOWN_ROLE, "role"));
        }

        @Test
        void hoursBeforeAnyRateCardAreRefused() {
            fixture.given(created(), joined(AMSTERDAM, "2025-01-01"), rateCard("2025-06-01", DEVELOPER, "95.00"))
                    .when(recordTime(ID, AMSTERDAM, ContributionKind.HOURS, "8.00", DEVELOPER, "2025-05-31", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.UNKNOWN_ROLE));
        }

        @Test
        void roleDroppedByALaterCardHasNoRateAfterIt() {
            // A rate card replaces the whole card from its date: the tester rate ends on 2026-01-01.
            fixture.given(coalitionAnd(rateCard("2026-01-01", DEVELOPER, "99.00")))
                    .when(recordTime(ID, AMSTERDAM, ContributionKind.HOURS, "8.00", TESTER, "2026-03-10", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.UNKNOWN_ROLE));
        }
    }

    @Nested
    class MemberAndDate {

        @Test
        void unknownMemberIsRefused() {
            fixture.given(coalition())
                    .when(recordMoney(ID, UTRECHT, "10.00", "2026-03-10", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.UNKNOWN_MEMBER, "memberId"));
        }

        @Test
        void memberNotYetJoinedOnTheDateIsRefused() {
            fixture.given(coalitionAnd(joined(DEN_HAAG, "2026-02-01")))
                    .when(recordMoney(ID, DEN_HAAG, "10.00", "2026-01-31", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.MEMBER_NOT_ACTIVE, "date"));
        }

        @Test
        void memberAfterItsLeaveDateIsRefused() {
            fixture.given(coalitionAnd(left(AMSTERDAM, "2026-01-31")))
                    .when(recordMoney(ID, AMSTERDAM, "10.00", "2026-02-01", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.MEMBER_NOT_ACTIVE, "date"));
        }

        @Test
        void memberMayBookOnItsJoinDate() {
            fixture.given(coalitionAnd(joined(DEN_HAAG, "2026-02-01")))
                    .when(recordMoney(ID, DEN_HAAG, "10.00", "2026-02-01", null))
                    .expectEvents(new ContributionRecorded(PROJECT, ID, DEN_HAAG, ContributionKind.MONEY,
                            dec("10.00"), null, null, date("2026-02-01"), null, "vendor invoice", BY, NOW));
        }

        @Test
        void memberMayBookOnItsLeaveDate() {
            // leftOn is the last day of membership.
            fixture.given(coalitionAnd(left(AMSTERDAM, "2026-01-31")))
                    .when(recordMoney(ID, AMSTERDAM, "10.00", "2026-01-31", null))
                    .expectEvents(moneyEvent("10.00", "2026-01-31", null));
        }

        @Test
        void dateAfterTodayIsRefused() {
            fixture.given(coalition())
                    .when(recordMoney(ID, AMSTERDAM, "10.00", "2026-06-16", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.DATE_IN_FUTURE, "date"));
        }

        @Test
        void todayIsAccepted() {
            fixture.given(coalition())
                    .when(recordMoney(ID, AMSTERDAM, "10.00", "2026-06-15", null))
                    .expectEvents(moneyEvent("10.00", "2026-06-15", null));
        }

        @Test
        void todayIsTheProjectZonesDateAlreadyAfterMidnightInAmsterdam() {
            // 22:30 UTC on 14 June is 00:30 on 15 June in Amsterdam (CEST): the 15th is today, even
            // though it is still the 14th in UTC.
            Attribution justAfterMidnight = at("2026-06-14T22:30:00Z");
            fixture.given(coalition())
                    .when(moneyAt("2026-06-15", justAfterMidnight))
                    .expectEvents(new ContributionRecorded(PROJECT, ID, AMSTERDAM, ContributionKind.MONEY,
                            dec("10.00"), null, null, date("2026-06-15"), null, null, BY,
                            justAfterMidnight.recordedAt()));
        }

        @Test
        void tomorrowIsRefusedJustBeforeMidnightInAmsterdam() {
            // 21:59:59 UTC on 14 June is 23:59:59 on the 14th in Amsterdam: the 15th is tomorrow.
            fixture.given(coalition())
                    .when(moneyAt("2026-06-15", at("2026-06-14T21:59:59Z")))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.DATE_IN_FUTURE, "date"));
        }

        @Test
        void todayFollowsTheProjectZoneAlsoWestOfUtc() {
            // 02:00 UTC on 15 June is still 14 June, 22:00, in New York: the 15th is in the future.
            fixture.given(created("USD", "America/New_York", Instant.parse("2025-01-06T15:00:00Z")),
                            joined(AMSTERDAM, "2025-01-01"))
                    .when(moneyAt("2026-06-15", at("2026-06-15T02:00:00Z")))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.DATE_IN_FUTURE, "date"));
        }

        @Test
        void dateInClosedPeriodIsRefused() {
            fixture.given(closedThrough2025Q4())
                    .when(recordMoney(ID, AMSTERDAM, "10.00", "2025-12-31", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.DATE_IN_CLOSED_PERIOD, "date"));
        }

        @Test
        void dateInAnEarlierClosedQuarterIsRefused() {
            fixture.given(closedThrough2025Q4())
                    .when(recordMoney(ID, AMSTERDAM, "10.00", "2025-02-14", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.DATE_IN_CLOSED_PERIOD, "date"));
        }

        @Test
        void firstDayAfterClosedPeriodIsOpen() {
            fixture.given(closedThrough2025Q4())
                    .when(recordMoney(ID, AMSTERDAM, "10.00", "2026-01-01", null))
                    .expectEvents(moneyEvent("10.00", "2026-01-01", null));
        }

        @Test
        void kindIsRequired() {
            fixture.given(coalition())
                    .when(new RecordContribution(PROJECT, ID, AMSTERDAM, null, dec("10.00"), null, null,
                            date("2026-03-10"), null, null, ATTRIBUTION))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FIELD_REQUIRED, "kind"));
        }

        @Test
        void dateIsRequired() {
            fixture.given(coalition())
                    .when(new RecordContribution(PROJECT, ID, AMSTERDAM, ContributionKind.MONEY, dec("10.00"), null,
                            null, null, null, null, ATTRIBUTION))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FIELD_REQUIRED, "date"));
        }

        @Test
        void reusedContributionIdIsAProgrammingError() {
            // Contribution ids are generated by the server; a clash is a bug, not a client error.
            fixture.given(coalitionAnd(moneyRecorded(ID, AMSTERDAM, "10.00", "2026-03-01", null)))
                    .when(recordMoney(ID, AMSTERDAM, "20.00", "2026-03-10", null))
                    .expectNoEvents()
                    .expectException(IllegalStateException.class);
        }
    }

    @Nested
    class References {

        private final UUID earlier = UUID.fromString("00000000-0000-0000-0000-00000000a001");

        @Test
        void secondEffectiveContributionWithSameMemberAndReferenceIsRefused() {
            fixture.given(coalitionAnd(moneyRecorded(earlier, AMSTERDAM, "100.00", "2026-03-01", "INV-7")))
                    .when(recordMoney(ID, AMSTERDAM, "100.00", "2026-03-10", "INV-7"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.DUPLICATE_REFERENCE, "reference"));
        }

        @Test
        void referenceIsUniqueAcrossKinds() {
            fixture.given(coalitionAnd(timeRecorded(earlier, AMSTERDAM, ContributionKind.CODE, "16.00", DEVELOPER,
                            "2026-03-01", MR)))
                    .when(recordMoney(ID, AMSTERDAM, "100.00", "2026-03-10", MR))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.DUPLICATE_REFERENCE));
        }

        @Test
        void sameReferenceByAnotherMemberIsAllowed() {
            fixture.given(coalitionAnd(moneyRecorded(earlier, ROTTERDAM, "100.00", "2026-03-01", "INV-7")))
                    .when(recordMoney(ID, AMSTERDAM, "100.00", "2026-03-10", "INV-7"))
                    .expectEvents(moneyEvent("100.00", "2026-03-10", "INV-7"));
        }

        @Test
        void referencesAreCaseSensitive() {
            fixture.given(coalitionAnd(moneyRecorded(earlier, AMSTERDAM, "100.00", "2026-03-01", "INV-7")))
                    .when(recordMoney(ID, AMSTERDAM, "100.00", "2026-03-10", "inv-7"))
                    .expectEvents(moneyEvent("100.00", "2026-03-10", "inv-7"));
        }

        @Test
        void reversalFreesTheReference() {
            fixture.given(coalitionAnd(
                            moneyRecorded(earlier, AMSTERDAM, "100.00", "2026-03-01", "INV-7"),
                            reversed(earlier)))
                    .when(recordMoney(ID, AMSTERDAM, "100.00", "2026-03-10", "INV-7"))
                    .expectEvents(moneyEvent("100.00", "2026-03-10", "INV-7"));
        }

        @Test
        void correctionToAnotherReferenceFreesTheOldOne() {
            fixture.given(coalitionAnd(
                            moneyRecorded(earlier, AMSTERDAM, "100.00", "2026-03-01", "INV-7"),
                            moneyCorrected(earlier, "100.00", "2026-03-01", "INV-8")))
                    .when(recordMoney(ID, AMSTERDAM, "100.00", "2026-03-10", "INV-7"))
                    .expectEvents(moneyEvent("100.00", "2026-03-10", "INV-7"));
        }

        @Test
        void correctionToAnotherReferenceTakesTheNewOne() {
            fixture.given(coalitionAnd(
                            moneyRecorded(earlier, AMSTERDAM, "100.00", "2026-03-01", "INV-7"),
                            moneyCorrected(earlier, "100.00", "2026-03-01", "INV-8")))
                    .when(recordMoney(ID, AMSTERDAM, "100.00", "2026-03-10", "INV-8"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.DUPLICATE_REFERENCE));
        }

        @Test
        void contributionsWithoutReferenceNeverClash() {
            fixture.given(coalitionAnd(moneyRecorded(earlier, AMSTERDAM, "100.00", "2026-03-01", null)))
                    .when(recordMoney(ID, AMSTERDAM, "100.00", "2026-03-01", ""))
                    .expectEvents(moneyEvent("100.00", "2026-03-01", null));
        }
    }
}
