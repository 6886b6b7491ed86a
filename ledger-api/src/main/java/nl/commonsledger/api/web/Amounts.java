package nl.commonsledger.api.web;

import nl.commonsledger.core.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How figures other than a single amount travel in JSON: hours with two decimals, a contribution's
 * shares and a key's weights or a card's rates as plain decimal strings. A single amount is a
 * {@link Money}, written by its own {@code toString()} ({@code "1250.00"}).
 */
public final class Amounts {

    private Amounts() {
    }

    public static String hours(BigDecimal hours) {
        return hours == null ? null : hours.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    public static Map<String, String> shares(SortedMap<String, Long> minor, int scale) {
        Map<String, String> out = new LinkedHashMap<>();
        minor.forEach((k, v) -> out.put(k, Money.ofMinor(v, scale).toString()));
        return out;
    }

    public static SortedMap<String, String> plain(SortedMap<String, BigDecimal> decimals) {
        TreeMap<String, String> out = new TreeMap<>();
        decimals.forEach((k, v) -> out.put(k, v.toPlainString()));
        return out;
    }
}
