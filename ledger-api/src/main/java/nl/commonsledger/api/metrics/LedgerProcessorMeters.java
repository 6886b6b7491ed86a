package nl.commonsledger.api.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;


/**
 * The {@code ledger} processor's meters, under the names Axon's own event-processor monitors use
 * ({@code eventProcessor_ingestedCounter}, {@code _processedCounter}, {@code _successCounter},
 * {@code _failureCounter}, {@code _ignoredCounter} and {@code eventProcessor_latency}, tagged
 * {@code processorName}), registered once instead of looked up for every event.
 * <p>
 * Axon's monitors build the tags and find four timers, five counters and a gauge in the registry for
 * each event, and parse the event's stored time stamp to set the latency: in a 10,000-row import that
 * was a seventh of the projection's time. Here the counters are fields, there are no per-payload-type
 * timers, and the latency (the time from the last handled event's time stamp to its handling) is worked
 * out when a scrape reads it, from the last event and when it was handled.
 */
public final class LedgerProcessorMeters implements MessageMonitor<Message<?>> {

    private final Counter ingested;
    private final Counter processed;
    private final Counter success;
    private final Counter failure;
    private final Counter ignored;
    private volatile Handled last;

    private record Handled(EventMessage<?> event, long handledAtMillis) {
        long latencyMillis() {
            return handledAtMillis - event.getTimestamp().toEpochMilli();
        }
    }

    public LedgerProcessorMeters(String processorName, MeterRegistry registry) {
        this.ingested = counter("ingestedCounter", processorName, registry);
        this.processed = counter("processedCounter", processorName, registry);
        this.success = counter("successCounter", processorName, registry);
        this.failure = counter("failureCounter", processorName, registry);
        this.ignored = counter("ignoredCounter", processorName, registry);
        Gauge.builder("eventProcessor.latency", this, LedgerProcessorMeters::latencyMillis)
                .tag("processorName", processorName)
                .description("Milliseconds from the time stamp of the last event handled to its handling")
                .register(registry);
    }

    private static Counter counter(String name, String processorName, MeterRegistry registry) {
        return Counter.builder("eventProcessor." + name).tag("processorName", processorName).register(registry);
    }

    /** Zero until the first event (an idle processor that has handled nothing is not behind). */
    double latencyMillis() {
        Handled handled = last;
        return handled == null ? 0 : handled.latencyMillis();
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        ingested.increment();
        if (message instanceof EventMessage<?> event) {
            last = new Handled(event, System.currentTimeMillis());
        }
        return callback;
    }

    private final MonitorCallback callback = new MonitorCallback() {
        @Override
        public void reportSuccess() {
            processed.increment();
            success.increment();
        }

        @Override
        public void reportFailure(Throwable cause) {
            processed.increment();
            failure.increment();
        }

        @Override
        public void reportIgnored() {
            ignored.increment();
        }
    };
}
