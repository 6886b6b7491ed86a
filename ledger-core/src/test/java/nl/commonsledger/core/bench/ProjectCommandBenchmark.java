package nl.commonsledger.core.bench;

import nl.commonsledger.core.project.Attribution;
import nl.commonsledger.core.project.ContributionKind;
import nl.commonsledger.core.project.ProjectAggregate;
import nl.commonsledger.core.project.ProjectCommand.RecordContribution;
import nl.commonsledger.core.project.ProjectEvent;
import nl.commonsledger.core.project.ProjectEvent.ContributionRecorded;
import nl.commonsledger.core.project.ProjectEvent.MemberJoined;
import nl.commonsledger.core.project.ProjectEvent.ProjectCreated;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.Repository;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The cost of one more command on a project with a long history: recording a contribution on a
 * project that already holds {@code history} contributions, with the aggregate cached (as the service
 * runs it) and, for contrast, replayed from its events on every command (no cache, no snapshot).
 * The event store is Axon's in-memory engine, so the figures isolate the aggregate's own cost from
 * the database's.
 *
 * <p>Run: see docs/performance.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProjectCommandBenchmark {

    private static final String PROJECT = "bench";
    private static final Instant NOW = Instant.parse("2026-06-15T10:00:00Z");
    private static final Attribution BY = new Attribution("bench@gm0363", NOW);
    private static final LocalDate DATE = LocalDate.parse("2026-05-01");

    @Param({"1000", "10000", "50000"})
    public int history;

    @Param({"cached", "replayed"})
    public String repository;

    private CommandGateway gateway;
    private EmbeddedEventStore eventStore;

    @Setup(Level.Trial)
    public void setUp() {
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        Repository<ProjectAggregate> repo = repository.equals("cached")
                ? CachingEventSourcingRepository.builder(ProjectAggregate.class)
                .eventStore(eventStore).cache(new WeakReferenceCache()).build()
                : EventSourcingRepository.builder(ProjectAggregate.class).eventStore(eventStore).build();
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        AggregateAnnotationCommandHandler.<ProjectAggregate>builder()
                .aggregateType(ProjectAggregate.class).repository(repo).build().subscribe(bus);
        gateway = DefaultCommandGateway.builder().commandBus(bus).build();

        // The history is appended as events, as it would have been stored over the years.
        List<ProjectEvent> events = new ArrayList<>();
        events.add(new ProjectCreated(PROJECT, "Benchmark", "EUR", "Europe/Amsterdam", BY.recordedBy(), NOW));
        events.add(new MemberJoined(PROJECT, "gm0363", "Amsterdam", LocalDate.parse("2026-01-01"), null,
                BY.recordedBy(), NOW));
        events.add(new MemberJoined(PROJECT, "gm0599", "Rotterdam", LocalDate.parse("2026-01-01"), null,
                BY.recordedBy(), NOW));
        for (int i = 0; i < history; i++) {
            events.add(new ContributionRecorded(PROJECT, UUID.randomUUID(), i % 2 == 0 ? "gm0363" : "gm0599",
                    ContributionKind.MONEY, new BigDecimal("100.00"), null, null, DATE, "INV-" + i, null,
                    BY.recordedBy(), NOW));
        }
        List<GenericDomainEventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            messages.add(new GenericDomainEventMessage<>("ProjectAggregate", PROJECT, i, events.get(i)));
        }
        eventStore.publish(messages);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        eventStore.shutDown();
    }

    @Benchmark
    public Object recordOneMoreContribution() {
        return gateway.sendAndWait(new RecordContribution(PROJECT, UUID.randomUUID(), "gm0363", ContributionKind.MONEY,
                new BigDecimal("12.50"), null, null, DATE, null, null, BY));
    }
}
