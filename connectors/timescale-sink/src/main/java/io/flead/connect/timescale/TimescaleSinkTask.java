package io.flead.connect.timescale;

import io.flead.connect.timescale.core.Bisection;
import io.flead.connect.timescale.core.ConversionException;
import io.flead.connect.timescale.core.JsonObjectScanner;
import io.flead.connect.timescale.core.PostgresDialect;
import io.flead.connect.timescale.core.RecordRef;
import io.flead.connect.timescale.core.Row;
import io.flead.connect.timescale.core.RowConverter;
import io.flead.connect.timescale.core.SqlFailure;
import io.flead.connect.timescale.core.TableRouter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Buffers sink records and writes them to PostgreSQL in COPY batches, one transaction per batch. */
public final class TimescaleSinkTask extends SinkTask {
    private static final Logger log = LoggerFactory.getLogger(TimescaleSinkTask.class);
    private static final int CONNECT_TIMEOUT_S = 10;

    private TimescaleSinkConfig config;
    private TableRouter router;
    private RowConverter converter;
    private Database database;
    private TableCatalog catalog;
    private BatchWriter writer;
    private String connectorName;
    private Connection connection;
    private final List<SinkRecord> buffer = new ArrayList<>();
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
        router = config.router();
        converter = new RowConverter(config.numberArraysAsDoubleArray());
        database = new Database(config.url(), config.user(), config.password());
        catalog = new TableCatalog(config);
        connectorName = props.getOrDefault("name", "timescale-sink");
        writer = new BatchWriter(catalog, config.copyFormat(), config.upsert(), config.conflictAction(),
                config.exactlyOnce() ? connectorName : null);
        log.info("Starting TimescaleDB sink task for {} ({} mode{})", database.maskedUrl(),
                config.upsert() ? "upsert" : "insert", config.exactlyOnce() ? ", exactly once" : "");
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        int mark = buffer.size();
        if (mark == 0 && !records.isEmpty()) {
            firstBufferedAt = System.currentTimeMillis();
        }
        buffer.addAll(records);
        if (!due(System.currentTimeMillis())) {
            return;
        }
        try {
            flush();
        } catch (SQLException e) {
            // Connect redelivers this put's records after the RetriableException: keep only the earlier ones.
            buffer.subList(mark, buffer.size()).clear();
            throw onSqlFailure(e);
        }
    }

    private boolean due(long now) {
        return buffer.size() >= config.batchSize() || (!buffer.isEmpty() && now - firstBufferedAt >= config.lingerMs());
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        if (!buffer.isEmpty()) {
            try {
                flush();
            } catch (SQLException e) {
                log.warn("Could not write the buffered batch before committing offsets: {}", database.mask(e.getMessage()));
                closeConnection();
            }
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
            Map<TopicPartition, Long> stored = storedOffsets();
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
            closeConnection();
            throw new ConnectException("Cannot read stored offsets from '" + PostgresDialect.OFFSETS_TABLE + "': "
                    + database.mask(e.getMessage()), e);
        }
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        buffer.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.kafkaPartition())));
        partitions.forEach(written::remove);
    }

    @Override
    public void stop() {
        closeConnection();
        log.info("Stopped TimescaleDB sink task for {}", database == null ? "" : database.maskedUrl());
    }

    /** Writes the whole buffer: conversion failures and bad rows go to the errant record reporter. */
    private void flush() throws SQLException {
        Map<Row, SinkRecord> sources = new IdentityHashMap<>();
        List<Row> rows = convert(sources);
        Map<TopicPartition, Long> nextOffsets = nextOffsets(buffer);
        Connection c = connection();
        try {
            if (rows.isEmpty()) {
                if (config.exactlyOnce()) {
                    writer.writeOffsetsOnly(c, nextOffsets);
                }
            } else if (!writer.tryWrite(c, rows, nextOffsets)) {
                isolateBadRows(c, rows, sources);
            }
        } catch (UncheckedSql e) {
            throw e.getCause();
        }
        log.debug("Wrote {} records ({} rows)", buffer.size(), rows.size());
        written.putAll(nextOffsets);
        buffer.clear();
        consecutiveFailures = 0;
    }

    private List<Row> convert(Map<Row, SinkRecord> sources) {
        List<Row> rows = new ArrayList<>(buffer.size());
        for (SinkRecord record : buffer) {
            if (record.value() == null) {
                continue; // a tombstone deletes nothing here: rows are history
            }
            RecordRef ref = new RecordRef(record.topic(), record.kafkaPartition(), record.kafkaOffset());
            try {
                Row row = converter.convert(ref, router.route(record.topic()), plainValue(ref, record.value()));
                rows.add(row);
                sources.put(row, record);
            } catch (ConversionException | IllegalArgumentException e) {
                report(record, e);
            }
        }
        return rows;
    }

    /** JSON text (StringConverter, ByteArrayConverter) is scanned directly: nested parts go to jsonb as they are. */
    private static Object plainValue(RecordRef ref, Object value) {
        try {
            if (value instanceof String text) {
                return JsonObjectScanner.parse(text);
            }
            if (value instanceof byte[] bytes) {
                return JsonObjectScanner.parse(new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException e) {
            throw new ConversionException(ref, null, e.getMessage());
        }
        return ConnectValues.plain(value);
    }

    private void isolateBadRows(Connection c, List<Row> rows, Map<Row, SinkRecord> sources) {
        Map<Row, SQLException> errors = new IdentityHashMap<>();
        List<Row> bad = Bisection.isolate(rows, part -> {
            try {
                boolean ok = writer.tryWrite(c, part, nextOffsetsOfRows(part));
                if (!ok && part.size() == 1) {
                    errors.put(part.get(0), writer.lastBadData());
                }
                return ok;
            } catch (SQLException e) {
                throw new UncheckedSql(e);
            }
        });
        for (Row row : bad) {
            SQLException e = errors.get(row);
            report(sources.get(row), new ConnectException("Cannot write record " + row.ref() + " to table '"
                    + row.target().table() + "': " + (e == null ? "rejected" : database.mask(e.getMessage()))));
        }
        log.warn("Isolated {} bad records of a batch of {}", bad.size(), rows.size());
    }

    private void report(SinkRecord record, Exception error) {
        ErrantRecordReporter reporter = errantRecordReporter();
        if (reporter == null) {
            throw new ConnectException(error.getMessage() + " (configure errors.tolerance=all and "
                    + "errors.deadletterqueue.topic.name to route such records to a dead-letter queue)", error);
        }
        reporter.report(record, error);
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null;
        }
    }

    private static Map<TopicPartition, Long> nextOffsets(List<SinkRecord> records) {
        Map<TopicPartition, Long> next = new HashMap<>();
        for (SinkRecord r : records) {
            next.merge(new TopicPartition(r.topic(), r.kafkaPartition()), r.kafkaOffset() + 1, Math::max);
        }
        return next;
    }

    private static Map<TopicPartition, Long> nextOffsetsOfRows(List<Row> rows) {
        Map<TopicPartition, Long> next = new HashMap<>();
        for (Row r : rows) {
            next.merge(new TopicPartition(r.ref().topic(), r.ref().partition()), r.ref().offset() + 1, Math::max);
        }
        return next;
    }

    private RuntimeException onSqlFailure(SQLException e) {
        String message = database.mask(e.getMessage());
        SqlFailure failure = SqlFailure.of(e.getSQLState());
        closeConnection();
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

    private Map<TopicPartition, Long> storedOffsets() throws SQLException {
        Map<TopicPartition, Long> stored = new HashMap<>();
        Connection c = connection();
        try (PreparedStatement ps = c.prepareStatement(PostgresDialect.selectOffsets())) {
            ps.setString(1, connectorName);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
                }
            }
        }
        c.commit();
        return stored;
    }

    private Connection connection() throws SQLException {
        if (connection != null && !connection.isClosed()) {
            return connection;
        }
        Connection c = database.open(CONNECT_TIMEOUT_S);
        try {
            catalog.onConnect(c);
            if (config.exactlyOnce()) {
                try (Statement s = c.createStatement()) {
                    s.execute(PostgresDialect.createOffsetsTable());
                }
                c.commit();
            }
        } catch (SQLException e) {
            Database.closeQuietly(c);
            throw e;
        }
        connection = c;
        return c;
    }

    private void closeConnection() {
        Database.closeQuietly(connection);
        connection = null;
    }

    /** Carries a SQLException out of the bisection callback. */
    private static final class UncheckedSql extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UncheckedSql(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
