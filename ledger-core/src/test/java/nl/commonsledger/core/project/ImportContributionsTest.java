package nl.commonsledger.core.project;

import nl.commonsledger.core.project.ImportRejectedException.RowRejection;
import nl.commonsledger.core.project.ProjectCommand.ImportContributions;
import nl.commonsledger.core.project.ProjectCommand.ImportContributions.Row;
import nl.commonsledger.core.project.ProjectEvent.ContributionRecorded;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static nl.commonsledger.core.project.ProjectHistory.AMSTERDAM;
import static nl.commonsledger.core.project.ProjectHistory.ATTRIBUTION;
import static nl.commonsledger.core.project.ProjectHistory.BY;
import static nl.commonsledger.core.project.ProjectHistory.DEVELOPER;
import static nl.commonsledger.core.project.ProjectHistory.NOW;
import static nl.commonsledger.core.project.ProjectHistory.PROJECT;
import static nl.commonsledger.core.project.ProjectHistory.ROTTERDAM;
import static nl.commonsledger.core.project.ProjectHistory.UTRECHT;
import static nl.commonsledger.core.project.ProjectHistory.closedThrough2025Q4;
import static nl.commonsledger.core.project.ProjectHistory.coalition;
import static nl.commonsledger.core.project.ProjectHistory.coalitionAnd;
import static nl.commonsledger.core.project.ProjectHistory.date;
import static nl.commonsledger.core.project.ProjectHistory.dec;
import static nl.commonsledger.core.project.ProjectHistory.left;
import static nl.commonsledger.core.project.ProjectHistory.moneyRecorded;
import static nl.commonsledger.core.project.ProjectHistory.rejectedWith;

/** Importing many contributions at once: every rule of a single recording, per row, all or nothing. */
class ImportContributionsTest {

