package nl.commonsledger.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Commons Ledger: the event-sourced ledger of a consortium's shared projects. */
@SpringBootApplication(scanBasePackages = "nl.commonsledger")
public class LedgerApplication {

    public static void main(String[] args) {
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(LedgerApplication.class, args);
    }
}
