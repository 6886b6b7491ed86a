package nl.commonsledger.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.support.Http.Response;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static nl.commonsledger.api.http.support.Ledger.assertBalanced;
import static nl.commonsledger.api.http.support.Ledger.assertProblem;
import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.dec;
import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.http.support.Ledger.line;
import static nl.commonsledger.api.http.support.Ledger.quarter;
import static nl.commonsledger.api.http.support.Ledger.strings;
import static nl.commonsledger.api.http.support.Ledger.tree;
import static nl.commonsledger.api.http.support.Ledger.withoutNullOptionals;
import static org.assertj.core.api.Assertions.assertThat;

/** Balances, ?through= and read-your-writes (rule 4 over a long history: {@link RetroactiveHistoryTest}). */
class BalancesApiTest extends ApiTestBase {

    @Test
    void balancesOfEveryMemberSortedById() {
        String p = api.createProject("bal");
        LocalDate b = base();
        for (String m : List.of("c", "a", "b")) {
            api.join(p, m, b);
        }
        api.rateCard(p, b, "developer", "95.00");
        api.money(p, "a", "300.00", b.plusDays(1));
        api.hours(p, "b", "HOURS", "2", "developer", b.plusDays(2), null);
        api.hours(p, "c", "CODE", "1", "developer", b.plusDays(3), "MR-1");

        Response r = http.get("/api/projects/" + p + "/balances");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        // 300.00 → 100/100/100; 190.00 → 63.34/63.33/63.33; 95.00 → 31.67/31.67/31.66.
        assertThat(withoutNullOptionals(r.json())).isEqualTo(tree("""
                {"projectId":"%s","currency":"EUR","totalValue":"585.00","members":[
                 {"memberId":"a","contributed":{"MONEY":"300.00","HOURS":"0.00","CODE":"0.00","total":"300.00"},
                  "fairShare":"195.01","settlementsPaid":"0.00","settlementsReceived":"0.00","balance":"104.99"},
                 {"memberId":"b","contributed":{"MONEY":"0.00","HOURS":"190.00","CODE":"0.00","total":"190.00"},
                  "fairShare":"195.00","settlementsPaid":"0.00","settlementsReceived":"0.00","balance":"-5.00"},
                 {"memberId":"c","contributed":{"MONEY":"0.00","HOURS":"0.00","CODE":"95.00","total":"95.00"},
                  "fairShare":"194.99","settlementsPaid":"0.00","settlementsReceived":"0.00","balance":"-99.99"}]}"""
                .formatted(p)));
        assertBalanced(r.json());
        assertConsistentWithContributions(p);

        // A new project: no members, nothing contributed.
        String empty = api.createProject("bal-empty");
        assertThat(withoutNullOptionals(api.balances(empty))).isEqualTo(tree("""
                {"projectId":"%s","currency":"EUR","totalValue":"0.00","members":[]}"""
                .formatted(empty)));
    }

