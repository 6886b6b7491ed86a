package nl.commonsledger.api.http.support;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that runs outside programs (hledger, jq, Chromium). Where one is missing, the
 * class is skipped with a message that names it, so that the README's test command passes on a
 * machine with only Java and Maven; under CI ({@code CI=true}), where {@code .ci/run} installs them,
 * a missing program fails the class instead, so the full suite can never shrink unnoticed.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ExternalPrograms.class)
public @interface RequiresPrograms {

    /** Program names as found on the {@code PATH}, or absolute paths. */
    String[] value();
}
