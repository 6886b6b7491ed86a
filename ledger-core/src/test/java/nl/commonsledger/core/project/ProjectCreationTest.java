package nl.commonsledger.core.project;

import nl.commonsledger.core.project.ProjectCommand.CreateProject;
import nl.commonsledger.core.project.ProjectEvent.ProjectCreated;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static nl.commonsledger.core.project.ProjectHistory.ATTRIBUTION;
import static nl.commonsledger.core.project.ProjectHistory.BY;
import static nl.commonsledger.core.project.ProjectHistory.NOW;
import static nl.commonsledger.core.project.ProjectHistory.PROJECT;
import static nl.commonsledger.core.project.ProjectHistory.rejectedWith;

/** Creating a project: its currency and time zone, and their defaults (glossary, "Project"). */
class ProjectCreationTest {

    private FixtureConfiguration<ProjectAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ProjectAggregate.class);
    }

    @Test
    void projectIsCreatedWithTheGivenCurrencyAndTimeZone() {
        fixture.givenNoPriorActivity()
                .when(new CreateProject(PROJECT, "Zaaksysteem", "JPY", "Asia/Tokyo", ATTRIBUTION))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectCreated(PROJECT, "Zaaksysteem", "JPY", "Asia/Tokyo", BY, NOW));
    }

    @Test
    void projectDefaultsToEuroAndAmsterdamTime() {
        // The contract: currency defaults to EUR, the time zone to Europe/Amsterdam.
        fixture.givenNoPriorActivity()
                .when(new CreateProject(PROJECT, "Zaaksysteem", null, null, ATTRIBUTION))
                .expectEvents(new ProjectCreated(PROJECT, "Zaaksysteem", "EUR", "Europe/Amsterdam", BY, NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"XYZ", "eur", "EURO", "", "XAU"})
    void unknownCurrencyIsRefused(String currency) {
        // XAU (gold) is ISO 4217 but has no minor unit, so no amount could be written in it.
        fixture.givenNoPriorActivity()
                .when(new CreateProject(PROJECT, "Zaaksysteem", currency, null, ATTRIBUTION))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.UNKNOWN_CURRENCY, "currency"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mars/Olympus_Mons", "Amsterdam", ""})
    void unknownTimeZoneIsRefused(String zone) {
        fixture.givenNoPriorActivity()
                .when(new CreateProject(PROJECT, "Zaaksysteem", "EUR", zone, ATTRIBUTION))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.UNKNOWN_TIME_ZONE, "timeZone"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void projectWithoutNameIsRefused(String name) {
        fixture.givenNoPriorActivity()
                .when(new CreateProject(PROJECT, name, "EUR", null, ATTRIBUTION))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.FIELD_REQUIRED, "name"));
    }
}
