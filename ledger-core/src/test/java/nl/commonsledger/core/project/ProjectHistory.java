package nl.commonsledger.core.project;

import nl.commonsledger.core.allocation.KeyMethod;
import nl.commonsledger.core.period.Quarter;
import nl.commonsledger.core.project.ProjectCommand.RecordContribution;
import nl.commonsledger.core.project.ProjectEvent.AllocationKeyVersionSet;
import nl.commonsledger.core.project.ProjectEvent.ContributionCorrected;
import nl.commonsledger.core.project.ProjectEvent.ContributionRecorded;
import nl.commonsledger.core.project.ProjectEvent.ContributionReversed;
import nl.commonsledger.core.project.ProjectEvent.MemberJoined;
import nl.commonsledger.core.project.ProjectEvent.MemberLeft;
import nl.commonsledger.core.project.ProjectEvent.PeriodClosed;
import nl.commonsledger.core.project.ProjectEvent.ProjectCreated;
import nl.commonsledger.core.project.ProjectEvent.RateCardVersionSet;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Test data for the aggregate tests: a small coalition of municipalities sharing one project, and
 * builders for the events of its history and the commands asked of it.
 *
 * <p>Every command is attributed to {@link #NOW} (2026-06-15 12:00 in Amsterdam), so "today" is
 * deterministic: the domain derives it from {@code recordedAt} in the project's time zone and never
 * reads a clock.
 */
final class ProjectHistory {

    static final String PROJECT = "zaaksysteem";
    static final String BY = "alice@gm0363";
    /** When every command in these tests is recorded: 2026-06-15, in Amsterdam as in UTC. */
    static final Instant NOW = Instant.parse("2026-06-15T10:00:00Z");
    static final Attribution ATTRIBUTION = new Attribution(BY, NOW);
    static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
    /** The project was created in 2025-Q1 (in Amsterdam). */
    static final Instant CREATED_AT = Instant.parse("2025-01-06T09:00:00Z");
    /** When the given (past) events were recorded; its value does not matter to the rules. */
    static final Instant EARLIER = Instant.parse("2025-01-06T09:30:00Z");

    static final String AMSTERDAM = "gm0363";
    static final String ROTTERDAM = "gm0599";
    static final String DEN_HAAG = "gm0518";
    static final String UTRECHT = "gm0344";

    static final String DEVELOPER = "developer";
    static final String TESTER = "tester";

    private ProjectHistory() {
    }

    // ---- values --------------------------------------------------------------------------------

    static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    static BigDecimal dec(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    /** A sorted map from alternating keys and decimal strings: {@code map("a", "1", "b", "2.5")}. */
    static SortedMap<String, BigDecimal> map(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        TreeMap<String, BigDecimal> map = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], dec(keysAndValues[i + 1]));
        }
        return map;
    }

    static Attribution at(String instant) {
        return new Attribution(BY, Instant.parse(instant));
    }

    // ---- events of the history -----------------------------------------------------------------

    static ProjectCreated created() {
        return new ProjectCreated(PROJECT, "Zaaksysteem", "EUR", "Europe/Amsterdam", BY, CREATED_AT);
    }

    static ProjectCreated created(String currency, String zone, Instant at) {
        return new ProjectCreated(PROJECT, "Zaaksysteem", currency, zone, BY, at);
    }

    static MemberJoined joined(String memberId, String joinedOn) {
        return new MemberJoined(PROJECT, memberId, "Gemeente " + memberId, date(joinedOn), null, BY, EARLIER);
    }

    static MemberJoined joined(String memberId, String joinedOn, String weight) {
        return new MemberJoined(PROJECT, memberId, "Gemeente " + memberId, date(joinedOn), dec(weight), BY, EARLIER);
    }

    static MemberLeft left(String memberId, String leftOn) {
        return new MemberLeft(PROJECT, memberId, date(leftOn), BY, EARLIER);
    }

    static AllocationKeyVersionSet weightedKey(String effectiveFrom, String... memberWeights) {
        return new AllocationKeyVersionSet(PROJECT, date(effectiveFrom), KeyMethod.WEIGHTED, map(memberWeights),
                BY, EARLIER);
    }

    static AllocationKeyVersionSet equalKey(String effectiveFrom) {
        return new AllocationKeyVersionSet(PROJECT, date(effectiveFrom), KeyMethod.EQUAL, new TreeMap<>(), BY, EARLIER);
    }

    static RateCardVersionSet rateCard(String effectiveFrom, String... roleRates) {
        return new RateCardVersionSet(PROJECT, date(effectiveFrom), map(roleRates), BY, EARLIER);
    }

    static ContributionRecorded moneyRecorded(UUID id, String memberId, String amount, String date, String reference) {
        return new ContributionRecorded(PROJECT, id, memberId, ContributionKind.MONEY, dec(amount), null, null,
                date(date), reference, null, BY, EARLIER);
    }

    static ContributionRecorded timeRecorded(UUID id, String memberId, ContributionKind kind, String hours,
                                             String role, String date, String reference) {
        return new ContributionRecorded(PROJECT, id, memberId, kind, null, dec(hours), role, date(date), reference,
                null, BY, EARLIER);
    }

    static ContributionCorrected moneyCorrected(UUID id, String amount, String date, String reference) {
        return new ContributionCorrected(PROJECT, id, ContributionKind.MONEY, dec(amount), null, null, date(date),
                reference, null, "typo", BY, EARLIER);
    }

    static ContributionReversed reversed(UUID id) {
        return new ContributionReversed(PROJECT, id, "booked twice", BY, EARLIER);
    }

    static PeriodClosed periodClosed(String quarter, long eventCount) {
        return new PeriodClosed(PROJECT, Quarter.parse(quarter), eventCount, "0".repeat(64), BY, EARLIER);
    }

    /**
     * The usual starting point: the project, Amsterdam and Rotterdam as members from 2025-01-01
     * under the initial EQUAL key, and a rate card with a developer and a tester rate.
     */
    static List<Object> coalition() {
        return new ArrayList<>(List.of(
                created(),
                joined(AMSTERDAM, "2025-01-01"),
                joined(ROTTERDAM, "2025-01-01"),
                rateCard("2025-01-01", DEVELOPER, "95.00", TESTER, "80.00")));
    }

    /** {@link #coalition()} followed by more events. */
    static List<Object> coalitionAnd(Object... more) {
        List<Object> history = coalition();
        history.addAll(List.of(more));
        return history;
    }

    /**
     * {@link #coalition()} with 2025-Q4 closed (and 2025-Q1 to Q3 before it): everything dated on or
     * before 2025-12-31 is frozen. Further events follow the closes.
     */
    static List<Object> closedThrough2025Q4(Object... more) {
        List<Object> history = thenClosedThrough2025Q4(coalition());
        history.addAll(List.of(more));
        return history;
    }

    /** The given history followed by closing 2025-Q1 to 2025-Q4 in order, each with the right event count. */
    static List<Object> thenClosedThrough2025Q4(List<Object> history) {
        List<Object> closed = new ArrayList<>(history);
        for (String q : List.of("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4")) {
            closed.add(periodClosed(q, closed.size()));
        }
        return closed;
    }

    // ---- commands ------------------------------------------------------------------------------

    static RecordContribution recordMoney(UUID id, String memberId, String amount, String date, String reference) {
        return new RecordContribution(PROJECT, id, memberId, ContributionKind.MONEY, dec(amount), null, null,
                date(date), reference, "vendor invoice", ATTRIBUTION);
    }

    static RecordContribution recordTime(UUID id, String memberId, ContributionKind kind, String hours, String role,
                                         String date, String reference) {
        return new RecordContribution(PROJECT, id, memberId, kind, null, dec(hours), role, date(date), reference,
                null, ATTRIBUTION);
    }

    // ---- matchers ------------------------------------------------------------------------------

    /** The command was refused for exactly this reason. */
    static Matcher<Throwable> rejectedWith(Rejection expected) {
        return rejectedWith(expected, null, false);
    }

    /** The command was refused for exactly this reason, naming exactly this request field. */
    static Matcher<Throwable> rejectedWith(Rejection expected, String field) {
        return rejectedWith(expected, field, true);
    }

    private static Matcher<Throwable> rejectedWith(Rejection expected, String field, boolean checkField) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable t) {
                return t instanceof RejectedException r && r.rejection() == expected
                        && (!checkField || Objects.equals(field, r.field()));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a RejectedException with rejection ").appendValue(expected);
                if (checkField) {
                    description.appendText(" about field ").appendValue(field);
                }
            }

            @Override
            protected void describeMismatchSafely(Throwable t, Description description) {
                description.appendText("was ").appendValue(t);
            }
        };
    }
}