    @Test
    void throughCutsByBusinessDateAndListsMembersJoinedByThen() {
        String p = api.projectWith("through", List.of("a", "b"));
        LocalDate b = base();
        LocalDate later = b.plusDays(100);
        assertThat(quarter(later)).isNotEqualTo(quarter(b));
        api.join(p, "c", later);
        api.money(p, "a", "100.00", b.plusDays(5));
        api.money(p, "b", "60.00", later.plusDays(10));

        JsonNode q0 = api.balances(p, quarter(b));
        assertThat(withoutNullOptionals(q0)).isEqualTo(tree("""
                {"projectId":"%s","currency":"EUR","through":"%s","totalValue":"100.00","members":[
                 {"memberId":"a","contributed":{"MONEY":"100.00","HOURS":"0.00","CODE":"0.00","total":"100.00"},
                  "fairShare":"50.00","settlementsPaid":"0.00","settlementsReceived":"0.00","balance":"50.00"},
                 {"memberId":"b","contributed":{"MONEY":"0.00","HOURS":"0.00","CODE":"0.00","total":"0.00"},
                  "fairShare":"50.00","settlementsPaid":"0.00","settlementsReceived":"0.00","balance":"-50.00"}]}"""
                .formatted(p, quarter(b))));
        JsonNode q1 = api.balances(p, quarter(later));
        assertBalanced(q1);
        assertThat(q1.path("through").asText()).isEqualTo(quarter(later));
        assertThat(q1.path("totalValue").asText()).isEqualTo("160.00");
        assertThat(strings(line(q1, "c")).get("fairShare")).isEqualTo("20.00");
        assertThat(line(q1, "a").path("balance").asText()).isEqualTo("30.00");
        JsonNode before = api.balances(p, quarter(b.minusMonths(3)));
        assertThat(before.path("members")).isEmpty();
        assertThat(before.path("totalValue").asText()).isEqualTo("0.00");
        JsonNode now = api.balances(p);
        assertThat(now.path("members")).isEqualTo(q1.path("members"));

        // Allocation still follows the whole history: a WEIGHTED key dated back re-divides Q0 as well.
        api.weightedKey(p, b, "a", "1", "b", "3", "c", "1");
        JsonNode reweighed = api.balances(p, quarter(b));
        assertBalanced(reweighed);
        assertThat(line(reweighed, "a").path("fairShare").asText()).isEqualTo("25.00");
        assertThat(line(reweighed, "b").path("fairShare").asText()).isEqualTo("75.00");
        assertThat(line(reweighed, "a").path("balance").asText()).isEqualTo("75.00");

        String path = "/api/projects/" + p + "/balances?through=";
        for (String bad : List.of("2025-Q5", "2025-Q0", "2025Q1", "2025-q1", "abc", "2025-03-31", "")) {
            assertProblem(http.get(path + bad), 400, "/problems/malformed-request", "Malformed request", "through");
        }
    }

    @Test
    void readsSeeEveryWriteAtOnce() {
        String p = api.projectWith("ryw", List.of("a", "b", "c", "d"), "developer", "95.00");
        LocalDate b = base();
        BigDecimal total = new BigDecimal("0.00");
        for (int i = 0; i < 20; i++) {
            String amount = (i + 1) + ".0" + (i % 10);
            JsonNode c = api.money(p, List.of("a", "b", "c", "d").get(i % 4), amount, b.plusDays(i));
            total = total.add(new BigDecimal(amount));
            JsonNode balances = api.balances(p);
            assertThat(dec(balances.path("totalValue"))).as("after write %d", i).isEqualTo(total);
            assertBalanced(balances);
            Response list = http.get("/api/projects/" + p + "/contributions?limit=1000");
            assertThat(list.json().path("items")).as("after write %d", i).hasSize(i + 1);
            assertThat(api.contribution(p, c.path("contributionId").asText()).path("value").asText()).isEqualTo(
                    new BigDecimal(amount).setScale(2).toPlainString());
            if (i % 5 == 4) {
                // A correction is visible at once too.
                JsonNode fixed = api.correct(p, c.path("contributionId").asText(), json("kind", "HOURS", "hours", "1",
                        "role", "developer", "date", b.plusDays(i), "reason", "was an hour"));
                total = total.subtract(new BigDecimal(amount)).add(new BigDecimal("95.00"));
                assertThat(api.balances(p).path("totalValue").asText()).isEqualTo(total.toPlainString());
                assertThat(http.get("/api/projects/" + p + "/contributions?kind=HOURS").json().path("items"))
                        .hasSize(i / 5 + 1);
                assertThat(fixed.path("value").asText()).isEqualTo("95.00");
            }
        }
    }

    /** The balances are the sums of the contributions as listed. */
    private void assertConsistentWithContributions(String p) {
        api.assertConsistentWithContributions(p);
    }
}
