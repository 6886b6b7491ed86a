package nl.commonsledger.api.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import nl.commonsledger.core.project.RejectedException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * The ledger's own meters, beside Axon's (commands, events, processor lag) in {@code /actuator/prometheus}:
 * <ul>
 *   <li>{@code ledger_commands_total{command}}: commands committed, by type (a booking is
 *       {@code RecordContribution});</li>
 *   <li>{@code ledger_rejections_total{reason}}: commands refused by a rule, by {@code Rejection};</li>
 *   <li>{@code ledger_idempotent_replays_total}: answers given again for a retried Idempotency-Key;</li>
 *   <li>{@code ledger_read_your_writes_seconds{outcome}}: how long writes waited for the read models,
 *       {@code visible} or {@code pending} (not shown within the bound).</li>
 * </ul>
 * Counted on the command bus, so every sender (HTTP, import, demo data) is counted the same way.
 */
@Component
public class LedgerMetrics implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final MeterRegistry registry;
    private final Counter replays;

    public LedgerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.replays = Counter.builder("ledger.idempotent.replays")
                .description("Answers given again for a retried Idempotency-Key").register(registry);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        String command = unitOfWork.getMessage().getPayloadType().getSimpleName();
        try {
            Object result = chain.proceed();
            unitOfWork.afterCommit(u -> registry.counter("ledger.commands", "command", command).increment());
            return result;
        } catch (RejectedException e) {
            registry.counter("ledger.rejections", "reason", e.rejection().name()).increment();
            throw e;
        }
    }

    public void idempotentReplay() {
        replays.increment();
    }

    /** A write's wait for the read models; {@code visible} false when it ran out of time. */
    public void readYourWritesWait(Duration waited, boolean visible) {
        Timer.builder("ledger.read.your.writes").tag("outcome", visible ? "visible" : "pending")
                .description("How long writes waited for the read models").register(registry).record(waited);
    }
}
