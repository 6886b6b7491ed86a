package nl.commonsledger.core.project;

import nl.commonsledger.core.allocation.KeyMethod;
import nl.commonsledger.core.project.ProjectCommand.JoinMember;
import nl.commonsledger.core.project.ProjectCommand.LeaveMember;
import nl.commonsledger.core.project.ProjectEvent.AllocationKeyVersionSet;
import nl.commonsledger.core.project.ProjectEvent.MemberJoined;
import nl.commonsledger.core.project.ProjectEvent.MemberLeft;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static nl.commonsledger.core.project.ProjectHistory.AMSTERDAM;
import static nl.commonsledger.core.project.ProjectHistory.ATTRIBUTION;
import static nl.commonsledger.core.project.ProjectHistory.BY;
import static nl.commonsledger.core.project.ProjectHistory.DEN_HAAG;
import static nl.commonsledger.core.project.ProjectHistory.DEVELOPER;
import static nl.commonsledger.core.project.ProjectHistory.NOW;
import static nl.commonsledger.core.project.ProjectHistory.PROJECT;
import static nl.commonsledger.core.project.ProjectHistory.ROTTERDAM;
import static nl.commonsledger.core.project.ProjectHistory.UTRECHT;
import static nl.commonsledger.core.project.ProjectHistory.closedThrough2025Q4;
import static nl.commonsledger.core.project.ProjectHistory.coalition;
import static nl.commonsledger.core.project.ProjectHistory.coalitionAnd;
import static nl.commonsledger.core.project.ProjectHistory.date;
import static nl.commonsledger.core.project.ProjectHistory.dec;
import static nl.commonsledger.core.project.ProjectHistory.equalKey;
import static nl.commonsledger.core.project.ProjectHistory.left;
import static nl.commonsledger.core.project.ProjectHistory.map;
import static nl.commonsledger.core.project.ProjectHistory.moneyCorrected;
import static nl.commonsledger.core.project.ProjectHistory.moneyRecorded;
import static nl.commonsledger.core.project.ProjectHistory.rejectedWith;
import static nl.commonsledger.core.project.ProjectHistory.reversed;
import static nl.commonsledger.core.project.ProjectHistory.timeRecorded;
import static nl.commonsledger.core.project.ProjectHistory.weightedKey;

/** Members joining and leaving: the contract's "Members" and "Keys and rates" details, and rule 7. */
class MembershipTest {

