package nl.commonsledger.api.audit;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the digest chain's processor treats a failure, kept beside {@link DigestRecorder}: it is never
 * skipped, but propagates, so that it rolls back the command that caused it. A ledger whose chain
 * does not cover an event must not store it.
 */
@Configuration
public class DigestChainConfig {

    @Bean
    ConfigurerModule digestChainFailsLoudly() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(DigestRecorder.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance());
    }
}