    private FixtureConfiguration<ProjectAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ProjectAggregate.class);
    }

    private static UUID id(int n) {
        return UUID.fromString("00000000-0000-0000-0000-%012d".formatted(n));
    }

    private static Row money(int row, String memberId, String amount, String date, String reference) {
        return new Row(row, id(row), memberId, ContributionKind.MONEY, dec(amount), null, null, date(date), reference,
                "invoice");
    }

    private static Row time(int row, String memberId, ContributionKind kind, String hours, String role, String date,
                            String reference) {
        return new Row(row, id(row), memberId, kind, null, dec(hours), role, date(date), reference, null);
    }

    private static ImportContributions importing(Row... rows) {
        return new ImportContributions(PROJECT, List.of(rows), false, ATTRIBUTION);
    }

    private static ImportContributions dryRun(Row... rows) {
        return new ImportContributions(PROJECT, List.of(rows), true, ATTRIBUTION);
    }

    @Test
    void validRowsAreRecordedInFileOrderWithTheirValuesNormalised() {
        fixture.given(coalition())
                .when(importing(
                        money(2, AMSTERDAM, "1250", "2026-03-10", "INV-1"),
                        time(3, ROTTERDAM, ContributionKind.HOURS, "37.5", DEVELOPER, "2026-03-11", null),
                        money(4, AMSTERDAM, "10.5", "2026-03-12", " ")))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(3)
                .expectEvents(
                        new ContributionRecorded(PROJECT, id(2), AMSTERDAM, ContributionKind.MONEY, dec("1250.00"), null,
                                null, date("2026-03-10"), "INV-1", "invoice", BY, NOW),
                        new ContributionRecorded(PROJECT, id(3), ROTTERDAM, ContributionKind.HOURS, null, dec("37.50"),
                                DEVELOPER, date("2026-03-11"), null, null, BY, NOW),
                        new ContributionRecorded(PROJECT, id(4), AMSTERDAM, ContributionKind.MONEY, dec("10.50"), null,
                                null, date("2026-03-12"), null, "invoice", BY, NOW));
    }

    @Test
    void aDryRunChecksTheSameRulesButRecordsNothing() {
        fixture.given(coalition())
                .when(dryRun(money(2, AMSTERDAM, "1250.00", "2026-03-10", "INV-1"),
                        money(3, ROTTERDAM, "20.00", "2026-03-10", "INV-1")))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(2)
                .expectNoEvents();
    }

    @Test
    void aDryRunOfABadFileIsRefusedLikeTheImport() {
        fixture.given(coalition())
                .when(dryRun(money(2, AMSTERDAM, "-5.00", "2026-03-10", null)))
                .expectException(rowsRefused(refusal(2, Rejection.AMOUNT_NOT_POSITIVE, "amount")))
                .expectNoEvents();
    }

    @Test
    void oneBadRowStoresNothingAndIsNamed() {
        fixture.given(coalition())
                .when(importing(
                        money(2, AMSTERDAM, "100.00", "2026-03-10", "INV-1"),
                        money(3, AMSTERDAM, "0.00", "2026-03-10", "INV-2"),
                        money(4, AMSTERDAM, "100.00", "2026-03-10", "INV-3")))
                .expectException(rowsRefused(refusal(3, Rejection.AMOUNT_NOT_POSITIVE, "amount")))
                .expectNoEvents();
    }

    @Test
    void everyBadRowIsNamedWithTheRuleItBreaks() {
        fixture.given(closedThrough2025Q4(left(ROTTERDAM, "2026-02-28"),
                        moneyRecorded(id(99), AMSTERDAM, "5.00", "2026-01-05", "INV-BOOKED")))
                .when(importing(
                        money(2, AMSTERDAM, "100.00", "2026-03-10", "INV-1"),
                        money(3, UTRECHT, "100.00", "2026-03-10", null),
                        money(4, ROTTERDAM, "100.00", "2026-03-10", null),
                        money(5, AMSTERDAM, "100.00", "2025-11-10", null),
                        money(6, AMSTERDAM, "100.00", "2026-06-16", null),
                        time(7, AMSTERDAM, ContributionKind.HOURS, "8", "juggler", "2026-03-10", null),
                        money(8, AMSTERDAM, "100.00", "2026-03-11", "INV-1"),
                        money(9, AMSTERDAM, "100.00", "2026-03-11", "INV-BOOKED"),
                        money(10, AMSTERDAM, "1.001", "2026-03-11", null),
                        time(11, AMSTERDAM, ContributionKind.CODE, "3", DEVELOPER, "2026-03-11", null),
                        money(12, ROTTERDAM, "100.00", "2026-02-01", "INV-1")))
                .expectException(rowsRefused(
                        refusal(3, Rejection.UNKNOWN_MEMBER, "memberId"),
                        refusal(4, Rejection.MEMBER_NOT_ACTIVE, "date"),
                        refusal(5, Rejection.DATE_IN_CLOSED_PERIOD, "date"),
                        refusal(6, Rejection.DATE_IN_FUTURE, "date"),
                        refusal(7, Rejection.UNKNOWN_ROLE, "role"),
                        refusal(8, Rejection.DUPLICATE_REFERENCE_IN_FILE, "reference"),
                        refusal(9, Rejection.DUPLICATE_REFERENCE, "reference"),
                        refusal(10, Rejection.TOO_MANY_DECIMALS, "amount"),
                        refusal(11, Rejection.REFERENCE_REQUIRED, "reference")))
                .expectNoEvents();
    }

    @Test
    void theSameReferenceForTwoMembersIsNoDuplicate() {
        fixture.given(coalition())
                .when(importing(money(2, AMSTERDAM, "1.00", "2026-03-10", "INV-1"),
                        money(3, ROTTERDAM, "1.00", "2026-03-10", "INV-1")))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(2);
    }

    @Test
    void aReferenceFreedByAReversalMayBeImportedAgain() {
        fixture.given(coalitionAnd(moneyRecorded(id(99), AMSTERDAM, "5.00", "2026-01-05", "INV-1"),
                        ProjectHistory.reversed(id(99))))
                .when(importing(money(2, AMSTERDAM, "5.00", "2026-01-05", "INV-1")))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(1);
    }

    @Test
    void anEmptyImportIsRefused() {
        fixture.given(coalition())
                .when(importing())
                .expectException(rejectedWith(Rejection.NOTHING_TO_IMPORT))
                .expectNoEvents();
    }

    // ---- matchers ------------------------------------------------------------------------------

    private record Refusal(int row, Rejection rejection, String field) {
    }

    private static Refusal refusal(int row, Rejection rejection, String field) {
        return new Refusal(row, rejection, field);
    }

    /** Refused as a whole, naming exactly these rows, each for this reason and field, with a message. */
    private static Matcher<Throwable> rowsRefused(Refusal... expected) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable t) {
                if (!(t instanceof ImportRejectedException e) || e.rows().size() != expected.length) {
                    return false;
                }
                for (int i = 0; i < expected.length; i++) {
                    RowRejection r = e.rows().get(i);
                    if (r.row() != expected[i].row() || r.rejection() != expected[i].rejection()
                            || !expected[i].field().equals(r.field()) || r.message() == null || r.message().isBlank()) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("an import refused for rows ").appendValue(List.of(expected));
            }

            @Override
            protected void describeMismatchSafely(Throwable t, Description description) {
                description.appendText("was ").appendValue(t instanceof ImportRejectedException e ? e.rows() : t);
            }
        };
    }
}
