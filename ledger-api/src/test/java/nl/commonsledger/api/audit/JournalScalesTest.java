package nl.commonsledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import nl.commonsledger.api.http.ApiTestBase;
import nl.commonsledger.api.http.support.Http.Response;
import nl.commonsledger.api.http.support.RequiresPrograms;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static nl.commonsledger.api.audit.AuditSupport.run;
import static nl.commonsledger.api.http.support.Ledger.base;
import static nl.commonsledger.api.http.support.Ledger.json;
import static nl.commonsledger.api.http.support.Ledger.uid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal in the currency's own decimals (EUR 2, JPY none, BHD 3) passes {@code hledger check
 * --strict} (every account and commodity declared, every transaction balanced), and hledger's
 * balances equal {@code /balances}.
 */
@RequiresPrograms("hledger")
class JournalScalesTest extends ApiTestBase {

    private static final Duration HLEDGER = Duration.ofSeconds(60);

    @ParameterizedTest
    @CsvSource({"EUR, 1250.00, 0.01, 100.10", "JPY, 125000, 1, 10010", "BHD, 1250.125, 0.001, 100.100"})
    void hledgerAcceptsTheJournalStrictly(String currency, String big, String tiny, String settled) throws Exception {
        String p = uid("scale-" + currency.toLowerCase());
        Response created = http.post("/api/projects", json("projectId", p, "name", "Journal in " + currency,
                "currency", currency, "timeZone", "Europe/Amsterdam"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        LocalDate b = base();
        for (String m : List.of("a", "b", "c")) {
            api.join(p, m, b);
        }
        // A member who bears nothing has no postings, and needs no declaration.
        api.join(p, "idle", b.plusDays(20));
        api.money(p, "a", big, b.plusDays(1));
        api.money(p, "b", tiny, b.plusDays(2), "TINY; with a semicolon");
        Response s = http.post("/api/projects/" + p + "/settlements", json("from", "b", "to", "a", "amount", settled,
                "date", b.plusDays(3)));
        assertThat(s.status()).as(s.toString()).isEqualTo(201);

        Response r = http.get("/api/projects/" + p + "/export/journal");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        String journal = r.body();
        int scale = new BigDecimal(tiny).scale();
        assertThat(journal).contains("commodity 1." + "0".repeat(scale) + " " + currency)
                .contains("account members:a").doesNotContain("members:idle");
        Path file = Files.createTempFile("journal-" + currency, ".journal");
        try {
            Files.writeString(file, journal, StandardCharsets.UTF_8);
            var check = run(HLEDGER, Map.of(), "hledger", "-f", file.toString(), "check", "--strict");
            assertThat(check.exit()).as("hledger check --strict: %s\n%s", check.err(), journal).isZero();

            var balance = run(HLEDGER, Map.of(), "hledger", "-f", file.toString(), "balance", "members", "--flat",
                    "-O", "csv");
            assertThat(balance.exit()).as(balance.err()).isZero();
            Map<String, BigDecimal> fromHledger = new TreeMap<>();
            for (String line : balance.out().split("\n")) {
                String[] cells = line.replace("\"", "").split(",");
                if (cells.length == 2 && cells[0].startsWith("members:")) {
                    fromHledger.put(cells[0].substring("members:".length()),
                            new BigDecimal(cells[1].replace(currency, "").trim()));
                }
            }
            Map<String, BigDecimal> fromApi = new TreeMap<>();
            JsonNode balances = api.balances(p);
            for (JsonNode m : balances.path("members")) {
                BigDecimal value = new BigDecimal(m.path("balance").asText());
                assertThat(value.scale()).as("scale of %s in %s", value, currency).isEqualTo(scale);
                if (value.signum() != 0) {
                    fromApi.put(m.path("memberId").asText(), value);
                }
            }
            fromHledger.values().removeIf(v -> v.signum() == 0);
            assertThat(fromHledger.keySet()).isEqualTo(fromApi.keySet());
            fromApi.forEach((m, v) -> assertThat(fromHledger.get(m)).as(m).isEqualByComparingTo(v));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
