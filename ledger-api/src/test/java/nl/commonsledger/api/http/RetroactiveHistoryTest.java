package nl.commonsledger.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.support.Http;
import nl.commonsledger.api.http.support.Ledger;
import nl.commonsledger.api.http.support.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static nl.commonsledger.api.http.support.Ledger.assertBalanced;
import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.http.support.Ledger.largestRemainder;
import static nl.commonsledger.api.http.support.Ledger.line;
import static nl.commonsledger.api.http.support.Ledger.strings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule 4 and Σ balances = 0 over a mixed history. Runs on an application of its own: a history
 * that the read models fail to project would otherwise stall every other test's read-your-writes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetroactiveHistoryTest {

    private static ConfigurableApplicationContext app;
    private static Ledger api;

    @BeforeAll
    static void start() {
        app = TestData.start(TestData.newDir("rule4"));
        api = new Ledger(new Http(TestData.port(app)));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    /**
     * Rule 4 over a mixed history: a correction, a reversal, a WEIGHTED key dated back, a rate card
     * version dated back, a member joining on a past date and one leaving. After every step the
     * balances sum to exactly 0.00 and agree with the contributions; the contributions dated after
     * each change are re-valued and re-divided, to the cent (largest remainder worked out by hand).
     */
    @Test
    @Order(1)
    void aPastJoinAndALeaveUnderAnEqualKeyReDivide() {
        String p = api.projectWith("rule4-equal", List.of("a", "b"));
        LocalDate b = base();
        String m1 = api.money(p, "a", "100.00", b.plusDays(10)).path("contributionId").asText();
        String m2 = api.money(p, "b", "90.00", b.plusDays(40)).path("contributionId").asText();
        String m3 = api.money(p, "a", "10.00", b.plusDays(60)).path("contributionId").asText();
        assertThat(allocation(p, m2)).isEqualTo(Map.of("a", "45.00", "b", "45.00"));
        step(p);

        // c joins on a past date: everything from b+30 on is re-divided among three.
        api.join(p, "c", b.plusDays(30));
        assertThat(allocation(p, m1)).isEqualTo(Map.of("a", "50.00", "b", "50.00"));
        assertThat(allocation(p, m2)).isEqualTo(Map.of("a", "30.00", "b", "30.00", "c", "30.00"));
        assertThat(allocation(p, m3)).isEqualTo(Map.of("a", "3.34", "b", "3.33", "c", "3.33"));
        step(p);

        // b leaves on b+50: what is dated after that is re-divided without it.
        api.leave(p, "b", b.plusDays(50));
        assertThat(allocation(p, m2)).isEqualTo(Map.of("a", "30.00", "b", "30.00", "c", "30.00"));
        assertThat(allocation(p, m3)).isEqualTo(Map.of("a", "5.00", "c", "5.00"));
        step(p);

        JsonNode balances = api.balances(p);
        assertThat(balances.path("totalValue").asText()).isEqualTo("200.00");
        assertThat(figures(balances, "a")).containsExactly("110.00", "0.00", "0.00", "110.00", "85.00", "25.00");
        assertThat(figures(balances, "b")).containsExactly("90.00", "0.00", "0.00", "90.00", "80.00", "10.00");
        assertThat(figures(balances, "c")).containsExactly("0.00", "0.00", "0.00", "0.00", "35.00", "-35.00");
    }

    @Test
    @Order(2)
    void figuresFollowTheWholeHistory() {
        String p = api.projectWith("rule4", List.of("a", "b", "c"), "developer", "95.00", "tester", "80.00");
        LocalDate b = base();
        step(p);

        // 1. a MONEY 1000.00 on b+10, EQUAL among a, b, c: 333.34 / 333.33 / 333.33.
        String m1 = api.money(p, "a", "1000.00", b.plusDays(10), "INV-1").path("contributionId").asText();
        assertThat(allocation(p, m1)).isEqualTo(Map.of("a", "333.34", "b", "333.33", "c", "333.33"));
        step(p);
        // 2. b HOURS 10.5 × 95.00 = 997.50 on b+40: 332.50 each.
        String h2 = api.hours(p, "b", "HOURS", "10.5", "developer", b.plusDays(40), null).path("contributionId").asText();
        assertThat(allocation(p, h2)).isEqualTo(Map.of("a", "332.50", "b", "332.50", "c", "332.50"));
        step(p);
        // 3. c CODE 3.25 × 80.00 = 260.00 on b+100: 86.67 / 86.67 / 86.66.
        String c3 = api.hours(p, "c", "CODE", "3.25", "tester", b.plusDays(100), "MR-1").path("contributionId").asText();
        assertThat(value(p, c3)).isEqualTo("260.00");
        assertThat(allocation(p, c3)).isEqualTo(Map.of("a", "86.67", "b", "86.67", "c", "86.66"));
        step(p);
        // 4. a HOURS 7.25 × 95.00 = 688.75 on b+60: 229.59 / 229.58 / 229.58.
        String h4 = api.hours(p, "a", "HOURS", "7.25", "developer", b.plusDays(60), null).path("contributionId").asText();
        assertThat(allocation(p, h4)).isEqualTo(Map.of("a", "229.59", "b", "229.58", "c", "229.58"));
        step(p);
        // 5. Correction of 1: 1200.00 on b+12: 400.00 each.
        api.correct(p, m1, json("kind", "MONEY", "amount", "1200.00", "date", b.plusDays(12), "reference", "INV-1",
                "reason", "The invoice was 1200"));
        assertThat(allocation(p, m1)).isEqualTo(Map.of("a", "400.00", "b", "400.00", "c", "400.00"));
        step(p);
        // 6. Reversal of 2: value kept, allocates nothing.
        api.reverse(p, h2, "Hours were booked on the wrong project");
        assertThat(value(p, h2)).isEqualTo("997.50");
        assertThat(allocation(p, h2)).isEmpty();
        step(p);

        // 7. A WEIGHTED key dated back to b+30 (a 1, b 2, c 4) re-divides 3 and 4 (dated after it), not 1.
        api.weightedKey(p, b.plusDays(30), "a", "1", "b", "2", "c", "4");
        // 26000 × 1/7 = 3714 r2, × 2/7 = 7428 r4, × 4/7 = 14857 r1: one cent left, to b (largest remainder).
        assertThat(allocation(p, c3)).isEqualTo(Map.of("a", "37.14", "b", "74.29", "c", "148.57"))
                .isEqualTo(largestRemainder(26000, Map.of("a", 1L, "b", 2L, "c", 4L)));
        // 68875 × 1/7 = 9839 r2, × 2/7 = 19678 r4, × 4/7 = 39357 r1: one cent left, to b.
        assertThat(allocation(p, h4)).isEqualTo(Map.of("a", "98.39", "b", "196.79", "c", "393.57"))
                .isEqualTo(largestRemainder(68875, Map.of("a", 1L, "b", 2L, "c", 4L)));
        assertThat(allocation(p, m1)).isEqualTo(Map.of("a", "400.00", "b", "400.00", "c", "400.00"));
        step(p);

        // 8. A rate card version dated back to b+50 re-values 4 (7.25 × 100.00 = 725.00) and
        //    3 (3.25 × 85.30 = 277.225 → HALF_EVEN 277.22), and re-divides them.
        api.rateCard(p, b.plusDays(50), "developer", "100.00", "tester", "85.30");
        assertThat(value(p, h4)).isEqualTo("725.00");
        assertThat(value(p, c3)).isEqualTo("277.22");
        // 72500: 10357 r1, 20714 r2, 41428 r4 → the cent to c.
        assertThat(allocation(p, h4)).isEqualTo(Map.of("a", "103.57", "b", "207.14", "c", "414.29"))
                .isEqualTo(largestRemainder(72500, Map.of("a", 1L, "b", 2L, "c", 4L)));
        // 27722: 3960 r2, 7920 r4, 15841 r1 → the cent to b.
        assertThat(allocation(p, c3)).isEqualTo(Map.of("a", "39.60", "b", "79.21", "c", "158.41"))
                .isEqualTo(largestRemainder(27722, Map.of("a", 1L, "b", 2L, "c", 4L)));
        assertThat(value(p, h2)).as("a reversed contribution keeps its value").isEqualTo("997.50");
        step(p);

        // 9. d joins on b+70 (a past date) with weight 3: a key version dated b+70 (a 1, b 2, c 4, d 3).
        api.join(p, "d", b.plusDays(70), "3");
        // 27722 / 10: 2772 r2, 5544 r4, 11088 r8, 8316 r6 → two cents, to c and d.
        assertThat(allocation(p, c3)).isEqualTo(Map.of("a", "27.72", "b", "55.44", "c", "110.89", "d", "83.17"))
                .isEqualTo(largestRemainder(27722, Map.of("a", 1L, "b", 2L, "c", 4L, "d", 3L)));
        assertThat(allocation(p, h4)).as("dated before d joined").isEqualTo(Map.of("a", "103.57", "b", "207.14",
                "c", "414.29"));
        step(p);
        // 10. d MONEY 50.00 on b+80: 5.00 / 10.00 / 20.00 / 15.00.
        String m5 = api.money(p, "d", "50.00", b.plusDays(80)).path("contributionId").asText();
        assertThat(allocation(p, m5)).isEqualTo(Map.of("a", "5.00", "b", "10.00", "c", "20.00", "d", "15.00"));
        step(p);

        // 11. b leaves on b+90: 3 (b+100) is re-divided among a, c, d (1 : 4 : 3).
        api.leave(p, "b", b.plusDays(90));
        // 27722 / 8: 3465 r2, 13861 r0, 10395 r6 → the cent to d.
        assertThat(allocation(p, c3)).isEqualTo(Map.of("a", "34.65", "c", "138.61", "d", "103.96"))
                .isEqualTo(largestRemainder(27722, Map.of("a", 1L, "c", 4L, "d", 3L)));
        assertThat(allocation(p, m5)).as("dated before b left").hasSize(4);
        step(p);

        JsonNode balances = api.balances(p);
        assertThat(balances.path("totalValue").asText()).isEqualTo("2252.22");
        assertThat(figures(balances, "a")).containsExactly("1200.00", "725.00", "0.00", "1925.00", "543.22", "1381.78");
        assertThat(figures(balances, "b")).containsExactly("0.00", "0.00", "0.00", "0.00", "617.14", "-617.14");
        assertThat(figures(balances, "c")).containsExactly("0.00", "0.00", "277.22", "277.22", "972.90", "-695.68");
        assertThat(figures(balances, "d")).containsExactly("50.00", "0.00", "0.00", "50.00", "118.96", "-68.96");
    }

    /** After every step: Σ balance = 0.00, totalValue = Σ contributed, and both agree with the contributions. */
    private static void step(String p) {
        assertBalanced(api.balances(p));
        api.assertConsistentWithContributions(p);
    }

    private static Map<String, String> allocation(String p, String id) {
        return strings(api.contribution(p, id).path("allocation"));
    }

    private static String value(String p, String id) {
        return api.contribution(p, id).path("value").asText();
    }

    private static List<String> figures(JsonNode balances, String member) {
        JsonNode m = line(balances, member);
        JsonNode c = m.path("contributed");
        return List.of(c.path("MONEY").asText(), c.path("HOURS").asText(), c.path("CODE").asText(),
                c.path("total").asText(), m.path("fairShare").asText(), m.path("balance").asText());
    }
}
