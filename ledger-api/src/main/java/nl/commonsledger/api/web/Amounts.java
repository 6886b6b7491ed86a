package nl.commonsledger.api.web;

import nl.commonsledger.core.money.MinorUnits;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** How figures travel in JSON: strings with exactly the currency's decimals ({@code "1250.00"}). */
public final class Amounts {

    private Amounts() {
    }

    public static String money(long minor, int scale) {
        return MinorUnits.format(minor, scale);
    }

    public static String money(Long minor, int scale) {
        return minor == null ? null : MinorUnits.format(minor, scale);
    }

    public static String hours(BigDecimal hours) {
        return hours == null ? null : hours.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    public static Map<String, String> shares(SortedMap<String, Long> minor, int scale) {
        Map<String, String> out = new LinkedHashMap<>();
        minor.forEach((k, v) -> out.put(k, money(v, scale)));
        return out;
    }

    public static SortedMap<String, String> plain(SortedMap<String, BigDecimal> decimals) {
        TreeMap<String, String> out = new TreeMap<>();
        decimals.forEach((k, v) -> out.put(k, v.toPlainString()));
        return out;
    }
}
