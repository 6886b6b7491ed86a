package nl.commonsledger.projections.ledger;

import nl.commonsledger.core.allocation.KeyMethod;
import nl.commonsledger.core.project.Attribution;
import nl.commonsledger.core.project.ContributionKind;
import nl.commonsledger.core.project.ProjectCommand.CreateProject;
import nl.commonsledger.core.project.ProjectCommand.JoinMember;
import nl.commonsledger.core.project.ProjectCommand.RecordContribution;
import nl.commonsledger.core.project.ProjectCommand.ReverseContribution;
import nl.commonsledger.core.project.ProjectCommand.SetAllocationKey;
import nl.commonsledger.core.project.ProjectCommand.SetRateCard;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projector fed with the events of histories the rules allow, each once found to leave the read
 * models different from a replay (or to stop the projector). The read models must equal
 * {@code LedgerReplay} after every history.
 */
class LedgerProjectorTest {

    private static final String P = "p1";
    private static final Attribution BY = new Attribution("admin", Instant.parse("2026-06-15T10:00:00Z"));

    private final ProjectorHarness ledger = new ProjectorHarness();

    private void accepted(Object command) throws Exception {
        assertThat(ledger.send((nl.commonsledger.core.project.ProjectCommand) command)).as("%s", command).isTrue();
        ledger.project(P);
    }

    private void projectWithMembers(String... members) throws Exception {
        accepted(new CreateProject(P, "Project", "EUR", "Europe/Amsterdam", BY));
        for (String m : members) {
            accepted(new JoinMember(P, m, m.toUpperCase(), LocalDate.parse("2024-01-01"), null, BY));
        }
    }

    private static Map<String, BigDecimal> weights(String... pairs) {
        Map<String, BigDecimal> out = new java.util.TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], new BigDecimal(pairs[i + 1]));
        }
        return out;
    }

    private UUID money(String member, String amount, String date) throws Exception {
        UUID id = UUID.randomUUID();
        accepted(new RecordContribution(P, id, member, ContributionKind.MONEY, new BigDecimal(amount), null, null,
                LocalDate.parse(date), null, null, BY));
        return id;
    }

    private UUID hours(String member, String hours, String role, String date) throws Exception {
        UUID id = UUID.randomUUID();
        accepted(new RecordContribution(P, id, member, ContributionKind.HOURS, null, new BigDecimal(hours), role,
                LocalDate.parse(date), null, null, BY));
        return id;
    }

    private long valueMinor(UUID contribution) {
        return ledger.jdbc().queryForObject("SELECT value_minor FROM rm_contribution WHERE contribution_id = ?",
                Long.class, contribution.toString());
    }

    @Test
    void aRetroactiveJoinIsWeighedInEveryLaterWeightedVersion() throws Exception {
        projectWithMembers("a", "b");
        accepted(new SetAllocationKey(P, KeyMethod.WEIGHTED, LocalDate.parse("2024-01-01"), weights("a", "1", "b", "1"), BY));
        accepted(new SetAllocationKey(P, KeyMethod.WEIGHTED, LocalDate.parse("2024-03-01"), weights("a", "1", "b", "2"), BY));
        UUID r1 = money("a", "4.00", "2024-03-15");
        // d joins before the second version: the aggregate weighs d in the version dated 2024-02-01 and in
        // the one from 2024-03-01, so R1 is divided 1 : 2 : 1.
        accepted(new JoinMember(P, "d", "D", LocalDate.parse("2024-02-01"), BigDecimal.ONE, BY));

        assertThat(ledger.differences(P)).isEmpty();
        Map<String, Long> shares = AllocationColumn.read(ledger.jdbc().queryForObject(
                "SELECT allocation FROM rm_contribution WHERE contribution_id = ?", String.class, r1.toString()));
        assertThat(shares).isEqualTo(Map.of("a", 100L, "b", 200L, "d", 100L));
    }

    @Test
    void aReversedContributionKeepsTheValueItHadWhenItWasReversed() throws Exception {
        projectWithMembers("a", "b");
        accepted(new SetRateCard(P, LocalDate.parse("2024-01-01"), weights("developer", "100.00"), BY));
        UUID booked = hours("a", "1.00", "developer", "2024-01-15");
        accepted(new ReverseContribution(P, booked, "booked twice", BY));
        accepted(new SetRateCard(P, LocalDate.parse("2024-01-10"), weights("developer", "120.00"), BY));

        assertThat(valueMinor(booked)).isEqualTo(10000L);
        assertThat(ledger.differences(P)).isEmpty();
    }

    @Test
    void aRateCardMayDropARoleThatOnlyReversedContributionsUsed() throws Exception {
        projectWithMembers("a", "b");
        accepted(new SetRateCard(P, LocalDate.parse("2024-01-01"), weights("developer", "100.00", "tester", "80.00"), BY));
        UUID tested = hours("b", "2.50", "tester", "2024-01-15");
        hours("a", "1.00", "developer", "2024-01-16");
        accepted(new ReverseContribution(P, tested, "wrong project", BY));
        accepted(new SetRateCard(P, LocalDate.parse("2024-01-10"), weights("developer", "110.00"), BY));

        assertThat(valueMinor(tested)).isEqualTo(20000L);
        assertThat(ledger.differences(P)).isEmpty();
        // The replay of the whole history agrees, and does not need the dropped rate.
        assertThat(ledger.replay(P).figures().get(tested.toString()).valueMinor()).isEqualTo(20000L);
    }

    @Test
    void theComparisonFindsAMissingRowWhetherALaterEventChangedItOrNot() throws Exception {
        projectWithMembers("a", "b");
        UUID first = money("a", "10.00", "2024-02-01");
        UUID changed = money("b", "20.00", "2024-02-02");
        UUID last = money("a", "30.00", "2024-02-03");
        accepted(new ReverseContribution(P, changed, "booked twice", BY));
        assertThat(ledger.differences(P)).isEmpty();

        ledger.jdbc().update("DELETE FROM rm_contribution WHERE contribution_id = ?", first.toString());
        assertThat(String.join("\n", ledger.differences(P)))
                .contains("contribution " + first + " of the history is missing from the read models")
                .contains("the read models list 2 contributions, the history 3")
                .doesNotContain(last.toString());
        ledger.jdbc().update("DELETE FROM rm_contribution WHERE contribution_id = ?", changed.toString());
        assertThat(String.join("\n", ledger.differences(P)))
                .contains("contribution " + changed + " of the history is missing from the read models")
                .contains("the read models list 1 contributions, the history 3")
                .doesNotContain(last.toString());
    }
}
