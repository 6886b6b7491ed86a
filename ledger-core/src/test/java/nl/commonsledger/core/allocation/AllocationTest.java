package nl.commonsledger.core.allocation;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * Rule 3 as a pure function: a contribution dated d is divided among the members active on d by the
 * key version in force on d.
 *
 * <p>The story used throughout: Amsterdam is a member from 2025-01-01; Rotterdam from 2025-03-01
 * through 2025-06-30; Den Haag from 2025-07-01. The key is EQUAL (the initial key) until 2025-04-01,
 * then WEIGHTED 3 : 1 for Amsterdam and Rotterdam, then from 2025-07-01 WEIGHTED 3 : 2 for
 * Amsterdam and Den Haag.
 */
class AllocationTest {

    private static final String AMSTERDAM = "gm0363";
    private static final String ROTTERDAM = "gm0599";
    private static final String DEN_HAAG = "gm0518";

    private static final List<Membership> MEMBERS = List.of(
            new Membership(AMSTERDAM, LocalDate.parse("2025-01-01"), null),
            new Membership(ROTTERDAM, LocalDate.parse("2025-03-01"), LocalDate.parse("2025-06-30")),
            new Membership(DEN_HAAG, LocalDate.parse("2025-07-01"), null));

    private static final AllocationKeyHistory KEYS = AllocationKeyHistory.initial()
            .with(weighted("2025-04-01", AMSTERDAM, "3", ROTTERDAM, "1"))
            .with(weighted("2025-07-01", AMSTERDAM, "3", DEN_HAAG, "2"));

    private static AllocationKeyVersion weighted(String from, String... memberWeights) {
        TreeMap<String, BigDecimal> weights = new TreeMap<>();
        for (int i = 0; i < memberWeights.length; i += 2) {
            weights.put(memberWeights[i], new BigDecimal(memberWeights[i + 1]));
        }
        return new AllocationKeyVersion(LocalDate.parse(from), KeyMethod.WEIGHTED, weights);
    }

    private static Map<String, Long> divide(long valueMinor, String date) {
        return Allocation.divide(valueMinor, LocalDate.parse(date), MEMBERS, KEYS);
    }

    @Test
    void onlyMembersActiveOnTheDateShare() {
        // 2025-02-14: only Amsterdam has joined, so it bears the whole value.
        assertThat(divide(125_000, "2025-02-14")).containsExactly(entry(AMSTERDAM, 125_000L));
    }

    @Test
    void beforeAnyKeyVersionTheKeyIsEqual() {
        // 2025-03-15: Amsterdam and Rotterdam, EQUAL: 10.01 splits 5.01 / 5.00, the tie going to gm0363.
        assertThat(divide(1001, "2025-03-15")).containsExactly(entry(AMSTERDAM, 501L), entry(ROTTERDAM, 500L));
    }

    @Test
    void keyVersionTakesEffectOnItsEffectiveFromDate() {
        // The day before: still EQUAL. On the day: 3 : 1.
        assertThat(divide(1000, "2025-03-31")).containsExactly(entry(AMSTERDAM, 500L), entry(ROTTERDAM, 500L));
        assertThat(divide(1000, "2025-04-01")).containsExactly(entry(AMSTERDAM, 750L), entry(ROTTERDAM, 250L));
    }

    @Test
    void memberStillSharesOnItsLeaveDate() {
        // leftOn is the last day of membership: Rotterdam shares on 2025-06-30 ...
        assertThat(divide(1000, "2025-06-30")).containsExactly(entry(AMSTERDAM, 750L), entry(ROTTERDAM, 250L));
    }

    @Test
    void memberWhoLeftNoLongerShares() {
        // ... and not on 2025-07-01, when Den Haag has joined and the 3 : 2 key is in force.
        assertThat(divide(1001, "2025-07-01")).containsExactly(entry(AMSTERDAM, 601L), entry(DEN_HAAG, 400L));
    }

    @Test
    void weightedExampleWithExactCents() {
        // 123.45 by 3 : 1: exact 92.5875 and 30.8625 → 92.58 and 30.86, and the leftover cent goes
        // to the larger remainder (Amsterdam, .75 of a cent against .25).
        assertThat(divide(12_345, "2025-05-05")).containsExactly(entry(AMSTERDAM, 9259L), entry(ROTTERDAM, 3086L));
    }

    @Test
    void weightedByInhabitants() {
        AllocationKeyHistory keys = AllocationKeyHistory.initial()
                .with(weighted("2025-01-01", AMSTERDAM, "931298", ROTTERDAM, "670610", DEN_HAAG, "566220"));
        List<Membership> members = List.of(
                new Membership(AMSTERDAM, LocalDate.parse("2025-01-01"), null),
                new Membership(ROTTERDAM, LocalDate.parse("2025-01-01"), null),
                new Membership(DEN_HAAG, LocalDate.parse("2025-01-01"), null));

        assertThat(Allocation.divide(1_250_000, LocalDate.parse("2025-06-01"), members, keys))
                .containsExactly(entry(AMSTERDAM, 536_925L), entry(DEN_HAAG, 326_445L), entry(ROTTERDAM, 386_630L));
    }

    @Test
    void zeroSharesAreListed() {
        // One cent between two members: the member without it is listed with 0.
        assertThat(divide(1, "2025-03-15")).containsExactly(entry(AMSTERDAM, 1L), entry(ROTTERDAM, 0L));
        assertThat(divide(0, "2025-08-01")).containsExactly(entry(AMSTERDAM, 0L), entry(DEN_HAAG, 0L));
    }

    @Test
    void sharesAreSortedByMemberId() {
        // gm0363 < gm0518, whatever order the memberships come in.
        List<Membership> reversed = List.of(MEMBERS.get(2), MEMBERS.get(1), MEMBERS.get(0));

        assertThat(Allocation.divide(999, LocalDate.parse("2025-08-01"), reversed, KEYS).keySet())
                .containsExactly(AMSTERDAM, DEN_HAAG);
    }

    @Test
    void weightsOfMembersNotActiveOnTheDateAreIgnored() {
        // The key weighs Rotterdam, but on 2025-02-14 Rotterdam has not joined.
        AllocationKeyHistory keys = AllocationKeyHistory.initial()
                .with(weighted("2025-01-01", AMSTERDAM, "1", ROTTERDAM, "1000"));

        assertThat(Allocation.divide(500, LocalDate.parse("2025-02-14"), MEMBERS, keys))
                .containsExactly(entry(AMSTERDAM, 500L));
    }

    @Test
    void laterEqualVersionEndsTheWeightedOne() {
        AllocationKeyHistory keys = KEYS.with(AllocationKeyVersion.equal(LocalDate.parse("2025-09-01")));

        assertThat(Allocation.divide(1000, LocalDate.parse("2025-09-01"), MEMBERS, keys))
                .containsExactly(entry(AMSTERDAM, 500L), entry(DEN_HAAG, 500L));
    }

    @Test
    void dateWithoutActiveMembersIsABrokenHistory() {
        // The aggregate never lets a non-member book, so this cannot happen in a valid history.
        assertThatThrownBy(() -> divide(100, "2024-12-31")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void weightedKeyWithoutWeightForAnActiveMemberIsABrokenHistory() {
        AllocationKeyHistory keys = AllocationKeyHistory.initial().with(weighted("2025-01-01", AMSTERDAM, "1"));

        assertThatThrownBy(() -> Allocation.divide(100, LocalDate.parse("2025-03-15"), MEMBERS, keys))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ROTTERDAM);
    }
}
