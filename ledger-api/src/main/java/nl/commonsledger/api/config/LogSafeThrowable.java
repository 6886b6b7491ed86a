package nl.commonsledger.api.config;

import ch.qos.logback.classic.spi.IThrowableProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * Spring Boot's stack trace ({@code %wEx}), with the control characters that an exception message
 * could carry from a request neutralised as in {@link LogSafeMessage}, except the line feeds and tabs
 * that lay out the trace itself. A stack trace is many lines by nature; what it can no longer hold is
 * an ANSI escape, a carriage return or a Unicode line separator.
 */
public class LogSafeThrowable extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        String trace = super.throwableProxyToString(throwable);
        StringBuilder out = new StringBuilder(trace.length());
        for (int i = 0; i < trace.length(); i++) {
            char c = trace.charAt(i);
            out.append(c != '\n' && c != '\t' && LogSafeMessage.unsafe(c) ? '_' : c);
        }
        return out.toString();
    }
}
