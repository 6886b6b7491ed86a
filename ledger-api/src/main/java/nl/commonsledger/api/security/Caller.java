package nl.commonsledger.api.security;

import nl.commonsledger.core.project.Attribution;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Who is calling, for attribution (rule 10) and for scoping idempotency keys: always the signed-in
 * user, never a value the client sends.
 */
@Component
public class Caller {

    private final Clock clock;
    private final CurrentUser currentUser;

    public Caller(Clock clock, CurrentUser currentUser) {
        this.clock = clock;
        this.currentUser = currentUser;
    }

    public LedgerUser user() {
        return currentUser.require();
    }

    /** The key under which this caller's idempotency keys are kept. */
    public String id() {
        return user().username();
    }

    /** The attribution of a write made now by this caller: {@code user@organisation}, and the instant. */
    public Attribution attribution() {
        return new Attribution(user().recordedBy(), clock.instant());
    }
}
