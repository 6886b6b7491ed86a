package nl.commonsledger.core.money;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * Rule 3, the largest remainder method: the shares of one contribution always sum to exactly its
 * value, each share is its exact share rounded down or up by one unit, and the leftover units go to
 * the largest remainders, ties to the smallest id by code point.
 */
class LargestRemainderProperties {

    /** The largest value a contribution can have, in cents: 999999999999.99. */
    private static final long MAX_VALUE = 99_999_999_999_999L;

    // ---- properties ----------------------------------------------------------------------------

    @Property
    @Label("shares sum to the value, integer weights")
    void sharesSumToTheValueForIntegerWeights(
            @ForAll @LongRange(min = 0, max = MAX_VALUE) long value,
            @ForAll @Size(min = 1, max = 40) Map<@AlphaChars @StringLength(min = 1, max = 4) String,
                    @IntRange(min = 1, max = 10_000_000) Integer> weights) {
        Map<String, BigDecimal> decimalWeights = integers(weights);

        SortedMap<String, Long> shares = LargestRemainder.divide(value, decimalWeights);

        assertThat(sum(shares)).isEqualTo(value);
        // Every member is listed, zero shares included, and no one else.
        assertThat(shares.keySet()).containsExactlyInAnyOrderElementsOf(weights.keySet());
    }

    @Property
    @Label("shares sum to the value, decimal weights")
    void sharesSumToTheValueForDecimalWeights(
            @ForAll @LongRange(min = 0, max = MAX_VALUE) long value,
            @ForAll @Size(min = 1, max = 40) Map<@AlphaChars @StringLength(min = 1, max = 4) String,
                    @BigRange(min = "0.001", max = "1000000") @Scale(3) BigDecimal> weights) {
        SortedMap<String, Long> shares = LargestRemainder.divide(value, weights);

        assertThat(sum(shares)).isEqualTo(value);
        assertThat(shares.keySet()).containsExactlyInAnyOrderElementsOf(weights.keySet());
    }

    @Property
    @Label("each share is the exact share rounded down, or that plus one unit")
    void everyShareIsFloorOrFloorPlusOneOfTheExactShare(
            @ForAll @LongRange(min = 0, max = MAX_VALUE) long value,
            @ForAll @Size(min = 1, max = 40) Map<@AlphaChars @StringLength(min = 1, max = 4) String,
                    @BigRange(min = "0.01", max = "1000000") @Scale(2) BigDecimal> weights) {
        SortedMap<String, Long> shares = LargestRemainder.divide(value, weights);

        BigDecimal total = total(weights);
        for (Map.Entry<String, BigDecimal> w : weights.entrySet()) {
            long floor = floorOfExactShare(value, w.getValue(), total);
            assertThat(shares.get(w.getKey()))
                    .as("share of %s", w.getKey())
                    .isBetween(floor, floor + 1);
        }
    }

    @Property
    @Label("the extra units go to the largest remainders, ties to the smallest id")
    void extraUnitsGoToLargestRemaindersThenSmallestId(
            @ForAll @LongRange(min = 0, max = 1_000_000) long value,
            @ForAll @Size(min = 1, max = 20) Map<@AlphaChars @StringLength(min = 1, max = 3) String,
                    @IntRange(min = 1, max = 5) Integer> weights) {
        // Small weights make equal remainders, and so the tie rule, common.
        Map<String, BigDecimal> decimalWeights = integers(weights);
        SortedMap<String, Long> shares = LargestRemainder.divide(value, decimalWeights);

        BigDecimal total = total(decimalWeights);
        List<String> gotExtra = new ArrayList<>();
        List<String> didNot = new ArrayList<>();
        Map<String, BigDecimal> remainders = new HashMap<>();
        for (Map.Entry<String, BigDecimal> w : decimalWeights.entrySet()) {
            long floor = floorOfExactShare(value, w.getValue(), total);
            // Remainder over the common denominator Σw: V × w − floor × Σw.
            remainders.put(w.getKey(), BigDecimal.valueOf(value).multiply(w.getValue())
                    .subtract(BigDecimal.valueOf(floor).multiply(total)));
            (shares.get(w.getKey()) == floor + 1 ? gotExtra : didNot).add(w.getKey());
        }
        for (String winner : gotExtra) {
            for (String loser : didNot) {
                int byRemainder = remainders.get(winner).compareTo(remainders.get(loser));
                assertThat(byRemainder > 0 || (byRemainder == 0 && winner.compareTo(loser) < 0))
                        .as("%s (remainder %s) got an extra unit before %s (remainder %s)",
                                winner, remainders.get(winner), loser, remainders.get(loser))
                        .isTrue();
            }
        }
    }

