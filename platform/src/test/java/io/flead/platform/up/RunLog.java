package io.flead.platform.up;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.AbstractConfiguration;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Every log line of this JVM at INFO and above, written to a file as {@code flead up} writes {@code .flead/flead.log}
 * (which keeps Kafka, Connect and PostgreSQL to WARN: this is more). The test's own appenders keep their levels.
 */
final class RunLog implements AutoCloseable {
    private static final String NAME = "flead-run-log";

    private final Path file;
    private final Map<LoggerConfig, Level> levels = new LinkedHashMap<>();
    private final FileAppender appender;

    private RunLog(Path file) {
        this.file = file;
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        appender = FileAppender.newBuilder().setName(NAME).withFileName(file.toString()).setConfiguration(config)
            .setLayout(PatternLayout.newBuilder().withConfiguration(config)
                .withPattern("%d{ISO8601} %-5level [%t] %c{1} - %msg%n%throwable").build())
            .build();
        appender.start();
        config.addAppender(appender);
        List<LoggerConfig> loggers = new ArrayList<>(config.getLoggers().values());
        if (!loggers.contains(config.getRootLogger())) {
            loggers.add(config.getRootLogger());
        }
        for (LoggerConfig logger : loggers) {
            Level before = logger.getLevel();
            levels.put(logger, before);
            for (Appender existing : new ArrayList<>(logger.getAppenders().values())) {
                logger.removeAppender(existing.getName());
                logger.addAppender(existing, before, null);
            }
            if (!logger.isAdditive() || logger == config.getRootLogger()) {
                logger.addAppender(appender, Level.INFO, null);
            }
            if (before.isMoreSpecificThan(Level.INFO)) {
                logger.setLevel(Level.INFO);
            }
        }
        context.updateLoggers();
    }

    /** Starts copying every log line at INFO and above to {@code file}. */
    static RunLog to(Path file) {
        return new RunLog(file);
    }

    /** The lines written so far. */
    List<String> lines() {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path file() {
        return file;
    }

    /** Stops copying and gives the loggers their levels back. */
    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        levels.forEach((logger, level) -> {
            logger.removeAppender(NAME);
            logger.setLevel(level);
        });
        if (context.getConfiguration() instanceof AbstractConfiguration config) {
            config.removeAppender(NAME);
        }
        context.updateLoggers();
        appender.stop();
    }
}
