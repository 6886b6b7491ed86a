package nl.commonsledger.api.write;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

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

    private final IdempotencyRecords records;
    private final Clock clock;

    /** Axon registers every handler interceptor bean on the command bus, after its transaction interceptor. */
    public IdempotencyInterceptor(IdempotencyRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object claim = unitOfWork.getMessage().getMetaData().get(IdempotencyClaim.METADATA_KEY);
        if (claim instanceof IdempotencyClaim c) {
            records.insert(c, clock.instant());
        }
        return chain.proceed();
    }
}
