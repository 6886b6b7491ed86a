package nl.commonsledger.api.projection;

import nl.commonsledger.core.project.ProjectEvent.ContributionRecorded;
import nl.commonsledger.projections.generation.ReadModel;
import nl.commonsledger.projections.ledger.LedgerProjector;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A read model of nothing but a count, for {@link SecondReadModelTest}, which fails on the contributions referenced "poison" while armed.
 * Only in an application started with {@code test.second-read-model=true}.
 */
@Component
@ConditionalOnProperty("test.second-read-model")
@ProcessingGroup(LedgerProjector.PROCESSING_GROUP)
public class FailingReadModel implements ReadModel {
    static final AtomicBoolean ARMED = new AtomicBoolean(true);
    static final AtomicInteger SEEN = new AtomicInteger();

    @Override
    public List<String> tables() {
        return List.of();
    }

    @EventHandler
    void on(ContributionRecorded e) {
        if ("poison".equals(e.reference()) && ARMED.get()) {
            throw new IllegalStateException("planted failure of a second read model");
        }
        SEEN.incrementAndGet();
    }
}

