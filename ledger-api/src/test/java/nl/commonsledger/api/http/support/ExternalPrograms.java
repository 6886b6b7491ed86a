package nl.commonsledger.api.http.support;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The check behind {@link RequiresPrograms}: skip outside CI, fail in CI, when a program is missing. */
public final class ExternalPrograms implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        String[] programs = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), RequiresPrograms.class)
                .map(RequiresPrograms::value).orElse(new String[0]);
        List<String> missing = Arrays.stream(programs).filter(p -> find(p).isEmpty()).toList();
        if (missing.isEmpty()) {
            return;
        }
        String message = context.getRequiredTestClass().getSimpleName() + " needs " + String.join(", ", missing)
                + ", which is not installed";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + "; .ci/run must install it");
        }
        // Printed as well, because Surefire's summary counts a class skipped before its first test as zero tests.
        String skipped = message + "; skipped (install it, or run .ci/run, for the full suite)";
        System.err.println("SKIPPED: " + skipped);
        Assumptions.abort(skipped);
    }

    /** The executable file a program name stands for, looked up on the PATH like a shell does. */
    public static Optional<Path> find(String program) {
        if (program.contains(File.separator)) {
            Path path = Path.of(program);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Arrays.stream(pathVariable.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
