package nl.commonsledger.core.settlement;

import nl.commonsledger.core.settlement.SettlementSuggestions.Transfer;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rule 9: one greedy pass, most negative pays most positive, ties to the smaller id. */
class SettlementSuggestionsTest {

    @Test
    void theMostNegativePaysTheMostPositiveTheSmallerAmount() {
        Map<String, Long> balances = Map.of("a", 500L, "b", -300L, "c", -200L);

        assertThat(SettlementSuggestions.suggest(balances)).containsExactly(
                new Transfer("b", "a", 300L),
                new Transfer("c", "a", 200L));
    }

    @Test
    void equalBalancesGoToTheSmallerMemberId() {
        // Two equal debtors and two equal creditors: gm0001 pays first, and pays gm0003 first.
        Map<String, Long> balances = Map.of("gm0002", -100L, "gm0001", -100L, "gm0004", 100L, "gm0003", 100L);

        assertThat(SettlementSuggestions.suggest(balances)).containsExactly(
                new Transfer("gm0001", "gm0003", 100L),
                new Transfer("gm0002", "gm0004", 100L));
    }

    @Test
    void zeroBalancesNeedNothing() {
        assertThat(SettlementSuggestions.suggest(Map.of("a", 0L, "b", 0L))).isEmpty();
        assertThat(SettlementSuggestions.suggest(Map.of())).isEmpty();
    }

    @Test
    void balancesThatDoNotSumToZeroAreABrokenLedger() {
        assertThatThrownBy(() -> SettlementSuggestions.suggest(Map.of("a", 1L, "b", 0L)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void atMostOneTransferFewerThanMembersAndEveryBalanceEndsAtZero() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int n = 2 + random.nextInt(15);
            Map<String, Long> balances = new LinkedHashMap<>();
            long sum = 0;
            for (int i = 0; i < n - 1; i++) {
                long b = random.nextInt(2_000_001) - 1_000_000L;
                balances.put("m" + i, b);
                sum += b;
            }
            balances.put("m" + (n - 1), -sum);

            List<Transfer> transfers = SettlementSuggestions.suggest(balances);

            assertThat(transfers.size()).isLessThanOrEqualTo(n - 1);
            Map<String, Long> after = new HashMap<>(balances);
            for (Transfer t : transfers) {
                assertThat(t.amountMinor()).isPositive();
                after.merge(t.from(), t.amountMinor(), Long::sum);
                after.merge(t.to(), -t.amountMinor(), Long::sum);
            }
            assertThat(after.values()).allMatch(b -> b == 0L);
        }
    }
}