    @Property
    @Label("the result does not depend on the order the weights are given in")
    void resultDoesNotDependOnTheOrderOfTheWeights(
            @ForAll @LongRange(min = 0, max = MAX_VALUE) long value,
            @ForAll @Size(min = 1, max = 20) Map<@AlphaChars @StringLength(min = 1, max = 3) String,
                    @IntRange(min = 1, max = 1000) Integer> weights) {
        List<String> ids = new ArrayList<>(weights.keySet());
        Collections.reverse(ids);
        Map<String, BigDecimal> reversed = new LinkedHashMap<>();
        ids.forEach(id -> reversed.put(id, BigDecimal.valueOf(weights.get(id))));

        assertThat(LargestRemainder.divide(value, reversed))
                .isEqualTo(LargestRemainder.divide(value, new TreeMap<>(integers(weights))));
    }

    @Property
    @Label("multiplying every weight by the same factor changes nothing")
    void scalingAllWeightsChangesNothing(
            @ForAll @LongRange(min = 0, max = MAX_VALUE) long value,
            @ForAll @Size(min = 1, max = 20) Map<@AlphaChars @StringLength(min = 1, max = 3) String,
                    @IntRange(min = 1, max = 1000) Integer> weights,
            @ForAll @BigRange(min = "0.001", max = "1000") @Scale(3) BigDecimal factor,
            @ForAll @IntRange(min = 0, max = 30) int powerOfTen) {
        // Up to 10^30 times larger, so that V × w (or w itself) no longer fits in a long and the
        // division takes its BigInteger way: the shares, ties included, must not change.
        Map<String, BigDecimal> scaled = new HashMap<>();
        weights.forEach((id, w) -> scaled.put(id, BigDecimal.valueOf(w).multiply(factor).scaleByPowerOfTen(powerOfTen)));

        assertThat(LargestRemainder.divide(value, scaled)).isEqualTo(LargestRemainder.divide(value, integers(weights)));
    }

    // ---- examples ------------------------------------------------------------------------------

    @Example
    void equalRemaindersGoToTheSmallestId() {
        // 100 cents among three equal members: 33.33… each; one cent left, all remainders equal.
        assertThat(LargestRemainder.divide(100, weights("c", "1", "a", "1", "b", "1")))
                .containsExactly(entry("a", 34L), entry("b", 33L), entry("c", 33L));
    }

    @Example
    void idsSortByCodePointSoUpperCaseComesFirst() {
        // 'B' is U+0042 and 'a' is U+0061: "B" sorts before "a", whatever a human would say.
        assertThat(LargestRemainder.divide(1, weights("a", "1", "B", "1")))
                .containsExactly(entry("B", 1L), entry("a", 0L));
    }

    @Example
    void municipalityCodesTieByCodePoint() {
        assertThat(LargestRemainder.divide(1, weights("gm0599", "1", "gm0363", "1")))
                .containsExactly(entry("gm0363", 1L), entry("gm0599", 0L));
    }

    @Example
    void largestRemainderWinsOverSmallerId() {
        // 10 cents by 1 : 2: exact 3.33… and 6.66…; the leftover cent goes to "b" (remainder .66…).
        assertThat(LargestRemainder.divide(10, weights("a", "1", "b", "2")))
                .containsExactly(entry("a", 3L), entry("b", 7L));
    }

    @Example
    void oneMemberGetsEverything() {
        assertThat(LargestRemainder.divide(123_456_789, weights("gm0363", "0.5")))
                .containsExactly(entry("gm0363", 123_456_789L));
    }

    @Example
    void thousandMembersShareTheLeftoverBySmallestIds() {
        // 1009.99 among 1000 equal members: 100.999 cents each, 999 cents left over; every
        // remainder is equal, so all but the last id get one more cent.
        Map<String, BigDecimal> weights = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            weights.put(String.format("m%04d", i), BigDecimal.ONE);
        }

