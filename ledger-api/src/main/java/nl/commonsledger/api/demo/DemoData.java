package nl.commonsledger.api.demo;

import nl.commonsledger.api.period.PeriodSeal;
import nl.commonsledger.api.write.NewIds;
import nl.commonsledger.core.allocation.KeyMethod;
import nl.commonsledger.core.period.Quarter;
import nl.commonsledger.core.project.Attribution;
import nl.commonsledger.core.project.ContributionKind;
import nl.commonsledger.core.project.ProjectCommand.CorrectContribution;
import nl.commonsledger.core.project.ProjectCommand.CreateProject;
import nl.commonsledger.core.project.ProjectCommand.JoinMember;
import nl.commonsledger.core.project.ProjectCommand.RecordContribution;
import nl.commonsledger.core.project.ProjectCommand.RecordSettlement;
import nl.commonsledger.core.project.ProjectCommand.ReverseContribution;
import nl.commonsledger.core.project.ProjectCommand.SetAllocationKey;
import nl.commonsledger.core.project.ProjectCommand.SetRateCard;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A newcomer's first minutes: with {@code --ledger.demo=true} on an empty store, a realistic
 * consortium is booked through the same commands a client would send. Twelve municipalities share
 * a case-management system, weighted by inhabitants; they pay vendor invoices, lend staff and
 * contribute merged code over the last five quarters, and one booking is corrected and one reversed.
 * The board has settled part of the first quarter's balances and closed it.
 * The figures come from a seeded generator, so every demo shows the same ledger for the same day.
 */
