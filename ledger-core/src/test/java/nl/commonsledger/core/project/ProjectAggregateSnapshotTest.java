package nl.commonsledger.core.project;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import nl.commonsledger.core.allocation.KeyMethod;
import nl.commonsledger.core.period.Quarter;
import nl.commonsledger.core.project.ProjectCommand.ClosePeriod;
import nl.commonsledger.core.project.ProjectCommand.CorrectContribution;
import nl.commonsledger.core.project.ProjectCommand.JoinMember;
import nl.commonsledger.core.project.ProjectCommand.LeaveMember;
import nl.commonsledger.core.project.ProjectCommand.SetRateCard;
import nl.commonsledger.core.project.ProjectEvent.ContributionRecorded;
import nl.commonsledger.core.project.ProjectEvent.MemberJoined;
import nl.commonsledger.core.project.ProjectEvent.PeriodClosed;
import nl.commonsledger.core.project.ProjectEvent.SettlementRecorded;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static nl.commonsledger.core.project.ProjectHistory.AMSTERDAM;
import static nl.commonsledger.core.project.ProjectHistory.ATTRIBUTION;
import static nl.commonsledger.core.project.ProjectHistory.BY;
import static nl.commonsledger.core.project.ProjectHistory.DEN_HAAG;
import static nl.commonsledger.core.project.ProjectHistory.DEVELOPER;
import static nl.commonsledger.core.project.ProjectHistory.EARLIER;
import static nl.commonsledger.core.project.ProjectHistory.NOW;
import static nl.commonsledger.core.project.ProjectHistory.PROJECT;
import static nl.commonsledger.core.project.ProjectHistory.ROTTERDAM;
import static nl.commonsledger.core.project.ProjectHistory.TESTER;
import static nl.commonsledger.core.project.ProjectHistory.UTRECHT;
import static nl.commonsledger.core.project.ProjectHistory.created;
import static nl.commonsledger.core.project.ProjectHistory.date;
import static nl.commonsledger.core.project.ProjectHistory.dec;
import static nl.commonsledger.core.project.ProjectHistory.equalKey;
import static nl.commonsledger.core.project.ProjectHistory.joined;
import static nl.commonsledger.core.project.ProjectHistory.left;
import static nl.commonsledger.core.project.ProjectHistory.map;
import static nl.commonsledger.core.project.ProjectHistory.moneyCorrected;
import static nl.commonsledger.core.project.ProjectHistory.moneyRecorded;
import static nl.commonsledger.core.project.ProjectHistory.periodClosed;
import static nl.commonsledger.core.project.ProjectHistory.rateCard;
import static nl.commonsledger.core.project.ProjectHistory.recordMoney;
import static nl.commonsledger.core.project.ProjectHistory.rejectedWith;
import static nl.commonsledger.core.project.ProjectHistory.reversed;
import static nl.commonsledger.core.project.ProjectHistory.timeRecorded;
import static nl.commonsledger.core.project.ProjectHistory.weightedKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The aggregate is cached and snapshotted (see its Javadoc) with Axon's JacksonSerializer, built on
 * an ObjectMapper with the Java time module and ISO dates. A snapshot that loses or garbles a field
 * would silently loosen a rule (a duplicate reference accepted, a closed period reopened), so the
 * state must survive the round trip completely, and the restored aggregate must still refuse what
 * the original refuses.
 */
class ProjectAggregateSnapshotTest {

    private static final UUID INVOICE = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID HOURS = UUID.fromString("00000000-0000-0000-0000-0000000000a2");
    private static final UUID CODE = UUID.fromString("00000000-0000-0000-0000-0000000000a3");
    private static final UUID REVERSED = UUID.fromString("00000000-0000-0000-0000-0000000000a4");
    private static final UUID CORRECTED = UUID.fromString("00000000-0000-0000-0000-0000000000a5");
    private static final UUID INVOICE_AGAIN = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    private static final String MR = "https://git.example.org/zaaksysteem/-/merge_requests/7";

    private JacksonSerializer serializer;
    private final ObjectMapper treeReader = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    @BeforeEach
    void setUp() {
        // The configuration the application uses for snapshots.
        ObjectMapper objectMapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        serializer = JacksonSerializer.builder().objectMapper(objectMapper).build();
    }

