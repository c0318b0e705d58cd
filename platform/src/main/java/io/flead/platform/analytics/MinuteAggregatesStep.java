package io.flead.platform.analytics;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code flead up}'s schema step: every few seconds makes the {@link MinuteAggregates} relations whose sink tables
 * exist, until all are made. It runs beside the pipeline rather than before it because the sink's tables appear
 * only when their first records land (drift alerts perhaps never, in a run without drift).
 */
public final class MinuteAggregatesStep implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MinuteAggregatesStep.class);

    /** Opens a connection to the platform's database. */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    private final Connector database;
    private final ScheduledExecutorService timer;
    private volatile MinuteAggregates.Result result;
    private String lastProblem;

    private MinuteAggregatesStep(Connector database) {
        this.database = database;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flead-minute-aggregates");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts checking every {@code every}. */
    public static MinuteAggregatesStep start(Connector database, Duration every) {
        MinuteAggregatesStep step = new MinuteAggregatesStep(database);
        step.timer.scheduleWithFixedDelay(step::tryOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return step;
    }

    /** What the latest attempt made and what still waits for the sink's tables; null before the first one. */
    public MinuteAggregates.Result result() {
        return result;
    }

    private void tryOnce() {
        try (Connection c = database.connect()) {
            MinuteAggregates.Result r = MinuteAggregates.create(c);
            if (result == null || !r.made().equals(result.made())) {
                LOG.info("Per-minute aggregates as {}: {} made{}", r.kind() == MinuteAggregates.Kind.CONTINUOUS_AGGREGATES
                    ? "TimescaleDB continuous aggregates with refresh policies" : "date_bin views (no timescaledb extension)",
                    r.made(), r.complete() ? "" : ", " + r.waiting() + " waiting for the sink's tables");
            }
            result = r;
            if (r.complete()) {
                timer.shutdown();
            }
        } catch (SQLException | RuntimeException e) {
            problem("cannot make them yet: " + e.getMessage());
        }
    }

    /** Logs each new reason for waiting once: the step retries quietly while nothing changes. */
    private void problem(String text) {
        if (!Objects.equals(text, lastProblem)) {
            lastProblem = text;
            LOG.info("Per-minute aggregates: {}", text);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