        SortedMap<String, Long> shares = LargestRemainder.divide(100_999, weights);

        assertThat(shares).hasSize(1000);
        assertThat(sum(shares)).isEqualTo(100_999L);
        assertThat(shares.headMap("m0999").values()).containsOnly(101L);
        assertThat(shares).containsEntry("m0999", 100L);
    }

    @Example
    void oneCentAmongThree() {
        assertThat(LargestRemainder.divide(1, weights("a", "1", "b", "1", "c", "1")))
                .containsExactly(entry("a", 1L), entry("b", 0L), entry("c", 0L));
    }

    @Example
    void largestValueWithAwkwardWeights() {
        // 99999999999999 × 1000003 overflows a long: the computation must be exact anyway.
        SortedMap<String, Long> shares = LargestRemainder.divide(MAX_VALUE,
                weights("a", "7", "b", "13", "c", "1000003"));

        assertThat(shares).containsExactly(
                entry("a", 699_983_900L), entry("b", 1_299_970_101L), entry("c", 99_998_000_045_998L));
        assertThat(sum(shares)).isEqualTo(MAX_VALUE);
    }

    @Example
    void inhabitantsAsWeights() {
        // 12500.00 EUR among Amsterdam, Rotterdam and Den Haag by inhabitants.
        assertThat(LargestRemainder.divide(1_250_000,
                weights("gm0363", "931298", "gm0599", "670610", "gm0518", "566220")))
                .containsExactly(entry("gm0363", 536_925L), entry("gm0518", 326_445L), entry("gm0599", 386_630L));
    }

    @Example
    void decimalWeightsDivideLikeTheirIntegerEquivalents() {
        assertThat(LargestRemainder.divide(1001, weights("a", "1.5", "b", "0.50")))
                .isEqualTo(LargestRemainder.divide(1001, weights("a", "3", "b", "1")))
                .containsExactly(entry("a", 751L), entry("b", 250L));
    }

    @Example
    void weightsWrittenWithExponentsWork() {
        // 1E+2 has a negative scale; it must count as 100, not be scaled the wrong way.
        assertThat(LargestRemainder.divide(300, weights("a", "1E+2", "b", "200")))
                .containsExactly(entry("a", 100L), entry("b", 200L));
    }

    @Example
    void zeroValueGivesEveryoneAZeroShare() {
        assertThat(LargestRemainder.divide(0, weights("a", "3", "b", "1")))
                .containsExactly(entry("a", 0L), entry("b", 0L));
    }

    @Example
    void negativeValueIsRefused() {
        assertThatThrownBy(() -> LargestRemainder.divide(-1, weights("a", "1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void noOneToDivideAmongIsRefused() {
        assertThatThrownBy(() -> LargestRemainder.divide(100, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void nonPositiveWeightIsRefused() {
        assertThatThrownBy(() -> LargestRemainder.divide(100, weights("a", "1", "b", "0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LargestRemainder.divide(100, weights("a", "1", "b", "-2")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static Map<String, BigDecimal> weights(String... idsAndWeights) {
        Map<String, BigDecimal> map = new LinkedHashMap<>();
        for (int i = 0; i < idsAndWeights.length; i += 2) {
            map.put(idsAndWeights[i], new BigDecimal(idsAndWeights[i + 1]));
        }
        return map;
    }

    private static Map<String, BigDecimal> integers(Map<String, Integer> weights) {
        Map<String, BigDecimal> map = new HashMap<>();
        weights.forEach((id, w) -> map.put(id, BigDecimal.valueOf(w)));
        return map;
    }

    private static BigDecimal total(Map<String, BigDecimal> weights) {
        return weights.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** ⌊V × w / Σw⌋, computed independently of the code under test, in exact decimals. */
    private static long floorOfExactShare(long value, BigDecimal weight, BigDecimal total) {
        BigInteger floor = BigDecimal.valueOf(value).multiply(weight).divideToIntegralValue(total).toBigIntegerExact();
        return floor.longValueExact();
    }

    private static long sum(Map<String, Long> shares) {
        return shares.values().stream().mapToLong(Long::longValue).sum();
    }
}
