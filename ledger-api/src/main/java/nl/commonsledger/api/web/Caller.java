package nl.commonsledger.api.web;

import nl.commonsledger.core.project.Attribution;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Who is calling, for attribution (rule 10) and for scoping idempotency keys. The service has one
 * caller identity until authentication is in place; then this is the authenticated user, and never a
 * value the client sends.
 */
@Component
public class Caller {

    private final Clock clock;

    public Caller(Clock clock) {
        this.clock = clock;
    }

    public String id() {
        return "anonymous";
    }

    /** The attribution of a write made now by this caller. */
    public Attribution attribution() {
        return new Attribution(id(), clock.instant());
    }
}
