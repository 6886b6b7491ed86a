package nl.commonsledger.api.write;

import org.springframework.stereotype.Component;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Lets one command per project at a time into the command bus of this instance. A command's
 * transaction takes a database connection before the aggregate's lock, so without this a crowd of
 * writers on one project each held a pooled connection while it waited for that project's lock,
 * and starved everything else that needed a connection (other projects, the projection, snapshots).
 * Waiting here holds no connection. Fair, so writers are served in arrival order. Striped, so the
 * number of locks is fixed however many projects there are; two projects that share a stripe
 * merely take turns. Across instances, commands still race and are resolved by the event store's
 * (project, sequence) key.
 */
@Component
public class ProjectLocks {

    private static final int STRIPES = 256;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public ProjectLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock(true);
        }
    }

    public <T> T withLock(String projectId, Supplier<T> work) {
        ReentrantLock lock = locks[Math.floorMod(projectId.hashCode(), STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
