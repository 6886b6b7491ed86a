package nl.commonsledger.projections.ledger;

import nl.commonsledger.core.project.ProjectAggregate;
import nl.commonsledger.core.project.ProjectCommand;
import nl.commonsledger.core.project.ProjectEvent;
import nl.commonsledger.core.project.RejectedException;
import nl.commonsledger.projections.balance.BalanceQueries;
import nl.commonsledger.projections.contribution.ContributionQueries;
import nl.commonsledger.projections.replay.BalanceReplay;
import nl.commonsledger.projections.replay.LedgerReplay;
import nl.commonsledger.projections.replay.ReplayComparison;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import nl.commonsledger.projections.generation.Generation;
import nl.commonsledger.projections.generation.ReadModel;
import nl.commonsledger.projections.period.ClosedPeriodProjector;
import nl.commonsledger.projections.rebuild.HandlerReplay;
import nl.commonsledger.projections.generation.ReadModelTables;
import nl.commonsledger.projections.rebuild.ProjectImage;
import nl.commonsledger.projections.rebuild.ReadModelWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The real aggregate on Axon's in-memory event store, and the real projector on an in-memory H2 with
 * the read models' own migrations. Commands go to the aggregate; the events it stores are handed to
 * the projector one by one, as the ledger processor would, through Axon's annotation adapter.
 */
final class ProjectorHarness {

    private final EmbeddedEventStore eventStore =
            EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final CommandGateway gateway;
    private final List<ReadModel> readModels;
    private final List<AnnotationEventHandlerAdapter> projectors;
    private final ReplayComparison comparison;
    private final JdbcTemplate jdbc;
    private final List<DomainEventMessage<?>> projected = new ArrayList<>();

    ProjectorHarness() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        AggregateAnnotationCommandHandler.<ProjectAggregate>builder().aggregateType(ProjectAggregate.class)
                .repository(EventSourcingRepository.builder(ProjectAggregate.class).eventStore(eventStore).build())
                .build().subscribe(bus);
        gateway = DefaultCommandGateway.builder().commandBus(bus).build();

        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:projector-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        // Only the read models' own migrations are on this module's class path.
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        readModels = List.of(new LedgerProjector(new LedgerStore(jdbc)), new ClosedPeriodProjector(jdbc));
        projectors = readModels.stream().map(AnnotationEventHandlerAdapter::new).toList();
        comparison = new ReplayComparison(new BalanceQueries(jdbc), new ContributionQueries(jdbc));
    }

    /** Sends a command; true if the aggregate accepted it, false if it refused it by a rule. */
    boolean send(ProjectCommand command) {
        try {
            gateway.sendAndWait(command);
            return true;
        } catch (RejectedException | CommandExecutionException refused) {
            return false;
        }
    }

    /**
     * Hands every event stored since the last call to the read models, in order, in one unit of work,
     * as the ledger processor hands them a batch.
     */
    void project(String projectId) throws Exception {
        DomainEventStream stream = eventStore.readEvents(projectId, projected.size());
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        stream.forEachRemaining(batch::add);
        if (batch.isEmpty()) {
            return;
        }
        BatchingUnitOfWork<DomainEventMessage<?>> unit = new BatchingUnitOfWork<>(batch);
        ResultMessage<?> result = unit.executeWithResult(() -> {
            EventMessage<?> message = (EventMessage<?>) CurrentUnitOfWork.get().getMessage();
            for (AnnotationEventHandlerAdapter projector : projectors) {
                projector.handle(message);
            }
            return null;
        });
        if (result.isExceptional()) {
            throw new IllegalStateException(result.exceptionResult());
        }
        projected.addAll(batch);
    }

    List<ProjectEvent> events(String projectId) {
        return eventStore.readEvents(projectId).asStream().map(m -> (ProjectEvent) m.getPayload()).toList();
    }

    LedgerReplay replay(String projectId) {
        LedgerReplay replay = new LedgerReplay();
        events(projectId).forEach(replay::apply);
        return replay;
    }

    /** Where the read models differ from a replay of the whole stored history, compared as the audit does. */
    List<String> differences(String projectId) {
        List<ProjectEvent> events = events(projectId);
        BalanceReplay replay = new BalanceReplay(null);
        events.stream().filter(e -> BalanceReplay.learnsFrom(e.getClass())).forEach(replay::learn);
        if (replay.isEmpty()) {
            return comparison.differencesWithoutHistory(projectId);
        }
        try (ReplayComparison.Check check = comparison.check(projectId, replay, 10)) {
            for (int sequence = 0; sequence < events.size(); sequence++) {
                replay.apply(events.get(sequence), sequence);
            }
            return check.finish(replay.balances());
        }
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    /**
     * Builds the project's read models a second time, as a rebuild does: its events folded once into
     * the project's image (the other read models through their own handlers), then read again and the
     * ledger's tables written in bulk into the second generation of tables.
     */
    void rebuildIntoSecondGeneration(String projectId) {
        new ReadModelTables(jdbc).empty(Generation.SECOND, readModels);
        ProjectImage image = new ProjectImage();
        HandlerReplay others = new HandlerReplay(readModels.subList(1, readModels.size()), Generation.SECOND,
                TransactionOperations.withoutTransaction());
        eventStore.readEvents(projectId).asStream().forEach(m -> {
            image.apply((ProjectEvent) m.getPayload(), m.getSequenceNumber());
            others.accept(m);
        });
        others.flush();
        try (ReadModelWriter.Pass pass = new ReadModelWriter(jdbc, new LedgerStore(jdbc),
                TransactionOperations.withoutTransaction()).start(Generation.SECOND, Map.of(projectId, image), rows -> {
                })) {
            eventStore.readEvents(projectId).asStream()
                    .forEach(m -> pass.accept((ProjectEvent) m.getPayload(), m.getSequenceNumber()));
            pass.finish();
        }
    }

    /**
     * Every row of every read-model table in the first generation that the second lacks, and the
     * other way round, as "table: row". Balance buckets whose totals are all zero are left out: the
     * live projector keeps a bucket it once touched, a rebuild writes only buckets with figures, and
     * both sum to the same balances.
     */
    List<String> generationDifferences() {
        List<String> out = new ArrayList<>();
        for (String table : readModels.stream().flatMap(m -> m.tables().stream()).toList()) {
            String where = table.equals("rm_balance_bucket")
                    ? " WHERE NOT (money_minor = 0 AND hours_minor = 0 AND code_minor = 0 AND fair_share_minor = 0 "
                    + "AND settlements_paid_minor = 0 AND settlements_received_minor = 0)" : "";
            List<String> first = rows(Generation.FIRST.sql("SELECT * FROM " + table + where));
            List<String> second = rows(Generation.SECOND.sql("SELECT * FROM " + table + where));
            first.stream().filter(r -> !second.contains(r)).forEach(r -> out.add(table + " only live: " + r));
            second.stream().filter(r -> !first.contains(r)).forEach(r -> out.add(table + " only rebuilt: " + r));
        }
        return out;
    }

    private List<String> rows(String sql) {
        return jdbc.query(sql, (rs, i) -> {
            StringBuilder row = new StringBuilder();
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                row.append(rs.getMetaData().getColumnLabel(c)).append('=').append(rs.getString(c)).append(' ');
            }
            return row.toString();
        });
    }
}
