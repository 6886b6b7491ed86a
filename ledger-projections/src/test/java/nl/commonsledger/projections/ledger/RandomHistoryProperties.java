package nl.commonsledger.projections.ledger;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import nl.commonsledger.core.allocation.KeyMethod;
import nl.commonsledger.core.period.Quarter;
import nl.commonsledger.core.project.Attribution;
import nl.commonsledger.core.project.ContributionKind;
import nl.commonsledger.core.project.ProjectCommand;
import nl.commonsledger.core.project.ProjectCommand.ClosePeriod;
import nl.commonsledger.core.project.ProjectCommand.CorrectContribution;
import nl.commonsledger.core.project.ProjectCommand.CreateProject;
import nl.commonsledger.core.project.ProjectCommand.JoinMember;
import nl.commonsledger.core.project.ProjectCommand.LeaveMember;
import nl.commonsledger.core.project.ProjectCommand.RecordContribution;
import nl.commonsledger.core.project.ProjectCommand.RecordSettlement;
import nl.commonsledger.core.project.ProjectCommand.ReverseContribution;
import nl.commonsledger.core.project.ProjectCommand.SetAllocationKey;
import nl.commonsledger.core.project.ProjectCommand.SetRateCard;
import nl.commonsledger.core.project.ProjectEvent;
import nl.commonsledger.projections.replay.BalanceReplay;
import nl.commonsledger.projections.replay.LedgerReplay;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any sequence of commands the aggregate accepts gives read models equal to a replay of the history:
 * long random histories of retroactive joins and leaves, EQUAL and WEIGHTED key versions, rate
 * versions that raise, add and drop roles, contributions of every kind, corrections that change kind
 * and date, reversals, settlements and closes. Commands the rules refuse are part of the mix; they
 * must leave no event. A failing seed is printed by jqwik and replays the same history.
 */
class RandomHistoryProperties {

    private static final String P = "p1";
    private static final Instant NOW = Instant.parse("2026-06-15T10:00:00Z");
    private static final LocalDate START = LocalDate.parse("2024-01-01");
    private static final int DAYS = 895; // up to today, 2026-06-14, and a few days into the future
    private static final List<String> MEMBERS = List.of("a", "b", "c", "d", "e", "f");
    private static final List<String> ROLES = List.of("developer", "tester", "designer");

    @Property(tries = 40)
    void readModelsEqualTheReplayAfterAnyAcceptedHistory(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        ProjectorHarness ledger = new ProjectorHarness();
        History history = new History(random);
        assertThat(ledger.send(new CreateProject(P, "Random", "EUR", "Europe/Amsterdam", by()))).isTrue();
        for (int step = 0; step < 160; step++) {
            ProjectCommand command = history.next(ledger.events(P).size());
            int before = ledger.events(P).size();
            boolean accepted = ledger.send(command);
            if (accepted) {
                history.accepted(command);
            } else {
                assertThat(ledger.events(P)).as("a refused %s stores nothing", command).hasSize(before);
            }
            ledger.project(P);
            if (step % 20 == 19) {
                assertThat(ledger.differences(P)).as("seed %d, step %d", seed, step).isEmpty();
            }
        }
        assertThat(ledger.differences(P)).as("seed %d", seed).isEmpty();
        // A rebuild from the same events writes the same rows as the live projection did.
        ledger.rebuildIntoSecondGeneration(P);
        assertThat(ledger.generationDifferences()).as("seed %d: rebuilt vs live read models", seed).isEmpty();
        assertThat(history.contributions).as("the history books something").isNotEmpty();
    }

    @Property(tries = 30)
    void twoPassBalancesEqualTheReplayForEveryPrefixAndCut(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        ProjectorHarness ledger = new ProjectorHarness();
        History history = new History(random);
        assertThat(ledger.send(new CreateProject(P, "Random", "EUR", "Europe/Amsterdam", by()))).isTrue();
        // Where each accepted command's events end: a command's events share its moment, so an as-of
        // read sees all of them or none.
        List<Integer> ends = new ArrayList<>(List.of(ledger.events(P).size()));
        for (int step = 0; step < 160; step++) {
            ProjectCommand command = history.next(ledger.events(P).size());
            if (ledger.send(command)) {
                history.accepted(command);
                ends.add(ledger.events(P).size());
            }
        }
        List<ProjectEvent> events = ledger.events(P);
        for (int check = 0; check < 12; check++) {
            // A prefix stands for the events recorded by a moment; a cut for ?through=.
            List<ProjectEvent> prefix = events.subList(0, ends.get(random.nextInt(ends.size())));
            LocalDate through = random.nextInt(3) == 0 ? null : START.plusDays(random.nextInt(DAYS));
            LedgerReplay held = new LedgerReplay();
            prefix.forEach(held::apply);
            BalanceReplay twoPasses = new BalanceReplay(through);
            prefix.stream().filter(e -> BalanceReplay.learnsFrom(e.getClass())).forEach(twoPasses::learn);
            Map<String, LedgerReplay.Contribution> settled = new HashMap<>();
            twoPasses.onSettled((c, figures, position) -> assertThat(settled.put(c.contributionId(), c)).as("settled once").isNull());
            for (int sequence = 0; sequence < prefix.size(); sequence++) {
                twoPasses.apply(prefix.get(sequence), sequence);
            }
            assertThat(twoPasses.balances()).as("seed %d, %d events, through %s", seed, prefix.size(), through)
                    .isEqualTo(held.balances(through));
            assertThat(settled).as("seed %d, %d events: the contributions as the history leaves them", seed,
                    prefix.size()).isEqualTo(held.contributions());
        }
    }

