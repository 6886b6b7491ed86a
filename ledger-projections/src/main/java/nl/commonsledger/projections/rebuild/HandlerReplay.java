package nl.commonsledger.projections.rebuild;

import nl.commonsledger.projections.generation.Generation;
import nl.commonsledger.projections.generation.ReadModel;
import nl.commonsledger.projections.generation.ReadModelTables;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.transaction.support.TransactionOperations;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Hands stored events to read models' own event handlers, projecting into a generation that need not
 * serve. A rebuild fills every read model it does not fold in memory this way, and projects the
 * events stored while it ran into the new generation before it switches. Events go in units of work
 * of up to {@value #BATCH}, as a processor's batch would, each in a transaction of its own.
 */
public final class HandlerReplay {

    private static final int BATCH = 1_000;

    private final List<AnnotationEventHandlerAdapter> handlers = new ArrayList<>();
    private final Generation target;
    private final TransactionOperations transactions;
    private final List<EventMessage<?>> batch = new ArrayList<>();

    public HandlerReplay(Collection<? extends ReadModel> readModels, Generation target, TransactionOperations transactions) {
        readModels.forEach(model -> handlers.add(new AnnotationEventHandlerAdapter(model)));
        this.target = target;
        this.transactions = transactions;
    }

    /** Takes the next stored event; one that none of the read models handles is passed over. */
    public void accept(EventMessage<?> message) {
        if (handlers.stream().anyMatch(h -> h.canHandle(message))) {
            batch.add(message);
            if (batch.size() >= BATCH) {
                flush();
            }
        }
    }

    /** Projects the events taken so far. */
    public void flush() {
        if (batch.isEmpty()) {
            return;
        }
        List<EventMessage<?>> messages = List.copyOf(batch);
        batch.clear();
        transactions.executeWithoutResult(status -> {
            BatchingUnitOfWork<EventMessage<?>> unit = new BatchingUnitOfWork<>(messages);
            unit.resources().put(ReadModelTables.TARGET, target);
            ResultMessage<?> result = unit.executeWithResult(() -> {
                EventMessage<?> message = (EventMessage<?>) CurrentUnitOfWork.get().getMessage();
                for (AnnotationEventHandlerAdapter h : handlers) {
                    if (h.canHandle(message)) {
                        h.handle(message);
                    }
                }
                return null;
            });
            if (result.isExceptional()) {
                throw new IllegalStateException("cannot project into the " + target + " generation: "
                        + result.exceptionResult().getMessage(), result.exceptionResult());
            }
        });
    }
}
