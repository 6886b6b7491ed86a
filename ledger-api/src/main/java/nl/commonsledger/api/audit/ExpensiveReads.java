package nl.commonsledger.api.audit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@code /audit} and {@code ?asOf=} replay a project's whole history, so each caller has a budget for
 * replays: a token bucket of {@code ledger.expensive-reads.burst} replays, refilled at
 * {@code ledger.expensive-reads.per-minute}. Past it the answer is 429 with {@code Retry-After}.
 *
 * <p>An as-of answer depends only on the history, so it is kept per project head (the sequence number
 * of its newest event): asked again while nothing was added, it costs one indexed lookup and none of
 * the budget. An audit is never answered from memory: its point is to read what is stored now, so that
 * an edit made behind the service's back (which adds no event and leaves the head as it was) shows at
 * once. Caffeine keeps both the answers and the buckets bounded in number and forgets them when
 * unused, so neither many projects nor many callers grow memory without limit.
 */
@Component
public class ExpensiveReads {

    private record Key(String projectId, long head, Object question) {
    }

    private final EventStore eventStore;
    private final Cache<Key, Object> answers = Caffeine.newBuilder().maximumSize(1_000)
            .expireAfterAccess(Duration.ofMinutes(30)).build();
    private final Cache<String, Bucket> budgets = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(30)).build();
    private final int burst;
    private final double perSecond;

    public ExpensiveReads(EventStore eventStore, @Value("${ledger.expensive-reads.burst:30}") int burst,
                          @Value("${ledger.expensive-reads.per-minute:60}") int perMinute) {
        this.eventStore = eventStore;
        this.burst = burst;
        this.perSecond = perMinute / 60.0;
    }

    /**
     * The answer to {@code question} (anything with equals: the kind of read and its parameters) about
     * this project as its history stands now, computed (within the caller's budget) only if not known
     * for the current head.
     */
    @SuppressWarnings("unchecked")
    public <T> T answer(String caller, String projectId, Object question, Supplier<T> compute) {
        Key key = new Key(projectId, eventStore.lastSequenceNumberFor(projectId).orElse(-1L), question);
        Object known = answers.getIfPresent(key);
        if (known != null) {
            return (T) known;
        }
        T value = budgeted(caller, compute);
        answers.put(key, value);
        return value;
    }

    /** Computes the answer if the caller's budget allows a replay now, else refuses with 429. */
    public <T> T budgeted(String caller, Supplier<T> compute) {
        long wait = budgets.get(caller, c -> new Bucket(burst)).take(burst, perSecond, System.nanoTime());
        if (wait > 0) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                    "Too many audits and as-of reads that need a replay; try again in " + wait + " seconds.");
            problem.setTitle("Too many expensive reads");
            ErrorResponseException refusal = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null);
            refusal.getHeaders().set("Retry-After", String.valueOf(wait));
            throw refusal;
        }
        return compute.get();
    }

    /** A token bucket: {@code tokens} replays left, refilled continuously. */
    private static final class Bucket {
        private double tokens;
        private long lastNanos = System.nanoTime();

        Bucket(int burst) {
            tokens = burst;
        }

        /** Takes a token and answers 0, or answers how many seconds until one is there. */
        synchronized long take(int burst, double perSecond, long nowNanos) {
            tokens = Math.min(burst, tokens + (nowNanos - lastNanos) / 1e9 * perSecond);
            lastNanos = nowNanos;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
        }
    }
}
