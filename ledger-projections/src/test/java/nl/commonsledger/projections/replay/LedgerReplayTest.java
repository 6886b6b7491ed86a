package nl.commonsledger.projections.replay;

import nl.commonsledger.core.allocation.KeyMethod;
import nl.commonsledger.core.project.ContributionKind;
import nl.commonsledger.core.project.ProjectEvent.AllocationKeyVersionSet;
import nl.commonsledger.core.project.ProjectEvent.ContributionCorrected;
import nl.commonsledger.core.project.ProjectEvent.ContributionRecorded;
import nl.commonsledger.core.project.ProjectEvent.ContributionReversed;
import nl.commonsledger.core.project.ProjectEvent.MemberJoined;
import nl.commonsledger.core.project.ProjectEvent.ProjectCreated;
import nl.commonsledger.core.project.ProjectEvent.RateCardVersionSet;
import nl.commonsledger.core.project.ProjectEvent.SettlementRecorded;
import nl.commonsledger.projections.balance.Balances;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory definition of every figure: rule 4 (whole history), rule 5 (Σ balances = 0), rule 6. */
class LedgerReplayTest {

    private static final Instant AT = Instant.parse("2026-06-01T10:00:00Z");
    private static final String P = "p";
    private static final LocalDate JAN = LocalDate.parse("2026-01-01");
    private static final UUID INVOICE = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID HOURS = UUID.fromString("00000000-0000-0000-0000-000000000002");

    private static LedgerReplay history() {
        LedgerReplay replay = new LedgerReplay();
        replay.apply(new ProjectCreated(P, "Project", "EUR", "Europe/Amsterdam", "admin", AT));
        replay.apply(new MemberJoined(P, "a", "A", JAN, null, "admin", AT));
        replay.apply(new MemberJoined(P, "b", "B", JAN, null, "admin", AT));
        replay.apply(new MemberJoined(P, "c", "C", JAN, null, "admin", AT));
        replay.apply(new RateCardVersionSet(P, JAN, new TreeMap<>(Map.of("dev", new BigDecimal("10.10"))), "admin", AT));
        replay.apply(new ContributionRecorded(P, INVOICE, "a", ContributionKind.MONEY, new BigDecimal("100.00"),
                null, null, LocalDate.parse("2026-03-01"), "INV-1", null, "admin", AT));
        // 1.25 h × 10.10 = 12.625 → 12.62 (HALF_EVEN)
        replay.apply(new ContributionRecorded(P, HOURS, "b", ContributionKind.HOURS, null, new BigDecimal("1.25"),
                "dev", LocalDate.parse("2026-03-02"), null, null, "admin", AT));
        return replay;
    }

    @Test
    void equalKeyDividesByLargestRemainderAndBalancesSumToZero() {
        Balances b = history().balances(null);

        assertThat(b.totalValueMinor()).isEqualTo(10_000 + 1_262);
        // 10000 / 3 = 3333 r1 → a gets the extra cent (ties to the smaller id); 1262 / 3 = 420 r2 → a, b.
        assertThat(history().figures().get(INVOICE.toString()).allocation())
                .containsExactly(Map.entry("a", 3334L), Map.entry("b", 3333L), Map.entry("c", 3333L));
        assertThat(history().figures().get(HOURS.toString()).allocation())
                .containsExactly(Map.entry("a", 421L), Map.entry("b", 421L), Map.entry("c", 420L));
        assertThat(b.members().stream().mapToLong(Balances.MemberBalance::balanceMinor).sum()).isZero();
    }

    @Test
    void aKeyVersionDatedInThePastReDividesLaterContributions() {
        LedgerReplay replay = history();
        replay.apply(new AllocationKeyVersionSet(P, LocalDate.parse("2026-03-02"), KeyMethod.WEIGHTED,
                new TreeMap<>(Map.of("a", BigDecimal.ONE, "b", BigDecimal.ONE, "c", new BigDecimal("2"))), "admin", AT));

        // The invoice of 1 March is before the new key; the hours of 2 March fall under it.
        assertThat(replay.figures().get(INVOICE.toString()).allocation().get("c")).isEqualTo(3333L);
        assertThat(replay.figures().get(HOURS.toString()).allocation())
                .containsExactly(Map.entry("a", 316L), Map.entry("b", 315L), Map.entry("c", 631L));
    }

    @Test
    void aRateVersionDatedInThePastReValuesHours() {
        LedgerReplay replay = history();
        replay.apply(new RateCardVersionSet(P, LocalDate.parse("2026-03-01"),
                new TreeMap<>(Map.of("dev", new BigDecimal("20.00"))), "admin", AT));

        assertThat(replay.figures().get(HOURS.toString()).valueMinor()).isEqualTo(2_500L);
    }

    @Test
    void correctionsCountWithLatestValuesAndReversalsAllocateNothing() {
        LedgerReplay replay = history();
        replay.apply(new ContributionCorrected(P, INVOICE, ContributionKind.MONEY, new BigDecimal("90.00"), null,
                null, LocalDate.parse("2026-03-01"), "INV-1", null, "typo", "admin", AT));
        replay.apply(new ContributionReversed(P, HOURS, "double booked", "admin", AT));

        Balances b = replay.balances(null);
        assertThat(b.totalValueMinor()).isEqualTo(9_000L);
        assertThat(replay.figures().get(HOURS.toString()).allocation()).isEmpty();
        assertThat(replay.figures().get(HOURS.toString()).valueMinor()).isEqualTo(1_262L);
        assertThat(b.members().stream().mapToLong(Balances.MemberBalance::balanceMinor).sum()).isZero();
    }

    @Test
    void settlementsMoveBalancesAndThroughCutsByBusinessDate() {
        LedgerReplay replay = history();
        replay.apply(new SettlementRecorded(P, UUID.randomUUID(), "c", "a", new BigDecimal("10.00"),
                LocalDate.parse("2026-04-15"), null, "admin", AT));

        Balances all = replay.balances(null);
        Balances q1 = replay.balances(LocalDate.parse("2026-03-31"));
        long aAll = all.members().get(0).balanceMinor();
        long aQ1 = q1.members().get(0).balanceMinor();
        assertThat(aAll - aQ1).as("the settlement received by a after Q1").isEqualTo(-1_000L);
        assertThat(all.members().stream().mapToLong(Balances.MemberBalance::balanceMinor).sum()).isZero();
    }
}
