package io.flead.platform.up;

import io.flead.runtime.LoggingDefaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;

/**
 * Where and how {@code flead up} logs: {@code <work dir>/flead.log} (the launcher's {@code flead.log.file} is only
 * the default of the other commands), as text or one JSON object per line ({@code flead-log4j2.xml} reads both
 * system properties).
 */
public final class RunLogging {
    /** The system property naming the log file in {@code flead-log4j2.xml}. */
    public static final String FILE_PROPERTY = "flead.log.file";
    /** The log's name in the work dir. */
    public static final String FILE_NAME = "flead.log";
    static final String APP = "flead-up";

    private RunLogging() {
    }

    /** The log of a run in {@code workDir}. */
    public static Path file(Path workDir) {
        return workDir.resolve(FILE_NAME);
    }

    /** Points this JVM's log at {@link #file} of {@code workDir} in {@code format}, reconfiguring Log4j if it started. */
    public static void to(Path workDir, LoggingDefaults.Format format) {
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the work dir " + workDir, e);
        }
        System.setProperty(FILE_PROPERTY, file(workDir).toString());
        if (System.getProperty(LoggingDefaults.APP_PROPERTY) == null) {
            System.setProperty(LoggingDefaults.APP_PROPERTY, APP);
        }
        LoggingDefaults.useFormat(format, true);
        if (LogManager.getContext(false) instanceof LoggerContext context) {
            context.reconfigure();
        }
    }
}
