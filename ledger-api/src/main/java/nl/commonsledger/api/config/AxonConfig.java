package nl.commonsledger.api.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import nl.commonsledger.core.project.ProjectAggregate;
import nl.commonsledger.projections.ledger.LedgerProjector;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import io.micrometer.core.instrument.MeterRegistry;
import nl.commonsledger.api.metrics.LedgerProcessorMeters;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Axon without Axon Server: the event store, token store and snapshots live in the ledger's own
 * database (tables owned by Flyway), serialised as JSON.
 */
@Configuration
public class AxonConfig {

    private static final Logger log = LoggerFactory.getLogger(AxonConfig.class);

    /** The clock of every write: UTC, to the millisecond, as the contract shows {@code recordedAt}. */
    @Bean
    Clock ledgerClock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictRequests() {
        return builder -> builder.postConfigurer(LedgerJson::strictScalars);
    }

    @Bean
    @Primary
    Serializer serializer() {
        return jsonSerializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return jsonSerializer();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return jsonSerializer();
    }

    private static Serializer jsonSerializer() {
        ObjectMapper mapper = LedgerJson.eventMapper();
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * The event store's engine, as Axon's auto-configuration makes it, with two changes. Events are
     * fetched 1,000 at a time instead of 100 (a rebuild, an as-of read or a processor catching up
     * reads whole histories). And a tracking token's gaps (indexes of transactions that had not
     * committed, or never will: a command killed mid-import leaves thousands) are fetched by a query
     * of their own, joined with UNION ALL: Axon's one query with "range OR index IN (gaps)" is
     * answered by H2 with a scan of the whole event table, once per batch. A large batch of new events
     * is serialised in parallel before it is appended ({@link #appendSerialisedInParallel}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer serializer, PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connections, TransactionManager transactions,
                                          EventSchema schema) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connections)
                .transactionManager(transactions)
                .schema(schema)
                .batchSize(1_000)
                .readEventDataWithGaps(AxonConfig::readEventsAndGaps)
                .lastSequenceNumberFor(AxonConfig::lastSequenceNumber)
                .appendEvents(AxonConfig::appendSerialisedInParallel)
                .build();
    }

    /** From how many events a command's events are serialised in parallel. */
    private static final int SERIALISED_IN_PARALLEL_FROM = 256;

    /**
     * Axon's insert of a command's events, after serialising their payloads on every core when there
     * are many: a 10,000-row import is one command, its events' JSON forms do not depend on each other,
     * and while the command runs the other core is otherwise idle. A message keeps each form it was
     * serialised to, so the insert (and the digest chain after it) take them from the message.
     */
    static PreparedStatement appendSerialisedInParallel(Connection connection, EventSchema schema, Class<?> dataType,
                                                        List<? extends EventMessage<?>> events, Serializer serializer,
                                                        TimestampWriter timestamps) throws SQLException {
        if (events.size() >= SERIALISED_IN_PARALLEL_FROM) {
            events.parallelStream().forEach(event -> {
                event.serializePayload(serializer, dataType);
                event.serializeMetaData(serializer, dataType);
            });
        }
        return JdbcEventStorageEngineStatements.appendEvents(connection, schema, dataType, events, serializer, timestamps);
    }

    /**
     * A project's last sequence number, read from the end of the (project, sequence) index. Axon's
     * {@code MAX(sequence_number) … WHERE aggregate_identifier = ?} makes H2 2.3 walk all of the project's
     * index entries, and so does an order by the sequence alone: 30 to 50 ms at 100,000 events, on every
     * command (the project's row lock asks for it). Ordered by both of the index's columns, H2 reads one
     * entry; PostgreSQL reads the index backwards either way.
     */
    static PreparedStatement lastSequenceNumber(Connection connection, EventSchema schema, String aggregateIdentifier)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement("SELECT " + schema.sequenceNumberColumn() + " FROM "
                + schema.domainEventTable() + " WHERE " + schema.aggregateIdentifierColumn() + " = ? ORDER BY "
                + schema.aggregateIdentifierColumn() + " DESC, " + schema.sequenceNumberColumn() + " DESC LIMIT 1");
        statement.setString(1, aggregateIdentifier);
        return statement;
    }

    /** The events after a token's index, and those at its gaps: two index range scans, in order. */
    static PreparedStatement readEventsAndGaps(Connection connection, EventSchema schema, long globalIndex,
                                               int batchSize, List<Long> gaps) throws SQLException {
        String select = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable() + " WHERE ";
        String sql = select + schema.globalIndexColumn() + " > ? AND " + schema.globalIndexColumn() + " <= ?"
                + " UNION ALL " + select + schema.globalIndexColumn() + " IN ("
                + String.join(",", Collections.nCopies(gaps.size(), "?")) + ")"
                + " ORDER BY " + schema.globalIndexColumn() + " ASC";
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 3, gaps.get(i));
        }
        return statement;
    }

    /**
     * The token store, as Axon's auto-configuration would make it, but with an owner name of its own
     * for every start of the application: two instances in one JVM (or a restart that reuses a
     * process id) must never take each other's claim on a segment for their own, or both would
     * project the same events.
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connections, Serializer serializer, TokenSchema schema,
                          @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        return JdbcTokenStore.builder()
                .connectionProvider(connections)
                .schema(schema)
                .serializer(serializer)
                .claimTimeout(claimTimeout)
                .nodeId(ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID())
                .build();
    }

    /**
     * A duplicate (project, sequence) on append is a concurrency conflict, to be retried, not a
     * failure. PostgreSQL reports it only by SQL state 23505 (H2 likewise), which this resolver
     * reads; Axon's default looks for a JDBC exception subclass that the PostgreSQL driver never
     * throws.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver();
    }

    /**
     * The project aggregate, cached and snapshotted: with the cache a command costs the same on a
     * project with ten contributions and one with a hundred thousand; snapshots bound the cost of
     * loading a project that is not in the cache (after a restart, or on another instance).
     */
    @Bean
    ConfigurerModule projectAggregate(@Value("${ledger.snapshot-every:500}") int snapshotEvery,
                                      @Qualifier("snapshots") ExecutorService snapshots, Cache cache,
                                      ObjectProvider<ReadYourWrites> readYourWrites) {
        // A snapshot waits until the projection has caught up: after a bulk import it loads and writes
        // the project's whole state, which on two cores would slow the projection everyone waits for.
        Executor afterTheProjection = task -> snapshots.execute(() -> {
            readYourWrites.getObject().awaitCaughtUp();
            task.run();
        });
        return configurer -> configurer.configureAggregate(
                AggregateConfigurer.defaultConfiguration(ProjectAggregate.class)
                        .configureCache(c -> cache)
                        .configureSnapshotTrigger(c -> new GrowingSnapshotTrigger(
                                projectSnapshotter(c, afterTheProjection), snapshotEvery)));
    }

    /**
     * The projects this instance keeps in memory, held strongly and at most {@code ledger.cached-projects}
     * of them (least recently used go first). Axon's default, a cache of weak references, is emptied by
     * every garbage collection, and under load that is about once a second: each miss then loads a
     * snapshot (megabytes for a long history) and replays the events since, inside the project's lock.
     * A cached project that another instance's write made stale is evicted by {@code write/ProjectRowLock}.
     */
    @Bean(destroyMethod = "close")
    CacheManager projectCacheManager(@Value("${ledger.cached-projects:256}") long cachedProjects) {
        return CacheManagerBuilder.newCacheManagerBuilder()
                .withCache("projects", CacheConfigurationBuilder.newCacheConfigurationBuilder(Object.class,
                        Object.class, ResourcePoolsBuilder.heap(cachedProjects)))
                .build(true);
    }

    @Bean
    Cache projectCache(CacheManager projectCacheManager) {
        // On the heap an Ehcache keeps the object itself, not a copy, which is what an aggregate cache needs.
        return new EhCache3Adapter((Ehcache<?, ?>) projectCacheManager.getCache("projects", Object.class, Object.class));
    }

    /**
     * A snapshotter that knows the project aggregate. (The one Spring Boot provides knows only
     * aggregates declared with Axon's Spring stereotype, which ledger-core, free of Spring, does not
     * use.) The snapshot is taken after the command's commit, in a transaction of its own, on a thread
     * of its own: taken on the command's thread it ran while the command still held the project's
     * lock, and waited for a database connection that the commands queued behind that lock were
     * holding (a stall of the connection pool's whole timeout).
     */
    private static AggregateSnapshotter projectSnapshotter(org.axonframework.config.Configuration c,
                                                           Executor snapshots) {
        return AggregateSnapshotter.builder()
                .eventStore(c.eventStore())
                .aggregateFactories(new GenericAggregateFactory<>(ProjectAggregate.class))
                .transactionManager(c.getComponent(TransactionManager.class))
                .executor(snapshots)
                .build();
    }

    /** The thread that takes snapshots, one at a time; stopped with the application. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService snapshots() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "snapshots");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A failing handler must never be skipped: a projection's failure stops its processor (which
     * retries) rather than leaving a read model that silently misses an event. The digest chain
     * registers its own, beside it ({@code audit/DigestChainConfig}).
     */
    @Bean
    ConfigurerModule failLoudly() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(LedgerProjector.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance());
    }

    /**
     * Wakes the requests that wait to read their own writes as soon as a batch of the ledger processor
     * in this instance has committed, instead of leaving them to their next poll of the token table.
     * Once per batch: the batch's unit of work keeps the mark.
     */
    @Bean
    ConfigurerModule wakeReadersOnCommit(ObjectProvider<ReadYourWrites> readYourWrites) {
        String registered = ReadYourWrites.class.getName() + ".wake";
        return configurer -> configurer.eventProcessing().registerHandlerInterceptor(LedgerProjector.PROCESSING_GROUP,
                c -> (unitOfWork, chain) -> {
                    UnitOfWork<?> batch = unitOfWork.root();
                    batch.getOrComputeResource(registered, key -> {
                        batch.afterCommit(u -> readYourWrites.getObject().projectionCommitted());
                        return Boolean.TRUE;
                    });
                    return chain.proceed();
                });
    }

    /** The ledger processor's meters, registered once: see {@code metrics/LedgerProcessorMeters}. */
    @Bean
    LedgerProcessorMeters ledgerProcessorMeters(MeterRegistry registry) {
        return new LedgerProcessorMeters(LedgerProjector.PROCESSING_GROUP, registry);
    }

    @Bean
    ConfigurerModule ledgerProcessorMonitor(LedgerProcessorMeters meters) {
        return configurer -> configurer.eventProcessing()
                .registerMessageMonitor(LedgerProjector.PROCESSING_GROUP, c -> meters);
    }

    /**
     * Events carry no correlation metadata. Axon's default provider copies the command's message id
     * and trace id into every event it causes, and every handler of every event reads them back; nothing
     * in the ledger reads them (an event's project and sequence say where it belongs, its digest covers
     * its payload only), and in a 10,000-row import reading them was a twelfth of the projection's time.
     */
    @Bean
    CorrelationDataProvider noCorrelationData() {
        return message -> Collections.emptyMap();
    }

    /**
     * One project's failure must not stop every project: an event the ledger projection cannot handle
     * is parked in a sequenced dead-letter queue (JDBC, in the ledger's own database, committed with
     * the processor's batch), with the project as its sequence, so that project's later events wait
     * behind it and every other project keeps projecting. The failure is logged at ERROR once, when
     * the event is first parked, not on every retry. A rebuild that succeeds clears the queue, since its
     * new generation holds every event. See {@code projection/ParkedProjects}.
     */
    @Bean
    ConfigurerModule parkFailingProjects(ConnectionProvider connections) {
        return configurer -> configurer.eventProcessing()
                .registerDeadLetterQueue(LedgerProjector.PROCESSING_GROUP, c -> JdbcSequencedDeadLetterQueue.builder()
                        .processingGroup(LedgerProjector.PROCESSING_GROUP)
                        .connectionProvider(connections)
                        .transactionManager(c.getComponent(TransactionManager.class))
                        .schema(DEAD_LETTERS)
                        .genericSerializer(c.serializer())
                        .eventSerializer(c.eventSerializer())
                        .maxSequences(100_000)
                        .maxSequenceSize(1_000_000)
                        .build())
                .registerDeadLetterPolicy(LedgerProjector.PROCESSING_GROUP, c -> AxonConfig::parkOnce)
                // Remembers which projects have nothing parked, instead of asking the queue's table
                // before every event (an import brings thousands).
                .registerDeadLetteringEventHandlerInvokerConfiguration(LedgerProjector.PROCESSING_GROUP,
                        (c, invoker) -> invoker.enableSequenceIdentifierCache());
    }

    /** The columns of {@code dead_letter_entry} (migration V6). */
    private static final DeadLetterSchema DEAD_LETTERS = DeadLetterSchema.builder()
            .deadLetterTable("dead_letter_entry")
            .deadLetterIdentifierColumn("dead_letter_id")
            .processingGroupColumn("processing_group")
            .sequenceIdentifierColumn("sequence_identifier")
            .sequenceIndexColumn("sequence_index")
            .messageTypeColumn("message_type")
            .eventIdentifierColumn("event_identifier")
            .timestampColumn("time_stamp")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .aggregateTypeColumn("aggregate_type")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .tokenTypeColumn("token_type")
            .tokenColumn("token")
            .enqueuedAtColumn("enqueued_at")
            .lastTouchedColumn("last_touched")
            .processingStartedColumn("processing_started")
            .causeTypeColumn("cause_type")
            .causeMessageColumn("cause_message")
            .diagnosticsColumn("diagnostics")
            .build();

    private static final String REPORTED = "reported";
    private static final int CAUSE_LENGTH = 1024;

    private static EnqueueDecision<EventMessage<?>> parkOnce(DeadLetter<? extends EventMessage<?>> letter,
                                                             Throwable cause) {
        if (!letter.diagnostics().containsKey(REPORTED)) {
            EventMessage<?> event = letter.message();
            log.error("The ledger projection cannot handle {} {} of project {}; the project is parked (its read "
                            + "models stay behind, every other project goes on). Fix the cause, then POST "
                            + "/api/admin/projections/parked/retry.", event.getPayloadType().getSimpleName(),
                    event instanceof DomainEventMessage<?> d ? d.getSequenceNumber() : "?",
                    event instanceof DomainEventMessage<?> d ? d.getAggregateIdentifier() : "?", cause);
        }
        String message = String.valueOf(cause.getMessage());
        Throwable kept = message.length() <= CAUSE_LENGTH ? cause
                : new IllegalStateException(message.substring(0, CAUSE_LENGTH));
        return Decisions.enqueue(kept, l -> l.diagnostics().and(REPORTED, "true"));
    }

    /**
     * Two commands racing on one project: the second append conflicts on (project, sequence) and is
     * retried on fresh state, where its checks run again. Rejections are not retried.
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetries) {
        IntervalRetryScheduler.Builder retries = IntervalRetryScheduler.builder()
                .retryExecutor(commandRetries)
                .maxRetryCount(5)
                .retryInterval(20);
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new IntervalRetryScheduler(retries) {
                    // Judged on the whole failure once. (A predicate given to the builder is also asked
                    // about each cause on its own, and the SQL error under a conflict is no conflict, so
                    // conflicts were never retried.)
                    @Override
                    protected boolean isExplicitlyNonTransient(Throwable failure) {
                        return notAConcurrencyConflict(failure);
                    }
                })
                .build();
    }

    /** The thread that retries conflicting commands; stopped with the application. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService commandRetries() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "command-retries");
            t.setDaemon(true);
            return t;
        });
    }

    private static boolean notAConcurrencyConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrencyException) {
                return false;
            }
        }
        return true;
    }
}
