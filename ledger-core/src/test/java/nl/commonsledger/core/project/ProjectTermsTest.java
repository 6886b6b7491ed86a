package nl.commonsledger.core.project;

import nl.commonsledger.core.allocation.KeyMethod;
import nl.commonsledger.core.allocation.Membership;
import org.junit.jupiter.api.Test;

import java.util.List;

import static nl.commonsledger.core.project.ProjectHistory.AMSTERDAM;
import static nl.commonsledger.core.project.ProjectHistory.DEVELOPER;
import static nl.commonsledger.core.project.ProjectHistory.ROTTERDAM;
import static nl.commonsledger.core.project.ProjectHistory.UTRECHT;
import static nl.commonsledger.core.project.ProjectHistory.created;
import static nl.commonsledger.core.project.ProjectHistory.date;
import static nl.commonsledger.core.project.ProjectHistory.dec;
import static nl.commonsledger.core.project.ProjectHistory.joined;
import static nl.commonsledger.core.project.ProjectHistory.left;
import static nl.commonsledger.core.project.ProjectHistory.moneyRecorded;
import static nl.commonsledger.core.project.ProjectHistory.rateCard;
import static nl.commonsledger.core.project.ProjectHistory.weightedKey;
import static org.assertj.core.api.Assertions.assertThat;

/** The one fold of a project's terms, and rules 2 and 3 on what it folded. */
class ProjectTermsTest {

    private static ProjectTerms folded(ProjectEvent... events) {
        ProjectTerms terms = new ProjectTerms();
        for (ProjectEvent e : events) {
            terms.apply(e);
        }
        return terms;
    }

    @Test
    void foldsMembersKeysAndRatesAndIgnoresTheRest() {
        ProjectTerms terms = folded(created(), joined(AMSTERDAM, "2025-01-01"), joined(ROTTERDAM, "2025-01-01"),
                left(ROTTERDAM, "2025-06-30"), weightedKey("2025-04-01", AMSTERDAM, "2", ROTTERDAM, "1"),
                rateCard("2025-01-01", DEVELOPER, "95.00"));

        assertThat(terms.scale()).isEqualTo(2);
        assertThat(terms.members()).containsExactly(new Membership(AMSTERDAM, date("2025-01-01"), null),
                new Membership(ROTTERDAM, date("2025-01-01"), date("2025-06-30")));
        assertThat(terms.keys().inForceOn(date("2025-05-01")).method()).isEqualTo(KeyMethod.WEIGHTED);
        assertThat(terms.rates().rateOn(DEVELOPER, date("2025-02-01"))).contains(dec("95.00"));
        assertThat(terms.apply(moneyRecorded(java.util.UUID.randomUUID(), AMSTERDAM, "1.00", "2025-02-01", null)))
                .isFalse();
        assertThat(terms.member(null)).isEmpty();
    }

    /** A day's division is prepared once; a join, a leave or a key version must replace it. */
    @Test
    void aChangeOfTheTermsChangesTheDivisionOfADayAlreadyDivided() {
        ProjectTerms terms = folded(created(), joined(AMSTERDAM, "2025-01-01"));
        assertThat(terms.allocate(300, date("2025-05-01"))).containsExactlyEntriesOf(java.util.Map.of(AMSTERDAM, 300L));

        terms.apply(joined(ROTTERDAM, "2025-01-01"));
        assertThat(terms.allocate(300, date("2025-05-01"))).containsEntry(AMSTERDAM, 150L).containsEntry(ROTTERDAM, 150L);

        terms.apply(weightedKey("2025-04-01", AMSTERDAM, "2", ROTTERDAM, "1"));
        assertThat(terms.allocate(300, date("2025-05-01"))).containsEntry(AMSTERDAM, 200L).containsEntry(ROTTERDAM, 100L);

        terms.apply(left(ROTTERDAM, "2025-04-30"));
        assertThat(terms.allocate(300, date("2025-05-01"))).containsExactlyEntriesOf(java.util.Map.of(AMSTERDAM, 300L));
    }

    @Test
    void valuesHoursAtTheRateOfTheDayAndDividesAmongTheActiveMembersByTheKey() {
        ProjectTerms terms = folded(created(), joined(AMSTERDAM, "2025-01-01"), joined(ROTTERDAM, "2025-01-01"),
                weightedKey("2025-04-01", AMSTERDAM, "2", ROTTERDAM, "1"), rateCard("2025-01-01", DEVELOPER, "95.00"));

        assertThat(terms.valueMinor(ContributionKind.HOURS, null, dec("1.25"), DEVELOPER, date("2025-02-01")))
                .isEqualTo(11875L);
        assertThat(terms.valueMinor(ContributionKind.MONEY, 500L, null, null, date("2025-02-01"))).isEqualTo(500L);
        assertThat(terms.allocate(101, date("2025-02-01"))).containsEntry(AMSTERDAM, 51L).containsEntry(ROTTERDAM, 50L);
        assertThat(terms.allocate(300, date("2025-05-01"))).containsEntry(AMSTERDAM, 200L).containsEntry(ROTTERDAM, 100L);
    }

    @Test
    void aJoinUnderAWeightedKeyChangesTheVersionsThatWeighTheMember() {
        ProjectTerms terms = folded(created(), joined(AMSTERDAM, "2025-01-01"),
                weightedKey("2025-04-01", AMSTERDAM, "2"));

        assertThat(terms.keyVersionsForJoin(UTRECHT, date("2025-05-01"), null)).isEmpty();
        assertThat(terms.keyVersionsForJoin(UTRECHT, date("2025-05-01"), dec("3")))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.effectiveFrom()).isEqualTo(date("2025-05-01"));
                    assertThat(v.weights()).containsEntry(UTRECHT, dec("3")).containsEntry(AMSTERDAM, dec("2"));
                });
        assertThat(List.copyOf(terms.keys().versions())).hasSize(1);
    }
}
