package nl.commonsledger.api.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The store has no users and no way was given to create the first administrator. */
public class NoAdministrator extends IllegalStateException {

    public NoAdministrator(String message) {
        super(message);
    }

    /** Turns the failure into Spring Boot's plain "APPLICATION FAILED TO START" report, without a stack trace. */
    public static class Analyzer extends AbstractFailureAnalyzer<NoAdministrator> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, NoAdministrator cause) {
            return new FailureAnalysis(cause.getMessage(),
                    "Start with LEDGER_ADMIN_PASSWORD=<at least 12 characters> to create the administrator 'admin', "
                            + "or with --ledger.demo=true to create the demo users listed in the README.", cause);
        }
    }
}
