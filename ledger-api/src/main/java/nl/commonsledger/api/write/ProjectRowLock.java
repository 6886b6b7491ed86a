package nl.commonsledger.api.write;

import nl.commonsledger.core.project.ProjectCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serialises the commands of one project across instances, in the database that they share, and
 * makes sure each command is judged on the project as it is stored. Inside the command's
 * transaction, before the aggregate is loaded, it locks the project's first event (its
 * {@code ProjectCreated}, which is never updated, so readers are not held up), and then compares the
 * project's last stored sequence number with the last one this instance stored or loaded: if another
 * instance wrote in between, the cached copy is stale and is evicted, so the aggregate is loaded
 * afresh. A stale copy would otherwise refuse a valid command (a member another instance just added
 * is unknown to it), and refusals are answered at once, never retried. Within one instance,
 * {@link ProjectLocks} already lets one command per project through, so at most one transaction per
 * instance waits here.
 */
@Component
public class ProjectRowLock implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final JdbcTemplate jdbc;
    private final Cache cache;
    private final String lockSql;
    private final EventStore eventStore;
    /** Per project, the last sequence number this instance's cached copy is known to have. */
    private final Map<String, Long> cachedUpTo = new ConcurrentHashMap<>();

    public ProjectRowLock(JdbcTemplate jdbc, EventSchema events, Cache projectCache, EventStore eventStore) {
        this.jdbc = jdbc;
        this.cache = projectCache;
        this.lockSql = "SELECT " + events.sequenceNumberColumn() + " FROM " + events.domainEventTable()
                + " WHERE " + events.aggregateIdentifierColumn() + " = ? AND " + events.sequenceNumberColumn()
                + " = 0 FOR UPDATE";
        this.eventStore = eventStore;
        // Every event this instance stores moves its project's copy on, once the command has committed.
        eventStore.registerDispatchInterceptor(messages -> {
            for (EventMessage<?> message : messages) {
                if (message instanceof DomainEventMessage<?> event && CurrentUnitOfWork.isStarted()) {
                    CurrentUnitOfWork.get().afterCommit(u ->
                            cachedUpTo.merge(event.getAggregateIdentifier(), event.getSequenceNumber(), Math::max));
                }
            }
            return (index, message) -> message;
        });
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (unitOfWork.getMessage().getPayload() instanceof ProjectCommand command) {
            String projectId = command.projectId();
            // No row yet while the project is being created: its creation races on the unique key instead.
            jdbc.queryForList(lockSql, Long.class, projectId);
            Long last = eventStore.lastSequenceNumberFor(projectId).orElse(null);
            if (last != null && !last.equals(cachedUpTo.get(projectId))) {
                // Loaded afresh now, under the lock: as stored up to last.
                cache.remove(projectId);
                cachedUpTo.put(projectId, last);
            }
        }
        return chain.proceed();
    }
}