    /** A realistic history touching every piece of state: 20 events, 2025-Q1 to 2025-Q4 closed. */
    private static List<Object> history() {
        return List.of(
                created(),
                joined(AMSTERDAM, "2025-01-01"),
                joined(ROTTERDAM, "2025-01-01"),
                weightedKey("2025-04-01", AMSTERDAM, "931298", ROTTERDAM, "670610.5"),
                new MemberJoined(PROJECT, DEN_HAAG, "Gemeente Den Haag", date("2025-05-01"), dec("566220"), BY,
                        EARLIER),
                weightedKey("2025-05-01", AMSTERDAM, "931298", ROTTERDAM, "670610.5", DEN_HAAG, "566220"),
                equalKey("2026-01-01"),
                rateCard("2025-01-01", DEVELOPER, "95.00", TESTER, "80.00"),
                rateCard("2026-01-01", DEVELOPER, "99.50", TESTER, "82.25"),
                moneyRecorded(INVOICE, AMSTERDAM, "1250.00", "2025-02-14", "INV-2025-001"),
                timeRecorded(HOURS, ROTTERDAM, ContributionKind.HOURS, "37.50", TESTER, "2025-06-02", null),
                timeRecorded(CODE, DEN_HAAG, ContributionKind.CODE, "16.00", DEVELOPER, "2025-09-09", MR),
                moneyRecorded(REVERSED, AMSTERDAM, "99.99", "2025-10-01", "INV-2025-002"),
                reversed(REVERSED),
                moneyRecorded(CORRECTED, ROTTERDAM, "500.00", "2026-02-02", "INV-R-1"),
                moneyCorrected(CORRECTED, "550.00", "2026-02-03", "INV-R-2"),
                new SettlementRecorded(PROJECT, UUID.randomUUID(), ROTTERDAM, AMSTERDAM, dec("300.00"),
                        date("2025-12-15"), null, BY, EARLIER),
                left(DEN_HAAG, "2026-03-31"),
                periodClosed("2025-Q1", 18),
                new PeriodClosed(PROJECT, Quarter.parse("2025-Q2"), 19, "a".repeat(64), BY, EARLIER));
    }

    /** The aggregate as Axon would source it from {@link #history()}, by its own event handlers. */
    private static ProjectAggregate sourced(List<Object> events) {
        ProjectAggregate aggregate = new ProjectAggregate();
        long sequence = 0;
        for (Object event : events) {
            // The package-private handler, called with each event's sequence number as Axon's event
            // sourcing calls it.
            aggregate.on((ProjectEvent) event, sequence++);
        }
        return aggregate;
    }

    private ProjectAggregate roundTrip(ProjectAggregate aggregate) {
        SerializedObject<String> snapshot = serializer.serialize(aggregate, String.class);
        return serializer.deserialize(snapshot);
    }

    /** The snapshot as a JSON tree, decimals read exactly (scale included) so that nothing is rounded away. */
    private JsonNode json(ProjectAggregate aggregate) throws Exception {
        return treeReader.readTree(serializer.serialize(aggregate, String.class).getData());
    }

    @Test
    void snapshotRoundTripKeepsTheWholeState() throws Exception {
        ProjectAggregate original = sourced(history());

        ProjectAggregate restored = roundTrip(original);

        assertThat(restored).isNotSameAs(original);
        assertThat(json(restored)).isEqualTo(json(original));
    }

    @Test
    void snapshotHoldsEveryPieceOfStateTheRulesNeed() throws Exception {
        // Guards the comparison above against a serializer that writes (almost) nothing: then the
        // JSON of original and copy would be equal and still useless.
        JsonNode json = json(sourced(history()));

        assertThat(json.path("projectId").asText()).isEqualTo(PROJECT);
        assertThat(json.path("currencyScale").asInt()).isEqualTo(2);
        assertThat(json.path("timeZone").asText()).isEqualTo("Europe/Amsterdam");
        assertThat(json.path("createdIn").asText()).isEqualTo("2025-Q1");
        assertThat(json.path("lastClosed").asText()).isEqualTo("2025-Q2");
        assertThat(json.path("eventCount").asLong()).isEqualTo(history().size());
        assertThat(json.path("members").size()).isEqualTo(3);
        assertThat(json.path("members").path(DEN_HAAG).path("leftOn").asText()).isEqualTo("2026-03-31");
        assertThat(json.path("keys").size()).isEqualTo(3);
        assertThat(json.path("rates").size()).isEqualTo(2);
        assertThat(json.path("contributions").size()).isEqualTo(5);
        assertThat(json.path("contributions").path(REVERSED.toString()).path("reversed").asBoolean()).isTrue();
        // The index of references follows from the contributions and is not stored: the tests below
        // show a restored aggregate still refusing a held reference and accepting a freed one.
        assertThat(json.has("references")).isFalse();
    }

    @Test
    void restoredSnapshotSerializesLikeAFreshlySourcedAggregate() throws Exception {
        // Restoring twice changes nothing either: the snapshot is a fixed point.
        ProjectAggregate twice = roundTrip(roundTrip(sourced(history())));

        assertThat(json(twice)).isEqualTo(json(sourced(history())));
    }

    // ---- the restored aggregate still applies the rules ----------------------------------------