@Component
@ConditionalOnProperty(name = "ledger.demo", havingValue = "true")
public class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String PROJECT = "zaaksysteem";

    /** CBS municipality code, name and (rounded) inhabitants, the weight of the allocation key. */
    private record Municipality(String id, String name, int inhabitants) {
    }

    private static final List<Municipality> MEMBERS = List.of(
            new Municipality("gm0363", "Gemeente Amsterdam", 931_298),
            new Municipality("gm0599", "Gemeente Rotterdam", 670_610),
            new Municipality("gm0518", "Gemeente 's-Gravenhage", 566_221),
            new Municipality("gm0344", "Gemeente Utrecht", 374_238),
            new Municipality("gm0772", "Gemeente Eindhoven", 246_417),
            new Municipality("gm0014", "Gemeente Groningen", 238_147),
            new Municipality("gm0855", "Gemeente Tilburg", 227_101),
            new Municipality("gm0034", "Gemeente Almere", 226_500),
            new Municipality("gm0758", "Gemeente Breda", 188_150),
            new Municipality("gm0268", "Gemeente Nijmegen", 186_600),
            new Municipality("gm0202", "Gemeente Arnhem", 167_000),
            new Municipality("gm0392", "Gemeente Haarlem", 164_000));

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final PeriodSeal seal;
    private final Clock clock;

    public DemoData(CommandGateway commands, EventStore eventStore, PeriodSeal seal, Clock clock) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.seal = seal;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void seed() {
        if (eventStore.createHeadToken() != null && eventStore.createHeadToken().position().orElse(-1) >= 0) {
            log.info("The event store is not empty; no demo data added.");
            return;
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Europe/Amsterdam")));
        LocalDate start = today.withDayOfMonth(1).withMonth(((today.getMonthValue() - 1) / 3) * 3 + 1).minusMonths(12);
        Attribution board = by("board");
        commands.sendAndWait(new CreateProject(PROJECT, "Zaaksysteem (gezamenlijk beheer)", "EUR", "Europe/Amsterdam", board));
        for (Municipality m : MEMBERS) {
            commands.sendAndWait(new JoinMember(PROJECT, m.id(), m.name(), start, null, board));
        }
        Map<String, BigDecimal> weights = new LinkedHashMap<>();
        MEMBERS.forEach(m -> weights.put(m.id(), BigDecimal.valueOf(m.inhabitants())));
        commands.sendAndWait(new SetAllocationKey(PROJECT, KeyMethod.WEIGHTED, start, weights, board));
        commands.sendAndWait(new SetRateCard(PROJECT, start, Map.of(
                "developer", new BigDecimal("95.00"), "tester", new BigDecimal("80.00"),
                "product-owner", new BigDecimal("105.00")), board));
        commands.sendAndWait(new SetRateCard(PROJECT, start.plusMonths(9), Map.of(
                "developer", new BigDecimal("98.50"), "tester", new BigDecimal("82.00"),
                "product-owner", new BigDecimal("108.00")), board));

        Random random = new Random(20_240_101L);
        List<UUID> booked = new ArrayList<>();
        String[] roles = {"developer", "tester", "product-owner"};
        for (LocalDate month = start; !month.isAfter(today); month = month.plusMonths(1)) {
            LocalDate date = month.plusDays(random.nextInt(27));
            if (date.isAfter(today)) {
                date = today;
            }
            // The two largest members pay the vendor's monthly invoice in turn.
            Municipality payer = MEMBERS.get(month.getMonthValue() % 2);
            booked.add(record(payer, ContributionKind.MONEY, cents(random, 8_000_00, 24_000_00), null, null, date,
                    "INV-" + month.getYear() + "-" + month.getMonthValue(), "Hosting and support invoice"));
            for (int i = 0; i < 3; i++) {
                Municipality m = MEMBERS.get(random.nextInt(MEMBERS.size()));
                String role = roles[random.nextInt(roles.length)];
                booked.add(record(m, ContributionKind.HOURS, null, hours(random, 8, 160), role, date,
                        null, "Staff time " + role));
            }
            Municipality coder = MEMBERS.get(random.nextInt(MEMBERS.size()));
            booked.add(record(coder, ContributionKind.CODE, null, hours(random, 4, 40), "developer", date,
                    "https://gitlab.example.org/zaaksysteem/-/merge_requests/" + (100 + booked.size()),
                    "Merged feature"));
        }
        Attribution finance = by("finance");
        UUID corrected = booked.get(1);
        commands.sendAndWait(new CorrectContribution(PROJECT, corrected, ContributionKind.HOURS, null,
                new BigDecimal("12.50"), "developer", start.plusDays(3), null, "Staff time developer",
                "Timesheet showed 12.5 hours, not the hours first booked", finance));
        commands.sendAndWait(new ReverseContribution(PROJECT, booked.get(2),
                "Booked twice: the same hours are in another contribution", finance));
        // The first quarter is settled and closed, so the board page opens on a frozen statement.
        LocalDate settledOn = Quarter.of(start).lastDay().minusDays(5);
        commands.sendAndWait(new RecordSettlement(PROJECT, NewIds.next(), "gm0518", "gm0363",
                new BigDecimal("8000.00"), settledOn, "Bank transfer " + settledOn, by("board")));
        commands.sendAndWait(seal.close(PROJECT, Quarter.of(start), by("board")));
        log.info("Demo consortium '{}' created: {} members, {} contributions, {} closed.", PROJECT, MEMBERS.size(),
                booked.size(), Quarter.of(start));
    }

    private UUID record(Municipality m, ContributionKind kind, BigDecimal amount, BigDecimal hours, String role,
                        LocalDate date, String reference, String description) {
        UUID id = NewIds.next();
        commands.sendAndWait(new RecordContribution(PROJECT, id, m.id(), kind, amount, hours, role, date, reference,
                description, by("finance")));
        return id;
    }

    private Attribution by(String user) {
        return new Attribution(user + "@demo", clock.instant());
    }

    private static BigDecimal cents(Random random, int minCents, int maxCents) {
        return BigDecimal.valueOf(minCents + random.nextInt(maxCents - minCents), 2);
    }

    private static BigDecimal hours(Random random, int min, int max) {
        // Quarter hours, as timesheets are kept.
        return BigDecimal.valueOf((min * 4L + random.nextInt((max - min) * 4)) * 25, 2);
    }
}
