package io.flead.connect.timescale;

import io.flead.connect.timescale.core.Bisection;
import io.flead.connect.timescale.core.ConversionException;
import io.flead.connect.timescale.core.JsonObjectScanner;
import io.flead.connect.timescale.core.PostgresDialect;
import io.flead.connect.timescale.core.RecordRef;
import io.flead.connect.timescale.core.Row;
import io.flead.connect.timescale.core.RowConverter;
import io.flead.connect.timescale.core.TableRouter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one batch of sink records: converts them, COPYs them in one transaction, and isolates bad records
 * (conversion failures, rows the database rejects) for the errant record reporter. Owns the connection.
 */
final class RecordBatchWriter {
    private static final Logger log = LoggerFactory.getLogger(RecordBatchWriter.class);
    private static final int CONNECT_TIMEOUT_S = 10;

    private final TimescaleSinkConfig config;
    private final TableRouter router;
    private final RowConverter converter;
    private final Database database;
    private final TableCatalog catalog;
    private final BatchWriter writer;
    private final String connectorName;
    private Connection connection;

    RecordBatchWriter(TimescaleSinkConfig config, String connectorName) {
        this.config = config;
        this.router = config.router();
        this.converter = new RowConverter(config.numberArraysAsDoubleArray());
        this.database = new Database(config.url(), config.user(), config.password());
        this.catalog = new TableCatalog(config);
        this.connectorName = connectorName;
        this.writer = new BatchWriter(catalog, config.copyFormat(), config.upsert(), config.conflictAction(),
                config.exactlyOnce() ? connectorName : null);
    }

    Database database() {
        return database;
    }

    /** The outcome of a batch: the next offset of each of its partitions, and the records it could not write. */
    record WrittenBatch(Map<TopicPartition, Long> nextOffsets, List<Errant> errant) {
    }

    /** A record that could not be written, and why. */
    record Errant(SinkRecord record, Exception error) {
    }

    /** Writes {@code batch}; bad records are returned for the errant record reporter, not written. */
    WrittenBatch write(List<SinkRecord> batch) throws SQLException {
        Map<Row, SinkRecord> sources = new IdentityHashMap<>();
        List<Errant> errant = new ArrayList<>();
        List<Row> rows = convert(batch, sources, errant);
        Map<TopicPartition, Long> nextOffsets = nextOffsets(batch);
        Connection c = connection();
        try {
            if (rows.isEmpty()) {
                if (config.exactlyOnce()) {
                    writer.writeOffsetsOnly(c, nextOffsets);
                }
            } else if (!writer.tryWrite(c, rows, nextOffsets)) {
                isolateBadRows(c, rows, sources, errant);
            }
        } catch (UncheckedSql e) {
            throw e.getCause();
        }
        log.debug("Wrote {} records ({} rows, {} errant)", batch.size(), rows.size(), errant.size());
        return new WrittenBatch(nextOffsets, errant);
    }

    private List<Row> convert(List<SinkRecord> batch, Map<Row, SinkRecord> sources, List<Errant> errant) {
        List<Row> rows = new ArrayList<>(batch.size());
        for (SinkRecord record : batch) {
            if (record.value() == null) {
                continue; // a tombstone deletes nothing here: rows are history
            }
            RecordRef ref = new RecordRef(record.topic(), record.kafkaPartition(), record.kafkaOffset());
            try {
                Row row = converter.convert(ref, router.route(record.topic()), plainValue(ref, record.value()));
                rows.add(row);
                sources.put(row, record);
            } catch (ConversionException | IllegalArgumentException e) {
                errant.add(new Errant(record, e));
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

    private void isolateBadRows(Connection c, List<Row> rows, Map<Row, SinkRecord> sources, List<Errant> errant) {
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
            errant.add(new Errant(sources.get(row), new ConnectException("Cannot write record " + row.ref() + " to table '"
                    + row.target().table() + "': " + (e == null ? "rejected" : database.mask(e.getMessage())))));
        }
        log.warn("Isolated {} bad records of a batch of {}", bad.size(), rows.size());
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

    /** The offsets stored by exactly-once mode for this connector. */
    Map<TopicPartition, Long> storedOffsets() throws SQLException {
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

    void closeConnection() {
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
