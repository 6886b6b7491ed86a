package nl.commonsledger.api.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The two converters of logback-spring.xml, fed events with hostile text in message and exception. */
class LogSafeConvertersTest {

    private static final String HOSTILE = "a\u001b[31mred\rcr\nlf\u2028ls\u2029ps\u0085nel\u007fdel\u0000nul";

    private static LoggingEvent event() {
        LoggerContext context = new LoggerContext();
        return new LoggingEvent("test", context.getLogger("test"), Level.ERROR, "user '{}'",
                new IllegalStateException("bad " + HOSTILE), new Object[]{HOSTILE});
    }

    @Test
    void theMessageIsOneLineWithoutControlCharacters() {
        LogSafeMessage converter = new LogSafeMessage();
        converter.setContext(new LoggerContext());
        converter.start();
        assertThat(converter.convert(event())).isEqualTo("user 'a_[31mred_cr_lf_ls_ps_nel_del_nul'");
    }

    @Test
    void theStackTraceKeepsItsLayoutButNotTheMessagesControlCharacters() {
        LogSafeThrowable converter = new LogSafeThrowable();
        converter.setContext(new LoggerContext());
        converter.start();
        String trace = converter.convert(event());
        // Line feeds stay: they are how a trace is laid out, and cannot be told apart from a message's.
        assertThat(trace).contains("IllegalStateException: bad a_[31mred_cr\nlf_ls_ps_nel_del_nul")
                .contains("\n\tat ").doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\u2028")
                .doesNotContain("\u2029").doesNotContain("\u0085").doesNotContain("\u007f").doesNotContain("\u0000");
    }
}
