package nl.commonsledger.api.projection;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The ledger projection in {@code /actuator/health}: UP while every project projects, DEGRADED while
 * some project is parked (the service still answers, and that project's figures are behind). The
 * status says how many are parked and where to look; which projects and events, it does not say to an
 * anonymous caller, since a project's existence is not disclosed: an administrator reads them at
 * {@code /api/admin/projections/parked}.
 */
@Component
public class LedgerProjectionHealthIndicator implements HealthIndicator {

    /** Serving, but not every read model is current. Ordered between DOWN and UP (application.yml). */
    public static final String DEGRADED = "DEGRADED";

    private final ParkedProjects parked;

    public LedgerProjectionHealthIndicator(ParkedProjects parked) {
        this.parked = parked;
    }

    @Override
    public Health health() {
        List<ParkedProjects.Parked> list = parked.list();
        if (list.isEmpty()) {
            return Health.up().build();
        }
        return Health.status(new Status(DEGRADED, list.size() + " project(s) parked at an event the ledger projection "
                + "could not handle; their figures are behind. See GET /api/admin/projections/parked.")).build();
    }
}
