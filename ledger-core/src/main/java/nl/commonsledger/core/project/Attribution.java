package nl.commonsledger.core.project;

import java.time.Instant;
import java.util.Objects;

/**
 * Who recorded a command and when (rule 10). The instant comes from the caller's clock, so the
 * domain never reads the system clock: replays and tests are deterministic, and "today" for the
 * future-date rule is derived from it in the project's time zone.
 */
public record Attribution(String recordedBy, Instant recordedAt) {

    public Attribution {
        Objects.requireNonNull(recordedBy, "recordedBy");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
