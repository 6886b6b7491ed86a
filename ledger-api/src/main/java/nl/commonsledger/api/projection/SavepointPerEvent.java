package nl.commonsledger.api.projection;

import nl.commonsledger.projections.generation.ReadModel;
import nl.commonsledger.projections.ledger.LedgerProjector;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs the read models' handlers of one event in one savepoint of the processor's batch
 * transaction. A handler that fails part-way (a row inserted, then an error) is rolled back to the
 * savepoint, with whatever the event's other read models wrote before it, before the dead-letter
 * queue parks the event: a parked event is retried whole, by every read model, so none may keep a
 * part of it. The rest of the batch (other projects' events) commits with the token. Axon applies
 * every {@link HandlerEnhancerDefinition} bean to the handlers it builds.
 *
 * <p>A new contribution whose only read model is the ledger's gets no savepoint: that handler writes
 * nothing itself (its row waits for the batch, see {@link LedgerProjector}), so there is nothing to
 * undo, and a savepoint for each row of a 10,000-row import would cost.
 */
@Component
public class SavepointPerEvent implements HandlerEnhancerDefinition {

    private static final String OPEN = SavepointPerEvent.class.getName() + ".open";
    private static final TransactionDefinition NESTED =
            new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);

    private final PlatformTransactionManager transactions;
    private final ObjectProvider<LedgerProjector> ledger;
    /** The payload type of every read-model handler Axon has built. */
    private final List<Class<?>> handled = new CopyOnWriteArrayList<>();
    private final Map<Class<?>, Boolean> savepointFor = new ConcurrentHashMap<>();

    public SavepointPerEvent(PlatformTransactionManager transactions, ObjectProvider<LedgerProjector> ledger) {
        this.transactions = transactions;
        this.ledger = ledger;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!ReadModel.class.isAssignableFrom(original.declaringClass())) {
            return original;
        }
        handled.add(original.payloadType());
        savepointFor.clear();
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                if (!CurrentUnitOfWork.isStarted()) {
                    return super.handle(message, target);
                }
                UnitOfWork<?> root = CurrentUnitOfWork.get().root();
                EventSavepoint savepoint = root.getOrComputeResource(OPEN, key -> {
                    EventSavepoint opened = new EventSavepoint();
                    root.onPrepareCommit(u -> opened.release());
                    return opened;
                });
                return savepoint.around(message, () -> super.handle(message, target));
            }
        };
    }

    private boolean wantsSavepoint(Object payload) {
        return savepointFor.computeIfAbsent(payload.getClass(), type -> !LedgerProjector.writtenWithTheBatch(payload)
                || handled.stream().filter(h -> h.isAssignableFrom(type)).count() > 1);
    }

    /** The savepoint of the event whose handlers run now, within one processor batch. */
    private final class EventSavepoint {
        private String event;
        private TransactionStatus status;

        Object around(Message<?> message, Callable<Object> handler) throws Exception {
            if (!message.getIdentifier().equals(event)) {
                release();
                event = message.getIdentifier();
                if (wantsSavepoint(message.getPayload())) {
                    // Rows that earlier events of the batch left pending are theirs: written before this
                    // event's savepoint opens, they stay when this event fails and is parked.
                    ledger.ifAvailable(LedgerProjector::writePending);
                    status = transactions.getTransaction(NESTED);
                }
            }
            try {
                return handler.call();
            } catch (Exception e) {
                if (status != null) {
                    transactions.rollback(status);
                    status = null;
                }
                ledger.ifAvailable(projector -> projector.withdraw(message.getPayload()));
                throw e;
            }
        }

        void release() {
            if (status != null) {
                transactions.commit(status);
                status = null;
            }
        }
    }
}
