package nl.commonsledger.api.idempotency;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;

/**
 * Stores an idempotency claim inside the command's unit of work, before the command is handled.
 * The command bus opens the transaction before any handler interceptor registered later runs, so the
 * claim and the events commit together or not at all: a crash can never keep the booking and forget
 * the key, nor the reverse. Two requests racing with one key collide on the claim's primary key, and
 * the loser books nothing.
 */
@Component
public class IdempotencyInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    /** Axon registers every handler interceptor bean on the command bus, after its transaction interceptor. */
    public IdempotencyInterceptor(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object claim = unitOfWork.getMessage().getMetaData().get(IdempotencyClaim.METADATA_KEY);
        if (claim instanceof IdempotencyClaim c) {
            jdbc.update("INSERT INTO idempotency_record (caller, idem_key, http_method, request_path, request_hash, "
                            + "status, resource, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    c.caller(), c.key(), c.method(), c.path(), c.requestHash(), c.status(), c.resource(),
                    Timestamp.from(clock.instant()));
        }
        return chain.proceed();
    }
}
