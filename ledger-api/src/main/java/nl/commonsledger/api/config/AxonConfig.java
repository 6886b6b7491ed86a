package nl.commonsledger.api.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import nl.commonsledger.api.audit.DigestRecorder;
import nl.commonsledger.core.project.ProjectAggregate;
import nl.commonsledger.projections.ledger.LedgerProjector;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Axon without Axon Server: the event store, token store and snapshots live in the ledger's own
 * database (tables owned by Flyway), serialised as JSON.
 */
@Configuration
public class AxonConfig {

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
                                      ExecutorService snapshots) {
        Cache cache = new WeakReferenceCache();
        return configurer -> configurer.configureAggregate(
                AggregateConfigurer.defaultConfiguration(ProjectAggregate.class)
                        .configureCache(c -> cache)
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(
                                projectSnapshotter(c, snapshots), snapshotEvery)));
    }

    /**
     * The thread that takes snapshots. On the command's own thread, a snapshot after a command that
     * applied many events (an import) reads them back while the command's unit of work still lists
     * them as staged, and Axon merges the two lists in quadratic time: 10,000 events took seconds.
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService snapshots() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "snapshots");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A snapshotter that knows the project aggregate. (The one Spring Boot provides knows only
     * aggregates declared with Axon's Spring stereotype, which ledger-core, free of Spring, does not
     * use.) The snapshot is taken after the command's commit, on its own thread and in a transaction
     * of its own.
     */
    private static AggregateSnapshotter projectSnapshotter(org.axonframework.config.Configuration c,
                                                           ExecutorService executor) {
        return AggregateSnapshotter.builder()
                .executor(executor)
                .eventStore(c.eventStore())
                .aggregateFactories(new GenericAggregateFactory<>(ProjectAggregate.class))
                .transactionManager(c.getComponent(TransactionManager.class))
                .build();
    }

    /**
     * A failing handler must never be skipped: the digest chain's failure rolls back the command that
     * caused it, and a projection's failure stops its processor (which retries) rather than leaving a
     * read model that silently misses an event.
     */
    @Bean
    ConfigurerModule failLoudly() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(DigestRecorder.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(LedgerProjector.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance());
    }

    /**
     * Two commands racing on one project: the second append conflicts on (project, sequence) and is
     * retried on fresh state, where its checks run again. Rejections are not retried.
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetries) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(IntervalRetryScheduler.builder()
                        .retryExecutor(commandRetries)
                        .nonTransientFailurePredicate(AxonConfig::notAConcurrencyConflict)
                        .maxRetryCount(5)
                        .retryInterval(20)
                        .build())
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