    private static Attribution by() {
        return new Attribution("admin", NOW);
    }

    /** Chooses the next command from what the history has accepted so far. */
    private static final class History {

        private final Random random;
        private final List<String> joined = new ArrayList<>();
        private final List<UUID> contributions = new ArrayList<>();
        private Quarter nextToClose;

        History(Random random) {
            this.random = random;
        }

        ProjectCommand next(int eventCount) {
            int roll = random.nextInt(100);
            if (joined.size() < 2 || roll < 12) {
                String member = MEMBERS.get(random.nextInt(MEMBERS.size()));
                return new JoinMember(P, member, member.toUpperCase(), date(), random.nextBoolean() ? weight() : null, by());
            }
            if (roll < 16) {
                return new LeaveMember(P, member(), date(), by());
            }
            if (roll < 26) {
                if (random.nextInt(3) == 0) {
                    return new SetAllocationKey(P, KeyMethod.EQUAL, date(), Map.of(), by());
                }
                Map<String, BigDecimal> weights = new TreeMap<>();
                joined.forEach(m -> weights.put(m, weight()));
                return new SetAllocationKey(P, KeyMethod.WEIGHTED, date(), weights, by());
            }
            if (roll < 36) {
                Map<String, BigDecimal> rates = new TreeMap<>();
                ROLES.stream().filter(r -> random.nextInt(4) != 0)
                        .forEach(r -> rates.put(r, new BigDecimal(random.nextInt(15000) + 1).movePointLeft(2)));
                return new SetRateCard(P, date(), rates, by());
            }
            if (roll < 70 || contributions.isEmpty()) {
                ContributionKind kind = kind();
                return new RecordContribution(P, UUID.randomUUID(), member(), kind, amount(kind), hours(kind),
                        role(kind), date(), reference(kind), description(), by());
            }
            if (roll < 80) {
                ContributionKind kind = kind();
                return new CorrectContribution(P, contribution(), kind, amount(kind), hours(kind), role(kind), date(),
                        reference(kind), description(), "corrected", by());
            }
            if (roll < 87) {
                return new ReverseContribution(P, contribution(), "reversed", by());
            }
            if (roll < 97) {
                return new RecordSettlement(P, UUID.randomUUID(), member(), member(),
                        new BigDecimal(random.nextInt(100000) + 1).movePointLeft(2), date(), null, by());
            }
            Quarter close = nextToClose == null ? Quarter.of(START) : nextToClose;
            return new ClosePeriod(P, close, eventCount, "0".repeat(64), by());
        }

        void accepted(ProjectCommand command) {
            if (command instanceof JoinMember j) {
                joined.add(j.memberId());
            } else if (command instanceof RecordContribution r) {
                contributions.add(r.contributionId());
            } else if (command instanceof ClosePeriod c) {
                nextToClose = c.period().next();
            }
        }

        private String member() {
            return joined.get(random.nextInt(joined.size()));
        }

        private UUID contribution() {
            return contributions.get(random.nextInt(contributions.size()));
        }

        private LocalDate date() {
            return START.plusDays(random.nextInt(DAYS));
        }

        private BigDecimal weight() {
            return BigDecimal.valueOf(random.nextInt(9) + 1);
        }

        private ContributionKind kind() {
            return ContributionKind.values()[random.nextInt(ContributionKind.values().length)];
        }

        private BigDecimal amount(ContributionKind kind) {
            return kind == ContributionKind.MONEY ? new BigDecimal(random.nextInt(1000000) + 1).movePointLeft(2) : null;
        }

        private BigDecimal hours(ContributionKind kind) {
            return kind == ContributionKind.MONEY ? null : new BigDecimal(random.nextInt(4000) + 1).movePointLeft(2);
        }

        private String role(ContributionKind kind) {
            return kind == ContributionKind.MONEY ? null : ROLES.get(random.nextInt(ROLES.size()));
        }

        private String description() {
            return random.nextBoolean() ? null : "note " + random.nextInt(1000);
        }

        private String reference(ContributionKind kind) {
            // Few distinct references, so that duplicates are refused now and then.
            return kind == ContributionKind.CODE || random.nextBoolean() ? "REF-" + random.nextInt(30) : null;
        }
    }
}
