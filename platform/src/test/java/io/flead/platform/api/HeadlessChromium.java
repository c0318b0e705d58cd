package io.flead.platform.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Debian's headless browser for the console's browser test: {@code chromium} and {@code chromedriver} (package
 * {@code chromium-driver}), at {@code /usr/bin} or where {@code -Dflead.chromium} and {@code -Dflead.chromedriver}
 * say. When either is missing the test class is skipped, and reported skipped, with a message naming the package to
 * install (as the TimescaleDB variants skip without their kit); {@code .ci/run} installs both.
 */
public final class HeadlessChromium implements ExecutionCondition {
    static final Path CHROMIUM = Path.of(System.getProperty("flead.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("flead.chromedriver", "/usr/bin/chromedriver"));

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Map<Path, String> packages = new LinkedHashMap<>();
        packages.put(CHROMIUM, "chromium");
        packages.put(CHROMEDRIVER, "chromium-driver");
        String missing = missing(packages);
        return missing == null ? ConditionEvaluationResult.enabled("headless chromium at " + CHROMIUM)
            : ConditionEvaluationResult.disabled(missing);
    }

    /**
     * The skip message for the executables of {@code packages} (executable to Debian package) that are not there, or
     * null when all are.
     */
    static String missing(Map<Path, String> packages) {
        List<String> absent = new ArrayList<>();
        List<String> names = new ArrayList<>();
        packages.forEach((path, pkg) -> {
            if (!Files.isExecutable(path)) {
                absent.add(path.toString());
                names.add(pkg);
            }
        });
        if (absent.isEmpty()) {
            return null;
        }
        return "Browser test skipped: " + String.join(" and ", absent) + " missing; install Debian's "
            + String.join(" and ", names) + " (sudo apt-get install " + String.join(" ", names)
            + ", as .ci/run does) to run it";
    }
}