    private FixtureConfiguration<ProjectAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ProjectAggregate.class);
    }

    private static JoinMember join(String memberId, String joinedOn, String weight) {
        return new JoinMember(PROJECT, memberId, "Gemeente " + memberId, date(joinedOn), dec(weight), ATTRIBUTION);
    }

    private static LeaveMember leave(String memberId, String leftOn) {
        return new LeaveMember(PROJECT, memberId, date(leftOn), ATTRIBUTION);
    }

    @Nested
    class Joining {

        @Test
        void memberJoinsUnderEqualKeyWithoutWeight() {
            fixture.given(coalition())
                    .when(join(DEN_HAAG, "2025-03-01", null))
                    .expectEvents(new MemberJoined(PROJECT, DEN_HAAG, "Gemeente " + DEN_HAAG, date("2025-03-01"),
                            null, BY, NOW));
        }

        @Test
        void memberCannotJoinTwice() {
            // Not even with another date: a member cannot rejoin under the same id.
            fixture.given(coalition())
                    .when(join(AMSTERDAM, "2026-01-01", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.DUPLICATE_MEMBER, "memberId"));
        }

        @Test
        void memberWhoLeftCannotRejoinUnderTheSameId() {
            fixture.given(coalitionAnd(left(ROTTERDAM, "2025-06-30")))
                    .when(join(ROTTERDAM, "2026-01-01", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.DUPLICATE_MEMBER));
        }

        @Test
        void weightIsNotAllowedUnderEqualKey() {
            fixture.given(coalition())
                    .when(join(DEN_HAAG, "2025-03-01", "500000"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.WEIGHTS_NOT_ALLOWED, "weight"));
        }

        @Test
        void weightIsRequiredWhileTheKeyInForceIsWeighted() {
            fixture.given(coalitionAnd(weightedKey("2025-01-01", AMSTERDAM, "3", ROTTERDAM, "1")))
                    .when(join(DEN_HAAG, "2025-03-01", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.WEIGHT_REQUIRED, "weight"));
        }

        @Test
        void weightIsRequiredWhenALaterKeyVersionIsWeighted() {
            // EQUAL is in force on the join date, but the member will be active under the later
            // WEIGHTED version too, so it needs a weight there.
            fixture.given(coalitionAnd(weightedKey("2026-01-01", AMSTERDAM, "3", ROTTERDAM, "1")))
                    .when(join(DEN_HAAG, "2025-03-01", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.WEIGHT_REQUIRED));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "0.00"})
        void weightMustBePositive(String weight) {
            fixture.given(coalitionAnd(weightedKey("2025-01-01", AMSTERDAM, "3", ROTTERDAM, "1")))
                    .when(join(DEN_HAAG, "2025-03-01", weight))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.WEIGHT_NOT_POSITIVE, "weight"));
        }

        @Test
        void joiningUnderWeightedKeyAddsTheMemberToTheVersionInForceAndEveryLaterWeightedVersion() {
            // WEIGHTED from 2025-01-01, EQUAL from 2025-07-01, WEIGHTED again from 2026-01-01. Den Haag
            // joins on 2025-04-01: a new version dated 2025-04-01 (the one in force, with Den Haag
            // added) and the 2026 version with Den Haag added; the EQUAL version is left alone.
            fixture.given(coalitionAnd(
                            weightedKey("2025-01-01", AMSTERDAM, "3", ROTTERDAM, "1"),
                            equalKey("2025-07-01"),
                            weightedKey("2026-01-01", AMSTERDAM, "2", ROTTERDAM, "2")))
                    .when(join(DEN_HAAG, "2025-04-01", "5"))
                    .expectEvents(
                            new MemberJoined(PROJECT, DEN_HAAG, "Gemeente " + DEN_HAAG, date("2025-04-01"), dec("5"),
                                    BY, NOW),
                            new AllocationKeyVersionSet(PROJECT, date("2025-04-01"), KeyMethod.WEIGHTED,
                                    map(AMSTERDAM, "3", ROTTERDAM, "1", DEN_HAAG, "5"), BY, NOW),
                            new AllocationKeyVersionSet(PROJECT, date("2026-01-01"), KeyMethod.WEIGHTED,
                                    map(AMSTERDAM, "2", ROTTERDAM, "2", DEN_HAAG, "5"), BY, NOW));
        }

        @Test
        void joiningOnTheDateOfAWeightedVersionAmendsThatVersion() {
            // A version already dated on joinedOn gets the member; no second version that day.
            fixture.given(coalitionAnd(weightedKey("2025-04-01", AMSTERDAM, "3", ROTTERDAM, "1")))
                    .when(join(DEN_HAAG, "2025-04-01", "2"))
                    .expectEvents(
                            new MemberJoined(PROJECT, DEN_HAAG, "Gemeente " + DEN_HAAG, date("2025-04-01"), dec("2"),
                                    BY, NOW),
                            new AllocationKeyVersionSet(PROJECT, date("2025-04-01"), KeyMethod.WEIGHTED,
                                    map(AMSTERDAM, "3", ROTTERDAM, "1", DEN_HAAG, "2"), BY, NOW));
        }

        @Test
        void joiningBeforeALaterWeightedVersionOnlyAmendsThatVersion() {
            // EQUAL in force on the join date: no version dated joinedOn is made.
            fixture.given(coalitionAnd(weightedKey("2026-01-01", AMSTERDAM, "3", ROTTERDAM, "1")))
                    .when(join(DEN_HAAG, "2025-03-01", "2"))
                    .expectEvents(
                            new MemberJoined(PROJECT, DEN_HAAG, "Gemeente " + DEN_HAAG, date("2025-03-01"), dec("2"),
                                    BY, NOW),
                            new AllocationKeyVersionSet(PROJECT, date("2026-01-01"), KeyMethod.WEIGHTED,
                                    map(AMSTERDAM, "3", ROTTERDAM, "1", DEN_HAAG, "2"), BY, NOW));
        }

        @Test
        void weightIsStoredWithoutTrailingZeros() {
            // "2.50" and "2.5" are the same weight; the event stores it one way.
            fixture.given(coalitionAnd(weightedKey("2025-01-01", AMSTERDAM, "3", ROTTERDAM, "1")))
                    .when(join(DEN_HAAG, "2025-03-01", "2.50"))
                    .expectEvents(
                            new MemberJoined(PROJECT, DEN_HAAG, "Gemeente " + DEN_HAAG, date("2025-03-01"),
                                    dec("2.5"), BY, NOW),
                            new AllocationKeyVersionSet(PROJECT, date("2025-03-01"), KeyMethod.WEIGHTED,
                                    map(AMSTERDAM, "3", ROTTERDAM, "1", DEN_HAAG, "2.5"), BY, NOW));
        }

        @Test
        void joiningInClosedPeriodIsRefused() {
            fixture.given(closedThrough2025Q4())
                    .when(join(DEN_HAAG, "2025-12-31", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.DATE_IN_CLOSED_PERIOD, "joinedOn"));
        }

        @Test
        void joiningOnTheFirstDayAfterTheClosedPeriodIsAllowed() {
            fixture.given(closedThrough2025Q4())
                    .when(join(DEN_HAAG, "2026-01-01", null))
                    .expectEvents(new MemberJoined(PROJECT, DEN_HAAG, "Gemeente " + DEN_HAAG, date("2026-01-01"),
                            null, BY, NOW));
        }

        @Test
        void nameIsRequired() {
            fixture.given(coalition())
                    .when(new JoinMember(PROJECT, DEN_HAAG, " ", date("2025-03-01"), null, ATTRIBUTION))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FIELD_REQUIRED, "name"));
        }

        @Test
        void joinDateIsRequired() {
            fixture.given(coalition())
                    .when(new JoinMember(PROJECT, DEN_HAAG, "Den Haag", null, null, ATTRIBUTION))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FIELD_REQUIRED, "joinedOn"));
        }
    }

    @Nested
    class Leaving {

        @Test
        void memberLeaves() {
            fixture.given(coalition())
                    .when(leave(ROTTERDAM, "2025-06-30"))
                    .expectEvents(new MemberLeft(PROJECT, ROTTERDAM, date("2025-06-30"), BY, NOW));
        }

        @Test
        void memberMayLeaveOnTheDayItJoined() {
            // leftOn is the last day of membership and must be ≥ joinedOn: one day of membership.
            fixture.given(coalitionAnd(ProjectHistory.joined(DEN_HAAG, "2025-05-05")))
                    .when(leave(DEN_HAAG, "2025-05-05"))
                    .expectEvents(new MemberLeft(PROJECT, DEN_HAAG, date("2025-05-05"), BY, NOW));
        }

        @Test
        void unknownMemberCannotLeave() {
            fixture.given(coalition())
                    .when(leave(UTRECHT, "2025-06-30"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.MEMBER_NOT_FOUND));
        }

        @Test
        void memberCannotLeaveTwice() {
            fixture.given(coalitionAnd(left(ROTTERDAM, "2025-06-30")))
                    .when(leave(ROTTERDAM, "2025-09-30"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.MEMBER_ALREADY_LEFT));
        }

        @Test
        void memberCannotLeaveBeforeItJoined() {
            fixture.given(coalition())
                    .when(leave(ROTTERDAM, "2024-12-31"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.LEFT_BEFORE_JOINED, "leftOn"));
        }

        @Test
        void leaveDateIsRequired() {
            fixture.given(coalition())
                    .when(new LeaveMember(PROJECT, ROTTERDAM, null, ATTRIBUTION))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FIELD_REQUIRED, "leftOn"));
        }

        @Test
        void memberWithEffectiveContributionAfterLeftOnCannotLeave() {
            UUID later = UUID.randomUUID();
            fixture.given(coalitionAnd(moneyRecorded(later, ROTTERDAM, "100.00", "2025-07-01", null)))
                    .when(leave(ROTTERDAM, "2025-06-30"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.MEMBER_HAS_LATER_CONTRIBUTIONS));
        }

        @Test
        void hoursContributionAfterLeftOnAlsoBlocksLeaving() {
            UUID later = UUID.randomUUID();
            fixture.given(coalitionAnd(
                            timeRecorded(later, ROTTERDAM, ContributionKind.HOURS, "8.00", DEVELOPER, "2025-08-01",
                                    null)))
                    .when(leave(ROTTERDAM, "2025-06-30"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.MEMBER_HAS_LATER_CONTRIBUTIONS));
        }

        @Test
        void contributionOnTheLeaveDateItselfDoesNotBlockLeaving() {
            UUID onLastDay = UUID.randomUUID();
            fixture.given(coalitionAnd(moneyRecorded(onLastDay, ROTTERDAM, "100.00", "2025-06-30", null)))
                    .when(leave(ROTTERDAM, "2025-06-30"))
                    .expectEvents(new MemberLeft(PROJECT, ROTTERDAM, date("2025-06-30"), BY, NOW));
        }

        @Test
        void reversedOrRedatedContributionsDoNotBlockLeaving() {
            // Only effective contributions with their latest values count (rule 6).
            UUID reversedOne = UUID.randomUUID();
            UUID redated = UUID.randomUUID();
            fixture.given(coalitionAnd(
                            moneyRecorded(reversedOne, ROTTERDAM, "100.00", "2025-08-01", null),
                            reversed(reversedOne),
                            moneyRecorded(redated, ROTTERDAM, "50.00", "2025-09-01", null),
                            moneyCorrected(redated, "50.00", "2025-06-01", null)))
                    .when(leave(ROTTERDAM, "2025-06-30"))
                    .expectEvents(new MemberLeft(PROJECT, ROTTERDAM, date("2025-06-30"), BY, NOW));
        }

        @Test
        void anotherMembersLaterContributionDoesNotBlockLeaving() {
            fixture.given(coalitionAnd(moneyRecorded(UUID.randomUUID(), AMSTERDAM, "100.00", "2025-08-01", null)))
                    .when(leave(ROTTERDAM, "2025-06-30"))
                    .expectEvents(new MemberLeft(PROJECT, ROTTERDAM, date("2025-06-30"), BY, NOW));
        }

        @Test
        void leavingInClosedPeriodIsRefused() {
            fixture.given(closedThrough2025Q4())
                    .when(leave(ROTTERDAM, "2025-12-31"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.DATE_IN_CLOSED_PERIOD, "leftOn"));
        }

        @Test
        void leavingAddsNoKeyVersionEvenUnderWeightedKey() {
            // The contract: leaving adds no key version; the member simply stops being active.
            fixture.given(coalitionAnd(weightedKey("2025-01-01", AMSTERDAM, "3", ROTTERDAM, "1")))
                    .when(leave(ROTTERDAM, "2025-06-30"))
                    .expectEvents(new MemberLeft(PROJECT, ROTTERDAM, date("2025-06-30"), BY, NOW));
        }
    }
}
