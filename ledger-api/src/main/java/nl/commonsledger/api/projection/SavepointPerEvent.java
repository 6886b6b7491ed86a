package nl.commonsledger.api.projection;

import nl.commonsledger.projections.ledger.LedgerProjector;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs each of the ledger projector's event handlers in a savepoint of the processor's batch
 * transaction. A handler that fails part-way (a row inserted, then an error) is rolled back to the
 * savepoint before the dead-letter queue parks its event, so a parked event leaves no half-written
 * read model, while the rest of the batch (other projects' events) commits with the token. Axon
 * applies every {@link HandlerEnhancerDefinition} bean to the handlers it builds.
 * (New contributions are written in bulk when the batch commits, see {@link LedgerProjector}.)
 */
@Component
public class SavepointPerEvent implements HandlerEnhancerDefinition {

    private final TransactionTemplate savepoint;

    public SavepointPerEvent(PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!LedgerProjector.class.equals(original.declaringClass())) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                // Rows that earlier events of the batch left pending are theirs: written before this
                // event's savepoint opens, they stay when this event fails and is parked.
                if (LedgerProjector.writtenWithTheBatch(message.getPayload())) {
                    // Its handler writes nothing itself: there is nothing for a savepoint to undo.
                    return super.handle(message, target);
                }
                if (target instanceof LedgerProjector projector) {
                    projector.writePending();
                }
                try {
                    return savepoint.execute(status -> {
                        try {
                            return super.handle(message, target);
                        } catch (RuntimeException e) {
                            throw e;
                        } catch (Exception e) {
                            throw new CheckedFailure(e);
                        }
                    });
                } catch (CheckedFailure e) {
                    throw (Exception) e.getCause();
                }
            }
        };
    }

    /** Carries a handler's checked exception through the transaction callback, which cannot throw one. */
    private static final class CheckedFailure extends RuntimeException {
        CheckedFailure(Exception cause) {
            super(cause);
        }
    }
}