    private FixtureConfiguration<ProjectAggregate> fromSnapshot() {
        return new AggregateTestFixture<>(ProjectAggregate.class);
    }

    @Test
    void restoredAggregateStillRefusesADuplicateReference() {
        ProjectAggregate restored = roundTrip(sourced(history()));
        fromSnapshot().givenState(() -> restored)
                .when(recordMoney(UUID.randomUUID(), AMSTERDAM, "10.00", "2026-04-01", "INV-2025-001"))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.DUPLICATE_REFERENCE));
    }

    @Test
    void restoredAggregateStillKnowsWhichReferencesWereFreed() {
        ProjectAggregate restored = roundTrip(sourced(history()));
        fromSnapshot().givenState(() -> restored)
                .when(recordMoney(INVOICE_AGAIN, ROTTERDAM, "10.00", "2026-04-01", "INV-R-1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ContributionRecorded(PROJECT, INVOICE_AGAIN, ROTTERDAM, ContributionKind.MONEY,
                        dec("10.00"), null, null, date("2026-04-01"), "INV-R-1", "vendor invoice", BY, NOW));
    }

    @Test
    void restoredAggregateStillRefusesTheClosedPeriod() {
        ProjectAggregate restored = roundTrip(sourced(history()));
        fromSnapshot().givenState(() -> restored)
                .when(recordMoney(UUID.randomUUID(), AMSTERDAM, "10.00", "2025-06-30", null))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.DATE_IN_CLOSED_PERIOD));
    }

    @Test
    void restoredAggregateStillRefusesCorrectingAReversedContribution() {
        ProjectAggregate restored = roundTrip(sourced(history()));
        fromSnapshot().givenState(() -> restored)
                .when(new CorrectContribution(PROJECT, REVERSED, ContributionKind.MONEY, dec("99.99"), null, null,
                        date("2026-01-10"), null, null, "late fix", ATTRIBUTION))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.CONTRIBUTION_REVERSED));
    }

    @Test
    void restoredAggregateStillKnowsMembershipAndTheWeightedKey() {
        ProjectAggregate restored = roundTrip(sourced(history()));
        // Den Haag left on 2026-03-31 ...
        fromSnapshot().givenState(() -> restored)
                .when(new LeaveMember(PROJECT, DEN_HAAG, date("2026-04-30"), ATTRIBUTION))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.MEMBER_ALREADY_LEFT));
        // ... and a member joining in 2025-Q3 comes under the WEIGHTED key of 2025-05-01, which is
        // in an open period.
        ProjectAggregate again = roundTrip(sourced(history()));
        fromSnapshot().givenState(() -> again)
                .when(new JoinMember(PROJECT, UTRECHT, "Gemeente Utrecht", date("2025-08-01"), null, ATTRIBUTION))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.WEIGHT_REQUIRED));
    }

    @Test
    void restoredAggregateStillKnowsTheRatesInUse() {
        // The CODE contribution of 2025-09-09 needs the developer rate of the 2025 card.
        ProjectAggregate restored = roundTrip(sourced(history()));
        fromSnapshot().givenState(() -> restored)
                .when(new SetRateCard(PROJECT, date("2025-07-01"), map(TESTER, "80.00"), ATTRIBUTION))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.RATE_CARD_LEAVES_CONTRIBUTION_WITHOUT_RATE));
    }

    @Test
    void restoredAggregateKeepsCountingEventsForTheNextClose() {
        // 2025-Q3 is next, and the seal must cover exactly the 20 events so far.
        ProjectAggregate restored = roundTrip(sourced(history()));
        fromSnapshot().givenState(() -> restored)
                .when(new ClosePeriod(PROJECT, Quarter.parse("2025-Q3"), history().size(), "b".repeat(64),
                        ATTRIBUTION))
                .expectEvents(new PeriodClosed(PROJECT, Quarter.parse("2025-Q3"), history().size(), "b".repeat(64),
                        BY, NOW));
    }

    @Test
    void snapshotKeepsWeightsAndRatesExactly() throws Exception {
        // Decimal weights and rates must come back exactly, scale included: 670610.5 and 95.00.
        JsonNode json = json(roundTrip(sourced(history())));

        assertThat(json.path("keys").get(0).path("method").asText()).isEqualTo(KeyMethod.WEIGHTED.name());
        assertThat(json.path("keys").get(0).path("weights").path(ROTTERDAM).decimalValue())
                .isEqualTo(dec("670610.5"));
        assertThat(json.path("rates").get(0).path("hourlyRates").path(DEVELOPER).decimalValue())
                .isEqualTo(dec("95.00"));
        assertThat(json.path("rates").get(1).path("hourlyRates").path(TESTER).decimalValue()).isEqualTo(dec("82.25"));
    }
}
