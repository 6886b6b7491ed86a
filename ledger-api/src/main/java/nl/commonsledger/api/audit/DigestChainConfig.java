package nl.commonsledger.api.audit;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the digest chain's processor is run, kept beside {@link DigestRecorder}.
 */
@Configuration
public class DigestChainConfig {

    /**
     * A failure is never skipped, but propagates, so that it rolls back the command that caused it. A
     * ledger whose chain does not cover an event must not store it.
     */
    @Bean
    ConfigurerModule digestChainFailsLoudly() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(DigestRecorder.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance());
    }

    /**
     * No meters of its own: it handles exactly the events {@code eventStore_*} counts, inside the command
     * whose time {@code commandBus_*} measures. Axon's tagged meters cost four timer look-ups per event,
     * which in a 10,000-row import was a twelfth of the command's time.
     */
    @Bean
    ConfigurerModule digestChainHasNoMeters() {
        return configurer -> configurer.eventProcessing()
                .registerMessageMonitor(DigestRecorder.PROCESSING_GROUP, c -> NoOpMessageMonitor.instance());
    }
}
