package nl.commonsledger.api.write;

import nl.commonsledger.core.project.ProjectCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Serialises the commands of one project across instances, in the database that they share: inside
 * the command's transaction, before the aggregate is loaded, it locks the project's first event
 * (its {@code ProjectCreated}, which is never updated, so readers are not held up). An instance whose
 * cached copy of the project is stale still conflicts once on (project, sequence), and is retried on
 * fresh state, but two instances can no longer keep overtaking each other until the retries run out.
 * Within one instance, {@link ProjectLocks} already lets one command per project through, so at most
 * one transaction per instance waits here.
 */
@Component
public class ProjectRowLock implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final JdbcTemplate jdbc;
    private final String sql;

    public ProjectRowLock(JdbcTemplate jdbc, EventSchema events) {
        this.jdbc = jdbc;
        this.sql = "SELECT " + events.sequenceNumberColumn() + " FROM " + events.domainEventTable()
                + " WHERE " + events.aggregateIdentifierColumn() + " = ? AND " + events.sequenceNumberColumn()
                + " = 0 FOR UPDATE";
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (unitOfWork.getMessage().getPayload() instanceof ProjectCommand command) {
            // No row yet while the project is being created: its creation races on the unique key instead.
            jdbc.queryForList(sql, Long.class, command.projectId());
        }
        return chain.proceed();
    }
}
