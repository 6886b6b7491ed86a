package nl.commonsledger.core.project;

import nl.commonsledger.core.period.Quarter;
import nl.commonsledger.core.project.ProjectCommand.ClosePeriod;
import nl.commonsledger.core.project.ProjectCommand.RecordSettlement;
import nl.commonsledger.core.project.ProjectEvent.PeriodClosed;
import nl.commonsledger.core.project.ProjectEvent.SettlementRecorded;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static nl.commonsledger.core.project.ProjectHistory.AMSTERDAM;
import static nl.commonsledger.core.project.ProjectHistory.ATTRIBUTION;
import static nl.commonsledger.core.project.ProjectHistory.BY;
import static nl.commonsledger.core.project.ProjectHistory.DEN_HAAG;
import static nl.commonsledger.core.project.ProjectHistory.NOW;
import static nl.commonsledger.core.project.ProjectHistory.PROJECT;
import static nl.commonsledger.core.project.ProjectHistory.ROTTERDAM;
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
import static nl.commonsledger.core.project.ProjectHistory.moneyRecorded;
import static nl.commonsledger.core.project.ProjectHistory.periodClosed;
import static nl.commonsledger.core.project.ProjectHistory.rejectedWith;

/** Settlements (contract "Settlements") and closing periods (rule 8, contract "Periods"). */
class SettlementAndPeriodTest {

