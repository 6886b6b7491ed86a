package nl.commonsledger.api.projection;

import nl.commonsledger.projections.ledger.LedgerProjector;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;


/**
 * The ledger projection in {@code /actuator/health}: UP while every project projects, DOWN while its
 * processor is failing as a whole, DEGRADED while some project is parked (the service still answers, and that project's figures are behind). The
 * status says how many are parked and where to look; which projects and events, it does not say to an
 * anonymous caller, since a project's existence is not disclosed: an administrator reads them at
 * {@code /api/admin/projections/parked}.
 */
@Component
public class LedgerProjectionHealthIndicator implements HealthIndicator {

    /** Serving, but not every read model is current. Ordered between DOWN and UP (application.yml). */
    public static final String DEGRADED = "DEGRADED";

    private final ParkedProjects parked;
    private final EventProcessingConfiguration processing;

    public LedgerProjectionHealthIndicator(ParkedProjects parked, EventProcessingConfiguration processing) {
        this.parked = parked;
        this.processing = processing;
    }

    @Override
    public Health health() {
        boolean failing = processing.eventProcessor(LedgerProjector.PROCESSING_GROUP, StreamingEventProcessor.class)
                .map(StreamingEventProcessor::isError).orElse(true);
        if (failing) {
            // The processor itself is failing (its database, say): no project's read models move.
            return Health.down().build();
        }
        // Only the count: listing reads every parked event, and health is asked often, by anyone.
        long count = parked.count();
        if (count == 0) {
            return Health.up().build();
        }
        return Health.status(new Status(DEGRADED, count + " project(s) parked at an event the ledger projection "
                + "could not handle; their figures are behind. See GET /api/admin/projections/parked.")).build();
    }
}
