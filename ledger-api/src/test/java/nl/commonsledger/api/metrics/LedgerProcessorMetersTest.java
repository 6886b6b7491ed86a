package nl.commonsledger.api.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.monitoring.MessageMonitor.MonitorCallback;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LedgerProcessorMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LedgerProcessorMeters meters = new LedgerProcessorMeters("ledger", registry);

    @Test
    void countsEachOutcomeUnderAxonsNames() {
        meters.onMessageIngested(event(Instant.now())).reportSuccess();
        meters.onMessageIngested(event(Instant.now())).reportSuccess();
        MonitorCallback failing = meters.onMessageIngested(event(Instant.now()));
        failing.reportFailure(new IllegalStateException("no weight"));
        meters.onMessageIngested(event(Instant.now())).reportIgnored();

        assertThat(count("eventProcessor.ingestedCounter")).isEqualTo(4);
        assertThat(count("eventProcessor.successCounter")).isEqualTo(2);
        assertThat(count("eventProcessor.failureCounter")).isEqualTo(1);
        assertThat(count("eventProcessor.processedCounter")).isEqualTo(3);
        assertThat(count("eventProcessor.ignoredCounter")).isEqualTo(1);
    }

    @Test
    void latencyIsFromTheLastEventsTimeStampToItsHandling() {
        assertThat(latency()).as("nothing handled yet").isZero();

        meters.onMessageIngested(event(Instant.now().minusSeconds(90))).reportSuccess();
        assertThat(latency()).isCloseTo(90_000, within(5_000.0));

        meters.onMessageIngested(event(Instant.now().minusMillis(20))).reportSuccess();
        assertThat(latency()).isCloseTo(20, within(5_000.0)).isLessThan(90_000);
    }

    private double count(String name) {
        return registry.get(name).tag("processorName", "ledger").counter().count();
    }

    private double latency() {
        return registry.get("eventProcessor.latency").tag("processorName", "ledger").gauge().value();
    }

    private static GenericEventMessage<String> event(Instant timestamp) {
        return new GenericEventMessage<>(GenericEventMessage.asEventMessage("payload"), () -> timestamp);
    }
}