    private static final UUID SETTLEMENT = UUID.fromString("00000000-0000-0000-0000-0000000005e1");
    private static final String DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private FixtureConfiguration<ProjectAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ProjectAggregate.class);
    }

    private static RecordSettlement settle(String from, String to, String amount, String date, String reference) {
        return new RecordSettlement(PROJECT, SETTLEMENT, from, to, dec(amount), date == null ? null : date(date),
                reference, ATTRIBUTION);
    }

    private static SettlementRecorded settled(String from, String to, String amount, String date, String reference) {
        return new SettlementRecorded(PROJECT, SETTLEMENT, from, to, dec(amount), date(date), reference, BY, NOW);
    }

    @Nested
    class Settlements {

        @Test
        void settlementIsRecordedWithNormalisedAmount() {
            fixture.given(coalition())
                    .when(settle(ROTTERDAM, AMSTERDAM, "250", "2026-03-31", "SEPA-2026-0042"))
                    .expectEvents(settled(ROTTERDAM, AMSTERDAM, "250.00", "2026-03-31", "SEPA-2026-0042"));
        }

        @Test
        void blankSettlementReferenceCountsAsNone() {
            fixture.given(coalition())
                    .when(settle(ROTTERDAM, AMSTERDAM, "250.00", "2026-03-31", " "))
                    .expectEvents(settled(ROTTERDAM, AMSTERDAM, "250.00", "2026-03-31", null));
        }

        @Test
        void settlementToSelfIsRefused() {
            fixture.given(coalition())
                    .when(settle(AMSTERDAM, AMSTERDAM, "250.00", "2026-03-31", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.SETTLEMENT_TO_SELF, "to"));
        }

        @Test
        void settlementFromUnknownMemberIsRefused() {
            fixture.given(coalition())
                    .when(settle(UTRECHT, AMSTERDAM, "250.00", "2026-03-31", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.UNKNOWN_MEMBER, "from"));
        }

        @Test
        void settlementToUnknownMemberIsRefused() {
            fixture.given(coalition())
                    .when(settle(AMSTERDAM, UTRECHT, "250.00", "2026-03-31", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.UNKNOWN_MEMBER, "to"));
        }

        @Test
        void payeeMustHaveJoinedByTheDate() {
            fixture.given(coalitionAnd(joined(DEN_HAAG, "2026-02-01")))
                    .when(settle(AMSTERDAM, DEN_HAAG, "250.00", "2026-01-31", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.MEMBER_NOT_ACTIVE, "date"));
        }

        @Test
        void payerMustHaveJoinedByTheDate() {
            fixture.given(coalitionAnd(joined(DEN_HAAG, "2026-02-01")))
                    .when(settle(DEN_HAAG, AMSTERDAM, "250.00", "2026-01-31", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.MEMBER_NOT_ACTIVE, "date"));
        }

        @Test
        void memberWhoLeftMayStillSettle() {
            // Members who left still have a balance to even out.
            fixture.given(coalitionAnd(left(ROTTERDAM, "2025-12-31")))
                    .when(settle(ROTTERDAM, AMSTERDAM, "250.00", "2026-03-31", null))
                    .expectEvents(settled(ROTTERDAM, AMSTERDAM, "250.00", "2026-03-31", null));
        }

        @Test
        void futureSettlementIsRefused() {
            fixture.given(coalition())
                    .when(settle(ROTTERDAM, AMSTERDAM, "250.00", "2026-06-16", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.DATE_IN_FUTURE, "date"));
        }

        @Test
        void settlementInClosedPeriodIsRefused() {
            fixture.given(closedThrough2025Q4())
                    .when(settle(ROTTERDAM, AMSTERDAM, "250.00", "2025-12-31", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.DATE_IN_CLOSED_PERIOD, "date"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "0.00", "-250.00"})
        void settlementAmountMustBeMoreThanZero(String amount) {
            fixture.given(coalition())
                    .when(settle(ROTTERDAM, AMSTERDAM, amount, "2026-03-31", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.AMOUNT_NOT_POSITIVE, "amount"));
        }

        @Test
        void settlementAmountFollowsTheMoneyRules() {
            fixture.given(coalition())
                    .when(settle(ROTTERDAM, AMSTERDAM, "250.001", "2026-03-31", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.TOO_MANY_DECIMALS, "amount"));
        }

        @Test
        void settlementAmountAboveTheLimitIsRefused() {
            fixture.given(coalition())
                    .when(settle(ROTTERDAM, AMSTERDAM, "1000000000000", "2026-03-31", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.AMOUNT_TOO_LARGE, "amount"));
        }

        @Test
        void settlementAmountIsRequired() {
            fixture.given(coalition())
                    .when(settle(ROTTERDAM, AMSTERDAM, null, "2026-03-31", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FIELD_REQUIRED, "amount"));
        }

        @Test
        void settlementDateIsRequired() {
            fixture.given(coalition())
                    .when(settle(ROTTERDAM, AMSTERDAM, "250.00", null, null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FIELD_REQUIRED, "date"));
        }
    }

    @Nested
    class ClosingPeriods {

        private ClosePeriod close(String quarter, long eventCount) {
            return close(quarter, eventCount, ATTRIBUTION);
        }

        private ClosePeriod close(String quarter, long eventCount, Attribution attribution) {
            return new ClosePeriod(PROJECT, quarter == null ? null : Quarter.parse(quarter), eventCount, DIGEST,
                    attribution);
        }

        private PeriodClosed closedNow(String quarter, long eventCount) {
            return new PeriodClosed(PROJECT, Quarter.parse(quarter), eventCount, DIGEST, BY, NOW);
        }

        @Test
        void firstPeriodIsTheQuarterOfTheEarliestJoin() {
            // Created in 2025-Q1, but Amsterdam joined on 2024-11-01: 2024-Q4 is the first period.
            List<Object> history = List.of(created(), joined(AMSTERDAM, "2024-11-01"),
                    joined(ROTTERDAM, "2025-01-01"));
            fixture.given(history)
                    .when(close("2024-Q4", history.size()))
                    .expectEvents(closedNow("2024-Q4", history.size()));
        }

        @Test
        void quarterAfterTheFirstCannotBeClosedFirst() {
            List<Object> history = List.of(created(), joined(AMSTERDAM, "2024-11-01"));
            fixture.given(history)
                    .when(close("2025-Q1", history.size()))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.PERIOD_NOT_CLOSABLE));
        }

        @Test
        void firstPeriodIsTheCreationQuarterWhenThatIsEarlier() {
            List<Object> history = List.of(created(), joined(AMSTERDAM, "2025-05-01"));
            fixture.given(history)
                    .when(close("2025-Q1", history.size()))
                    .expectEvents(closedNow("2025-Q1", history.size()));
        }

        @Test
        void firstJoinQuarterIsNotFirstWhenCreationWasEarlier() {
            List<Object> history = List.of(created(), joined(AMSTERDAM, "2025-05-01"));
            fixture.given(history)
                    .when(close("2025-Q2", history.size()))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.PERIOD_NOT_CLOSABLE));
        }

        @Test
        void creationQuarterIsTakenInTheProjectsTimeZone() {
            // 23:30 UTC on 31 December 2024 is already 1 January 2025 in Amsterdam.
            List<Object> history = List.of(created("EUR", "Europe/Amsterdam", Instant.parse("2024-12-31T23:30:00Z")));
            fixture.given(history)
                    .when(close("2024-Q4", history.size()))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.PERIOD_NOT_CLOSABLE));
        }

        @Test
        void projectWithoutMembersClosesFromItsCreationQuarter() {
            List<Object> history = List.of(created("EUR", "Europe/Amsterdam", Instant.parse("2024-12-31T23:30:00Z")));
            fixture.given(history)
                    .when(close("2025-Q1", history.size()))
                    .expectEvents(closedNow("2025-Q1", history.size()));
        }

        @Test
        void periodsCloseInOrder() {
            List<Object> history = coalitionAnd(periodClosed("2025-Q1", 4));
            fixture.given(history)
                    .when(close("2025-Q3", history.size()))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.PERIOD_NOT_CLOSABLE));
        }

        @Test
        void nextPeriodClosesAfterThePreviousOne() {
            List<Object> history = coalitionAnd(periodClosed("2025-Q1", 4),
                    moneyRecorded(UUID.randomUUID(), AMSTERDAM, "10.00", "2025-05-05", null));
            fixture.given(history)
                    .when(close("2025-Q2", history.size()))
                    .expectEvents(closedNow("2025-Q2", history.size()));
        }

        @Test
        void closedPeriodNeverReopensOrClosesAgain() {
            List<Object> history = coalitionAnd(periodClosed("2025-Q1", 4));
            fixture.given(history)
                    .when(close("2025-Q1", history.size()))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.PERIOD_NOT_CLOSABLE));
        }

        @Test
        void periodThatHasNotEndedCannotBeClosed() {
            // Today is 2026-06-15: 2026-Q2 has not ended.
            List<Object> history = closedThrough2025Q4(periodClosed("2026-Q1", 8));
            fixture.given(history)
                    .when(close("2026-Q2", history.size()))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.PERIOD_NOT_CLOSABLE));
        }

        @Test
        void periodCannotBeClosedOnItsLastDay() {
            // 21:59:59 UTC on 30 June is 23:59:59 on 30 June in Amsterdam: still the quarter's last day.
            List<Object> history = closedThrough2025Q4(periodClosed("2026-Q1", 8));
            fixture.given(history)
                    .when(close("2026-Q2", history.size(), at("2026-06-30T21:59:59Z")))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.PERIOD_NOT_CLOSABLE));
        }

        @Test
        void periodClosesOnceItsLastDayIsOverInTheProjectsTimeZone() {
            // 22:00 UTC on 30 June is midnight, 1 July, in Amsterdam: 2026-Q2 is over there.
            List<Object> history = closedThrough2025Q4(periodClosed("2026-Q1", 8));
            Attribution firstOfJuly = at("2026-06-30T22:00:00Z");
            fixture.given(history)
                    .when(close("2026-Q2", history.size(), firstOfJuly))
                    .expectEvents(new PeriodClosed(PROJECT, Quarter.parse("2026-Q2"), history.size(), DIGEST, BY,
                            firstOfJuly.recordedAt()));
        }

        @ParameterizedTest
        @ValueSource(longs = {-1, 1})
        void staleEventCountIsRefused(long offset) {
            // The close seals exactly the history its digest was computed over: any other count
            // means the ledger changed in between.
            List<Object> history = coalition();
            fixture.given(history)
                    .when(close("2025-Q1", history.size() + offset))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.STALE_EVENT_COUNT));
        }

        @Test
        void eventCountIncludesEarlierCloses() {
            List<Object> history = closedThrough2025Q4();
            fixture.given(history)
                    .when(close("2026-Q1", history.size()))
                    .expectEvents(closedNow("2026-Q1", history.size()));
        }

        @Test
        void periodIsRequired() {
            fixture.given(coalition())
                    .when(close(null, 4))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.PERIOD_NOT_CLOSABLE));
        }
    }
}
