package io.flead.connect.timescale;

import io.flead.connect.timescale.core.PostgresDialect;
import io.flead.connect.timescale.core.RetryPolicy;
import io.flead.connect.timescale.core.SqlFailure;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers sink records and hands full batches to a writer thread, so the next batch is consumed while the
 * database writes the previous one; at most one batch is in flight, and only written offsets are committed.
 */
public final class TimescaleSinkTask extends SinkTask {
    private static final Logger log = LoggerFactory.getLogger(TimescaleSinkTask.class);

    private TimescaleSinkConfig config;
    private RecordBatchWriter writer;
    private Database database;
    private ExecutorService writerThread;
    private List<SinkRecord> pending = new ArrayList<>();
    private List<SinkRecord> inFlightBatch;
    private Future<RecordBatchWriter.WrittenBatch> inFlight;
    private ErrantRecordReporter reporter;
    private final Map<TopicPartition, Long> written = new HashMap<>();
    private long firstBufferedAt;
    private long consecutiveFailures;
    private long retryAt;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new TimescaleSinkConfig(props);
        writer = new RecordBatchWriter(config, props.getOrDefault("name", "timescale-sink"));
        reporter = errantRecordReporter();
        database = writer.database();
        writerThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "timescale-sink-writer-" + props.get("name")));
        log.info("Starting TimescaleDB sink task for {} ({} mode{})", database.maskedUrl(),
                config.upsert() ? "upsert" : "insert", config.exactlyOnce() ? ", exactly once" : "");
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (backingOff(records)) {
            return;
        }
        try {
            settle(false);
        } catch (SQLException e) {
            throw onSqlFailure(e); // Connect redelivers these records; the failed batch waits in pending
        }
        if (pending.isEmpty() && !records.isEmpty()) {
            firstBufferedAt = System.currentTimeMillis();
        }
        pending.addAll(records);
        long now = System.currentTimeMillis();
        if (!due(now)) {
            if (!pending.isEmpty()) {
                // Connect polls at most this long before the next put(), which then flushes the lingering batch
                // (without it a partial batch would wait for the next offset commit, 60 s by default).
                context.timeout(Math.max(1, config.lingerMs() - (now - firstBufferedAt)));
            }
            return;
        }
        // converted before waiting for the batch in flight, so conversion overlaps the database's work on it
        RecordBatchWriter.ConvertedBatch next = writer.convert(pending);
        try {
            settle(true);
            submit(next);
        } catch (SQLException e) {
            // Connect redelivers this put's records after the RetriableException: keep only the earlier ones.
            pending.subList(pending.size() - records.size(), pending.size()).clear();
            throw onSqlFailure(e);
        }
    }

    /**
     * Whether a transient failure's backoff is still running: Connect's redelivery pause is cut short by every offset
     * commit, so the pause is kept here. Records offered meanwhile are refused, which keeps the partitions paused.
     */
    private boolean backingOff(Collection<SinkRecord> records) {
        long waitMs = retryAt - System.currentTimeMillis();
        if (waitMs <= 0) {
            return false;
        }
        context.timeout(waitMs);
        if (!records.isEmpty()) {
            throw new RetriableException("Backing off " + waitMs + " ms more after " + consecutiveFailures
                    + " transient failures in a row writing to " + database.maskedUrl());
        }
        return true;
    }

    private boolean due(long now) {
        return pending.size() >= config.batchSize() || (!pending.isEmpty() && now - firstBufferedAt >= config.lingerMs());
    }

    /** Hands {@code converted}, the conversion of all pending records, to the writer thread. */
    private void submit(RecordBatchWriter.ConvertedBatch converted) {
        inFlightBatch = pending;
        pending = new ArrayList<>();
        inFlight = writerThread.submit(() -> writer.write(converted));
    }

    /** Collects the in-flight batch (waiting for it when {@code wait}); a failed batch goes back to pending. */
    private void settle(boolean wait) throws SQLException {
        if (inFlight == null || (!wait && !inFlight.isDone())) {
            return;
        }
        try {
            RecordBatchWriter.WrittenBatch done = awaitInFlight();
            done.errant().forEach(this::report);
            written.putAll(done.nextOffsets());
            if (consecutiveFailures > 0) {
                log.info("Writing to {} again after {} transient failures in a row", database.maskedUrl(), consecutiveFailures);
            }
            consecutiveFailures = 0;
            retryAt = 0;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                pending.addAll(0, inFlightBatch);
                firstBufferedAt = System.currentTimeMillis();
                throw sql;
            }
            throw e.getCause() instanceof RuntimeException re ? re : new ConnectException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while writing a batch", e);
        } finally {
            inFlight = null;
            inFlightBatch = null;
        }
    }

    /**
     * Waits for the batch in flight, which may take long while it makes progress; a batch that makes none for
     * {@code socket.timeout.ms} (a socket write to a hung server, which no socket timeout bounds) has its connection
     * dropped under it, which fails it with an I/O error and so turns the hang into a retry.
     */
    private RecordBatchWriter.WrittenBatch awaitInFlight() throws ExecutionException, InterruptedException {
        long timeoutMs = config.socketTimeoutMs();
        long droppedAt = 0;
        while (true) {
            try {
                return inFlight.get(Math.max(1, timeoutMs / 4), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                long now = System.nanoTime();
                if (droppedAt != 0 && now - droppedAt >= TimeUnit.MILLISECONDS.toNanos(timeoutMs)) {
                    throw new ConnectException("The writer thread did not return within " + timeoutMs + " ms ('"
                            + TimescaleSinkConfig.SOCKET_TIMEOUT_MS + "') after its connection to "
                            + database.maskedUrl() + " was dropped");
                }
                if (droppedAt == 0 && writer.progress().stalled(now, timeoutMs)) {
                    log.warn("The batch in flight to {} made no progress for {} ms ('{}'): dropping its connection",
                            database.maskedUrl(), timeoutMs, TimescaleSinkConfig.SOCKET_TIMEOUT_MS);
                    writer.abortConnection();
                    droppedAt = now;
                }
            }
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        try {
            // Only the batch already in flight is awaited: writing the partial buffer here too would stall
            // consumption at every offset commit; put() writes it when it is full or has lingered.
            settle(true);
        } catch (SQLException e) {
            // counted and backed off like a failure in put(), where the batch (back in pending) is retried
            onSqlFailure(e);
        }
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        written.forEach((tp, next) -> {
            if (currentOffsets.containsKey(tp)) {
                commit.put(tp, new OffsetAndMetadata(next));
            }
        });
        return commit;
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        if (!config.exactlyOnce() || partitions.isEmpty()) {
            return;
        }
        try {
            settle(true);
            Map<TopicPartition, Long> stored = writer.storedOffsets();
            Map<TopicPartition, Long> seek = new HashMap<>();
            for (TopicPartition tp : partitions) {
                if (stored.containsKey(tp)) {
                    seek.put(tp, stored.get(tp));
                }
            }
            log.info("Exactly-once mode: resuming {} partitions from offsets stored in '{}'", seek.size(),
                    PostgresDialect.OFFSETS_TABLE);
            context.offset(seek);
        } catch (SQLException e) {
            writer.abortConnection();
            throw new ConnectException("Cannot read stored offsets from '" + PostgresDialect.OFFSETS_TABLE + "': "
                    + database.mask(e.getMessage()), e);
        }
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        try {
            settle(true);
        } catch (SQLException e) {
            onSqlFailure(e); // the failed batch stays in pending; records of revoked partitions go below
        }
        pending.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.kafkaPartition())));
        partitions.forEach(written::remove);
    }

    @Override
    public void stop() {
        boolean idle = true;
        if (writerThread != null) {
            writerThread.shutdown();
            try {
                idle = writerThread.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                idle = false;
                Thread.currentThread().interrupt();
            }
        }
        if (writer != null && idle) {
            writer.closeConnection();
        } else if (writer != null) {
            writer.abortConnection(); // the writer is stuck on it: a polite close could block as well
        }
        log.info("Stopped TimescaleDB sink task for {}", database == null ? "" : database.maskedUrl());
    }

    /** Runs on the task thread: Connect's reporter is used where Connect calls the task. */
    private void report(RecordBatchWriter.Errant errant) {
        if (reporter == null) {
            throw new ConnectException(errant.error().getMessage() + " (configure errors.tolerance=all and "
                    + "errors.deadletterqueue.topic.name to route such records to a dead-letter queue)", errant.error());
        }
        reporter.report(errant.record(), errant.error());
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null;
        }
    }

    private RuntimeException onSqlFailure(SQLException e) {
        String message = database.mask(e.getMessage());
        SqlFailure failure = SqlFailure.of(e.getSQLState());
        writer.abortConnection(); // the server may be gone or hung: a polite close could block on it
        if (failure != SqlFailure.TRANSIENT) {
            return new ConnectException("Writing to " + database.maskedUrl() + " failed (SQLState " + e.getSQLState()
                    + "): " + message);
        }
        consecutiveFailures++;
        RetryPolicy retry = config.retryPolicy();
        if (!retry.retries(consecutiveFailures)) {
            return new ConnectException("Writing to " + database.maskedUrl() + " failed " + consecutiveFailures
                    + " times in a row (" + TimescaleSinkConfig.MAX_RETRIES + "=" + retry.maxRetries() + "): " + message);
        }
        long backoffMs = retry.backoffMs(consecutiveFailures);
        retryAt = System.currentTimeMillis() + backoffMs;
        log.warn("Transient failure writing to {} (attempt {} of {}, SQLState {}): {}; retrying in {} ms",
                database.maskedUrl(), consecutiveFailures,
                retry.maxRetries() == RetryPolicy.FOREVER ? "unlimited" : Integer.toString(retry.maxRetries() + 1),
                e.getSQLState(), message, backoffMs);
        context.timeout(backoffMs);
        return new RetriableException("Transient database failure (SQLState " + e.getSQLState() + "): " + message);
    }
}
