package nl.commonsledger.api.config;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The log message with every control character (U+0000-U+001F, U+007F-U+009F, so also ESC of ANSI
 * sequences and U+0085) and the line and paragraph separators U+2028 and U+2029 replaced by
 * {@code _}. Values from requests (user names, paths) reach log lines through their arguments, so
 * neutralising them here, once, for every logger, means none of them can forge a line, colour a
 * terminal or hide text, whoever logs them. One log event stays one line.
 */
public class LogSafeMessage extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return neutralise(super.convert(event));
    }

    /** A control character (U+0000-U+001F, U+007F-U+009F), or U+2028 or U+2029. */
    static boolean unsafe(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }

    static String neutralise(String message) {
        if (message == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (unsafe(c)) {
                if (out == null) {
                    out = new StringBuilder(message.length()).append(message, 0, i);
                }
                out.append('_');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? message : out.toString();
    }
}
