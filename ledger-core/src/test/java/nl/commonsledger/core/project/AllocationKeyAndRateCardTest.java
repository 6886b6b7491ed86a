package nl.commonsledger.core.project;

import nl.commonsledger.core.allocation.KeyMethod;
import nl.commonsledger.core.project.ProjectCommand.SetAllocationKey;
import nl.commonsledger.core.project.ProjectCommand.SetRateCard;
import nl.commonsledger.core.project.ProjectEvent.AllocationKeyVersionSet;
import nl.commonsledger.core.project.ProjectEvent.RateCardVersionSet;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static nl.commonsledger.core.project.ProjectHistory.AMSTERDAM;
import static nl.commonsledger.core.project.ProjectHistory.ATTRIBUTION;
import static nl.commonsledger.core.project.ProjectHistory.BY;
import static nl.commonsledger.core.project.ProjectHistory.CREATED_AT;
import static nl.commonsledger.core.project.ProjectHistory.DEN_HAAG;
import static nl.commonsledger.core.project.ProjectHistory.DEVELOPER;
import static nl.commonsledger.core.project.ProjectHistory.NOW;
import static nl.commonsledger.core.project.ProjectHistory.PROJECT;
import static nl.commonsledger.core.project.ProjectHistory.ROTTERDAM;
import static nl.commonsledger.core.project.ProjectHistory.TESTER;
import static nl.commonsledger.core.project.ProjectHistory.UTRECHT;
import static nl.commonsledger.core.project.ProjectHistory.closedThrough2025Q4;
import static nl.commonsledger.core.project.ProjectHistory.coalition;
import static nl.commonsledger.core.project.ProjectHistory.coalitionAnd;
import static nl.commonsledger.core.project.ProjectHistory.created;
import static nl.commonsledger.core.project.ProjectHistory.date;
import static nl.commonsledger.core.project.ProjectHistory.equalKey;
import static nl.commonsledger.core.project.ProjectHistory.joined;
import static nl.commonsledger.core.project.ProjectHistory.left;
import static nl.commonsledger.core.project.ProjectHistory.map;
import static nl.commonsledger.core.project.ProjectHistory.moneyCorrected;
import static nl.commonsledger.core.project.ProjectHistory.moneyRecorded;
import static nl.commonsledger.core.project.ProjectHistory.rejectedWith;
import static nl.commonsledger.core.project.ProjectHistory.reversed;
import static nl.commonsledger.core.project.ProjectHistory.timeRecorded;
import static nl.commonsledger.core.project.ProjectHistory.weightedKey;

/** Versioned allocation keys and rate cards: the contract's "Keys and rates" details, rules 2, 3 and 7. */
class AllocationKeyAndRateCardTest {

