package io.flead.connect.timescale;

import io.flead.connect.timescale.core.PostgresDialect;
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
    private int consecutiveFailures;

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
            RecordBatchWriter.WrittenBatch done = inFlight.get();
            done.errant().forEach(this::report);
            written.putAll(done.nextOffsets());
            consecutiveFailures = 0;
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

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        try {
            // Only the batch already in flight is awaited: writing the partial buffer here too would stall
            // consumption at every offset commit; put() writes it when it is full or has lingered.
            settle(true);
        } catch (SQLException e) {
            log.warn("Could not write the batch in flight before committing offsets: {}", database.mask(e.getMessage()));
            writer.closeConnection();
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
            writer.closeConnection();
            throw new ConnectException("Cannot read stored offsets from '" + PostgresDialect.OFFSETS_TABLE + "': "
                    + database.mask(e.getMessage()), e);
        }
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        try {
            settle(true);
        } catch (SQLException e) {
            writer.closeConnection(); // the failed batch stays in pending; records of revoked partitions go below
        }
        pending.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.kafkaPartition())));
        partitions.forEach(written::remove);
    }

    @Override
    public void stop() {
        if (writerThread != null) {
            writerThread.shutdown();
            try {
                writerThread.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (writer != null) {
            writer.closeConnection();
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
        writer.closeConnection();
        if (failure != SqlFailure.TRANSIENT) {
            return new ConnectException("Writing to " + database.maskedUrl() + " failed (SQLState " + e.getSQLState()
                    + "): " + message);
        }
        consecutiveFailures++;
        if (consecutiveFailures > config.maxRetries()) {
            return new ConnectException("Writing to " + database.maskedUrl() + " failed " + consecutiveFailures
                    + " times in a row (" + TimescaleSinkConfig.MAX_RETRIES + "=" + config.maxRetries() + "): " + message);
        }
        log.warn("Transient failure writing to {} (attempt {}, SQLState {}): {}; retrying in {} ms",
                database.maskedUrl(), consecutiveFailures, e.getSQLState(), message, config.retryBackoffMs());
        context.timeout(config.retryBackoffMs());
        return new RetriableException("Transient database failure (SQLState " + e.getSQLState() + "): " + message);
    }
}
