package nl.commonsledger.core.settlement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rule 9: settlement suggestions from one greedy pass over current balances. Repeatedly, the member
 * with the most negative balance pays the member with the most positive balance the smaller of the
 * two amounts; equal balances go to the smaller member id. Each transfer brings at least one balance
 * to zero, so there are at most n − 1 transfers, and together they bring every balance to zero.
 */
public final class SettlementSuggestions {

    private SettlementSuggestions() {
    }

    public record Transfer(String from, String to, long amountMinor) {
    }

    /** @param balancesMinor every member's balance in minor units; they must sum to zero */
    public static List<Transfer> suggest(Map<String, Long> balancesMinor) {
        long sum = balancesMinor.values().stream().mapToLong(Long::longValue).sum();
        if (sum != 0) {
            throw new IllegalArgumentException("balances must sum to zero, not " + sum);
        }
        TreeMap<String, Long> open = new TreeMap<>();
        balancesMinor.forEach((m, b) -> {
            if (b != 0) {
                open.put(m, b);
            }
        });
        Comparator<Map.Entry<String, Long>> byId = Map.Entry.comparingByKey();
        List<Transfer> transfers = new ArrayList<>();
        while (!open.isEmpty()) {
            Map.Entry<String, Long> debtor = open.entrySet().stream()
                    .min(Map.Entry.<String, Long>comparingByValue().thenComparing(byId)).orElseThrow();
            Map.Entry<String, Long> creditor = open.entrySet().stream()
                    .min(Comparator.comparing((Map.Entry<String, Long> e) -> -e.getValue()).thenComparing(byId))
                    .orElseThrow();
            long amount = Math.min(-debtor.getValue(), creditor.getValue());
            transfers.add(new Transfer(debtor.getKey(), creditor.getKey(), amount));
            settle(open, debtor.getKey(), amount);
            settle(open, creditor.getKey(), -amount);
        }
        return transfers;
    }

    private static void settle(TreeMap<String, Long> open, String member, long change) {
        long balance = open.get(member) + change;
        if (balance == 0) {
            open.remove(member);
        } else {
            open.put(member, balance);
        }
    }
}