    private FixtureConfiguration<ProjectAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ProjectAggregate.class);
    }

    private static SetAllocationKey key(KeyMethod method, String effectiveFrom, Map<String, BigDecimal> weights) {
        return new SetAllocationKey(PROJECT, method, effectiveFrom == null ? null : date(effectiveFrom), weights,
                ATTRIBUTION);
    }

    private static SetRateCard rates(String effectiveFrom, Map<String, BigDecimal> hourlyRates) {
        return new SetRateCard(PROJECT, effectiveFrom == null ? null : date(effectiveFrom), hourlyRates, ATTRIBUTION);
    }

    @Nested
    class AllocationKey {

        @Test
        void weightedVersionIsStoredWithNormalisedWeights() {
            // Weights are positive decimals; "670610.0" is stored as 670610.
            fixture.given(coalition())
                    .when(key(KeyMethod.WEIGHTED, "2025-04-01", map(AMSTERDAM, "931298", ROTTERDAM, "670610.0")))
                    .expectEvents(new AllocationKeyVersionSet(PROJECT, date("2025-04-01"), KeyMethod.WEIGHTED,
                            map(AMSTERDAM, "931298", ROTTERDAM, "670610"), BY, NOW));
        }

        @Test
        void equalVersionIsStoredWithoutWeights() {
            fixture.given(coalitionAnd(weightedKey("2025-04-01", AMSTERDAM, "3", ROTTERDAM, "1")))
                    .when(key(KeyMethod.EQUAL, "2025-07-01", null))
                    .expectEvents(new AllocationKeyVersionSet(PROJECT, date("2025-07-01"), KeyMethod.EQUAL,
                            new TreeMap<>(), BY, NOW));
        }

        @Test
        void equalKeyWithWeightsIsRefused() {
            fixture.given(coalition())
                    .when(key(KeyMethod.EQUAL, "2025-04-01", map(AMSTERDAM, "1", ROTTERDAM, "1")))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.WEIGHTS_NOT_ALLOWED, "weights"));
        }

        @Test
        void weightedKeyMissingAnActiveMemberIsRefused() {
            fixture.given(coalition())
                    .when(key(KeyMethod.WEIGHTED, "2025-04-01", map(AMSTERDAM, "3")))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.WEIGHT_MISSING_FOR_ACTIVE_MEMBER, "weights." + ROTTERDAM));
        }

        @Test
        void memberJoiningLaterInTheVersionsSpanNeedsAWeight() {
            // Den Haag is not active on effectiveFrom but on some later day while the key is in force.
            fixture.given(coalitionAnd(joined(DEN_HAAG, "2025-09-01")))
                    .when(key(KeyMethod.WEIGHTED, "2025-04-01", map(AMSTERDAM, "3", ROTTERDAM, "1")))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.WEIGHT_MISSING_FOR_ACTIVE_MEMBER, "weights." + DEN_HAAG));
        }

        @Test
        void memberJoiningOnlyAfterTheVersionsSpanNeedsNoWeight() {
            // An EQUAL version takes over on 2025-07-01, before Den Haag joins: outside the span.
            fixture.given(coalitionAnd(equalKey("2025-07-01"), joined(DEN_HAAG, "2025-09-01")))
                    .when(key(KeyMethod.WEIGHTED, "2025-04-01", map(AMSTERDAM, "3", ROTTERDAM, "1")))
                    .expectEvents(new AllocationKeyVersionSet(PROJECT, date("2025-04-01"), KeyMethod.WEIGHTED,
                            map(AMSTERDAM, "3", ROTTERDAM, "1"), BY, NOW));
        }

        @Test
        void memberWhoLeftBeforeTheVersionNeedsNoWeight() {
            fixture.given(coalitionAnd(left(ROTTERDAM, "2025-03-31")))
                    .when(key(KeyMethod.WEIGHTED, "2025-04-01", map(AMSTERDAM, "3")))
                    .expectEvents(new AllocationKeyVersionSet(PROJECT, date("2025-04-01"), KeyMethod.WEIGHTED,
                            map(AMSTERDAM, "3"), BY, NOW));
        }

        @Test
        void memberWhoseLastDayIsTheVersionsFirstDayNeedsAWeight() {
            fixture.given(coalitionAnd(left(ROTTERDAM, "2025-04-01")))
                    .when(key(KeyMethod.WEIGHTED, "2025-04-01", map(AMSTERDAM, "3")))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.WEIGHT_MISSING_FOR_ACTIVE_MEMBER));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-3", "0.000"})
        void nonPositiveWeightIsRefused(String weight) {
            fixture.given(coalition())
                    .when(key(KeyMethod.WEIGHTED, "2025-04-01", map(AMSTERDAM, "3", ROTTERDAM, weight)))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.WEIGHT_NOT_POSITIVE, "weights." + ROTTERDAM));
        }

        @Test
        void missingWeightValueIsRefusedAsNotPositive() {
            Map<String, BigDecimal> weights = new HashMap<>();
            weights.put(AMSTERDAM, BigDecimal.ONE);
            weights.put(ROTTERDAM, null);
            fixture.given(coalition())
                    .when(key(KeyMethod.WEIGHTED, "2025-04-01", weights))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.WEIGHT_NOT_POSITIVE, "weights." + ROTTERDAM));
        }

        @Test
        void weightForUnknownMemberIsRefused() {
            fixture.given(coalition())
                    .when(key(KeyMethod.WEIGHTED, "2025-04-01", map(AMSTERDAM, "3", ROTTERDAM, "1", UTRECHT, "2")))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.UNKNOWN_MEMBER, "weights." + UTRECHT));
        }

        @Test
        void identicalPutStoresNothing() {
            // Numerically equal weights ("3.00" = "3") make the same key: nothing new is stored.
            fixture.given(coalitionAnd(weightedKey("2025-04-01", AMSTERDAM, "3", ROTTERDAM, "1")))
                    .when(key(KeyMethod.WEIGHTED, "2025-04-01", map(AMSTERDAM, "3.00", ROTTERDAM, "1")))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void identicalEqualPutStoresNothing() {
            fixture.given(coalitionAnd(equalKey("2025-07-01")))
                    .when(key(KeyMethod.EQUAL, "2025-07-01", Map.of()))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void versionWithTheSameDateReplacesTheExistingOne() {
            fixture.given(coalitionAnd(weightedKey("2025-04-01", AMSTERDAM, "3", ROTTERDAM, "1")))
                    .when(key(KeyMethod.WEIGHTED, "2025-04-01", map(AMSTERDAM, "1", ROTTERDAM, "1")))
                    .expectEvents(new AllocationKeyVersionSet(PROJECT, date("2025-04-01"), KeyMethod.WEIGHTED,
                            map(AMSTERDAM, "1", ROTTERDAM, "1"), BY, NOW));
        }

        @Test
        void weightedVersionMayBeReplacedByEqualOnTheSameDate() {
            fixture.given(coalitionAnd(weightedKey("2025-04-01", AMSTERDAM, "3", ROTTERDAM, "1")))
                    .when(key(KeyMethod.EQUAL, "2025-04-01", null))
                    .expectEvents(new AllocationKeyVersionSet(PROJECT, date("2025-04-01"), KeyMethod.EQUAL,
                            new TreeMap<>(), BY, NOW));
        }

        @Test
        void methodIsRequired() {
            fixture.given(coalition())
                    .when(key(null, "2025-04-01", null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FIELD_REQUIRED, "method"));
        }

        @Test
        void effectiveFromIsRequired() {
            fixture.given(coalition())
                    .when(key(KeyMethod.EQUAL, null, null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FIELD_REQUIRED, "effectiveFrom"));
        }

        @Test
        void keyVersionInClosedPeriodIsRefused() {
            fixture.given(closedThrough2025Q4())
                    .when(key(KeyMethod.WEIGHTED, "2025-12-31", map(AMSTERDAM, "3", ROTTERDAM, "1")))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.DATE_IN_CLOSED_PERIOD, "effectiveFrom"));
        }

        @Test
        void keyVersionRightAfterClosedPeriodIsAllowed() {
            fixture.given(closedThrough2025Q4())
                    .when(key(KeyMethod.WEIGHTED, "2026-01-01", map(AMSTERDAM, "3", ROTTERDAM, "1")))
                    .expectEvents(new AllocationKeyVersionSet(PROJECT, date("2026-01-01"), KeyMethod.WEIGHTED,
                            map(AMSTERDAM, "3", ROTTERDAM, "1"), BY, NOW));
        }
    }

    @Nested
    class RateCard {

        @Test
        void ratesAreStoredWithTheCurrencysDecimals() {
            fixture.given(coalition())
                    .when(rates("2026-01-01", map(DEVELOPER, "100", TESTER, "85.5")))
                    .expectEvents(new RateCardVersionSet(PROJECT, date("2026-01-01"),
                            map(DEVELOPER, "100.00", TESTER, "85.50"), BY, NOW));
        }

        @Test
        void yenRatesHaveNoDecimals() {
            fixture.given(created("JPY", "Asia/Tokyo", CREATED_AT))
                    .when(rates("2026-01-01", map(DEVELOPER, "9500")))
                    .expectEvents(new RateCardVersionSet(PROJECT, date("2026-01-01"), map(DEVELOPER, "9500"), BY,
                            NOW));
        }

        @Test
        void yenRateWithDecimalsIsRefused() {
            fixture.given(created("JPY", "Asia/Tokyo", CREATED_AT))
                    .when(rates("2026-01-01", map(DEVELOPER, "9500.5")))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.TOO_MANY_DECIMALS, "hourlyRates." + DEVELOPER));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "0.00", "-95.00"})
        void nonPositiveRateIsRefused(String rate) {
            fixture.given(coalition())
                    .when(rates("2026-01-01", map(DEVELOPER, rate)))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.RATE_NOT_POSITIVE, "hourlyRates." + DEVELOPER));
        }

        @Test
        void missingRateValueIsRefusedAsNotPositive() {
            Map<String, BigDecimal> given = new HashMap<>();
            given.put(DEVELOPER, null);
            fixture.given(coalition())
                    .when(rates("2026-01-01", given))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.RATE_NOT_POSITIVE, "hourlyRates." + DEVELOPER));
        }

        @ParameterizedTest
        @ValueSource(strings = {"95.001", "95.000"})
        void rateWithMoreDecimalsThanTheCurrencyIsRefused(String rate) {
            // Even trailing zeros as written count: "95.000" has three decimals.
            fixture.given(coalition())
                    .when(rates("2026-01-01", map(DEVELOPER, rate)))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.TOO_MANY_DECIMALS, "hourlyRates." + DEVELOPER));
        }

        @Test
        void rateAboveTheAmountLimitIsRefused() {
            fixture.given(coalition())
                    .when(rates("2026-01-01", map(DEVELOPER, "1000000000000.00")))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.AMOUNT_TOO_LARGE, "hourlyRates." + DEVELOPER));
        }

        @Test
        void blankRoleIsRefused() {
            fixture.given(coalition())
                    .when(rates("2026-01-01", map(" ", "95.00")))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FIELD_REQUIRED, "hourlyRates"));
        }

        @Test
        void effectiveFromIsRequired() {
            fixture.given(coalition())
                    .when(rates(null, map(DEVELOPER, "95.00")))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FIELD_REQUIRED, "effectiveFrom"));
        }

        @Test
        void identicalRateCardStoresNothing() {
            fixture.given(coalition())
                    .when(rates("2025-01-01", map(DEVELOPER, "95", TESTER, "80.0")))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void rateCardWithTheSameDateReplacesTheWholeCard() {
            fixture.given(coalition())
                    .when(rates("2025-01-01", map(DEVELOPER, "99.00")))
                    .expectEvents(new RateCardVersionSet(PROJECT, date("2025-01-01"), map(DEVELOPER, "99.00"), BY,
                            NOW));
        }

        @Test
        void rateCardLeavingAnHoursContributionWithoutRateIsRefused() {
            // The tester's hours of 2025-03-03 could no longer be valued if the card from 2025-02-01
            // has no tester rate (rule 2).
            fixture.given(coalitionAnd(timeRecorded(UUID.randomUUID(), AMSTERDAM, ContributionKind.HOURS, "8.00",
                            TESTER, "2025-03-03", null)))
                    .when(rates("2025-02-01", map(DEVELOPER, "95.00")))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.RATE_CARD_LEAVES_CONTRIBUTION_WITHOUT_RATE));
        }

        @Test
        void replacingTheCardInForceWithoutAUsedRoleIsRefused() {
            fixture.given(coalitionAnd(timeRecorded(UUID.randomUUID(), AMSTERDAM, ContributionKind.CODE, "16.00",
                            DEVELOPER, "2025-03-03", "https://git.example.org/mr/1")))
                    .when(rates("2025-01-01", map(TESTER, "80.00")))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.RATE_CARD_LEAVES_CONTRIBUTION_WITHOUT_RATE));
        }

        @Test
        void rateCardFromAfterTheContributionDoesNotAffectIt() {
            fixture.given(coalitionAnd(timeRecorded(UUID.randomUUID(), AMSTERDAM, ContributionKind.HOURS, "8.00",
                            TESTER, "2025-03-03", null)))
                    .when(rates("2025-04-01", map(DEVELOPER, "95.00")))
                    .expectEvents(new RateCardVersionSet(PROJECT, date("2025-04-01"), map(DEVELOPER, "95.00"), BY,
                            NOW));
        }

        @Test
        void reversedOrNoLongerHoursContributionsNeedNoRate() {
            // Only effective contributions with their latest values need a rate (rule 6): one was
            // reversed, the other was corrected into a MONEY contribution.
            UUID reversedHours = UUID.randomUUID();
            UUID nowMoney = UUID.randomUUID();
            fixture.given(coalitionAnd(
                            timeRecorded(reversedHours, AMSTERDAM, ContributionKind.HOURS, "8.00", TESTER,
                                    "2025-03-03", null),
                            reversed(reversedHours),
                            timeRecorded(nowMoney, ROTTERDAM, ContributionKind.HOURS, "4.00", TESTER,
                                    "2025-03-04", null),
                            moneyCorrected(nowMoney, "320.00", "2025-03-04", null),
                            moneyRecorded(UUID.randomUUID(), AMSTERDAM, "100.00", "2025-03-05", null)))
                    .when(rates("2025-01-01", map(DEVELOPER, "95.00")))
                    .expectEvents(new RateCardVersionSet(PROJECT, date("2025-01-01"), map(DEVELOPER, "95.00"), BY,
                            NOW));
        }

        @Test
        void rateCardInClosedPeriodIsRefused() {
            fixture.given(closedThrough2025Q4())
                    .when(rates("2025-10-01", map(DEVELOPER, "99.00")))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.DATE_IN_CLOSED_PERIOD, "effectiveFrom"));
        }
    }
}
