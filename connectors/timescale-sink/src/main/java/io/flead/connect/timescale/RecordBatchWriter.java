package io.flead.connect.timescale;

import io.flead.connect.timescale.core.Bisection;
import io.flead.connect.timescale.core.ColumnCap;
import io.flead.connect.timescale.core.ConversionException;
import io.flead.connect.timescale.core.JsonObjectScanner;
import io.flead.connect.timescale.core.PostgresDialect;
import io.flead.connect.timescale.core.RecordRef;
import io.flead.connect.timescale.core.Row;
import io.flead.connect.timescale.core.RowConverter;
import io.flead.connect.timescale.core.TableRouter;
import io.flead.connect.timescale.core.WriteProgress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
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
import java.util.Set;
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

    private final TimescaleSinkConfig config;
    private final TableRouter router;
    private final RowConverter converter;
    private final Set<String> flattenFields;
    private final Database database;
    private final TableCatalog catalog;
    private final BatchWriter writer;
    private final String connectorName;
    private final WriteProgress progress = new WriteProgress(System.nanoTime());
    // written by the task thread too, when it drops a connection stuck on a hung server
    private volatile Connection connection;

    RecordBatchWriter(TimescaleSinkConfig config, String connectorName) {
        this.config = config;
        this.router = config.router();
        this.converter = new RowConverter(config.numberArraysAsDoubleArray(), config.flattening());
        this.flattenFields = config.flattening().fields();
        this.database = new Database(config.url(), config.user(), config.password(), new Database.Timeouts(
                config.connectionTimeoutMs(), config.socketTimeoutMs(), config.statementTimeoutMs()));
        this.catalog = new TableCatalog(config);
        this.connectorName = connectorName;
        this.writer = new BatchWriter(catalog, config.copyFormat(), config.binaryCopy(), config.upsert(), config.conflictAction(),
                config.exactlyOnce() ? connectorName : null, progress);
    }

    Database database() {
        return database;
    }

    /** When the writer last sent or received something. */
    WriteProgress progress() {
        return progress;
    }

    /** The outcome of a batch: the next offset of each of its partitions, and the records it could not write. */
    record WrittenBatch(Map<TopicPartition, Long> nextOffsets, List<Errant> errant) {
    }

    /** A record that could not be written, and why. */
    record Errant(SinkRecord record, Exception error) {
    }

    /**
     * A batch converted and ready to write: its rows, the record each row came from (in the same order), the records
     * that could not be converted, and the next offset of each of its partitions.
     */
    record ConvertedBatch(List<Row> rows, List<SinkRecord> sources, List<Errant> errant,
                          Map<TopicPartition, Long> nextOffsets) {
    }

    /**
     * Converts {@code batch} without touching the database, so the task thread can convert the next batch while
     * the writer thread writes this one; records that cannot be converted are kept for the errant record reporter.
     */
    ConvertedBatch convert(List<SinkRecord> batch) {
        List<SinkRecord> sources = new ArrayList<>(batch.size());
        List<Errant> errant = new ArrayList<>();
        List<Row> rows = new ArrayList<>(batch.size());
        for (SinkRecord record : batch) {
            if (record.value() == null) {
                continue; // a tombstone deletes nothing here: rows are history
            }
            RecordRef ref = new RecordRef(record.topic(), record.kafkaPartition(), record.kafkaOffset());
            try {
                Object plain = plainValue(ref, record.value());
                if (plain == null) {
                    continue; // JSON text "null": a tombstone too, as JsonConverter reads it
                }
                Row row = converter.convert(ref, router.route(record.topic()), plain);
                rows.add(row);
                sources.add(record);
            } catch (ConversionException | IllegalArgumentException e) {
                errant.add(new Errant(record, e));
            }
        }
        return new ConvertedBatch(rows, sources, errant, nextOffsets(batch));
    }

    /** Writes a converted batch; bad records are returned for the errant record reporter, not written. */
    WrittenBatch write(ConvertedBatch batch) throws SQLException {
        progress.touch(System.nanoTime());
        List<Errant> errant = new ArrayList<>(batch.errant());
        Connection c = connection();
        // records that would make their table too wide are refused before any column is added for them
        Admitted admitted = admit(batch, catalog.refusals(c, batch.rows()), errant);
        List<Row> rows = admitted.rows();
        try {
            if (rows.isEmpty()) {
                if (config.exactlyOnce()) {
                    writer.writeOffsetsOnly(c, batch.nextOffsets());
                }
            } else if (!writer.tryWrite(c, rows, batch.nextOffsets())) {
                isolateBadRows(c, rows, admitted.sources(), errant);
            }
        } catch (UncheckedSql e) {
            throw e.getCause();
        }
        log.debug("Wrote {} rows ({} errant records)", rows.size(), errant.size());
        return new WrittenBatch(batch.nextOffsets(), errant);
    }

    /** The rows of a batch to write, and the record each came from. */
    private record Admitted(List<Row> rows, List<SinkRecord> sources) {
    }

    /** The batch's rows but the {@code refused} ones, which are added to {@code errant}. */
    private Admitted admit(ConvertedBatch batch, List<ColumnCap.Refusal> refused, List<Errant> errant) {
        if (refused.isEmpty()) {
            return new Admitted(batch.rows(), batch.sources());
        }
        Map<Row, ColumnCap.Refusal> byRow = new IdentityHashMap<>();
        refused.forEach(r -> byRow.put(r.row(), r));
        List<Row> rows = new ArrayList<>(batch.rows().size());
        List<SinkRecord> sources = new ArrayList<>(batch.rows().size());
        for (int i = 0; i < batch.rows().size(); i++) {
            ColumnCap.Refusal refusal = byRow.get(batch.rows().get(i));
            if (refusal == null) {
                rows.add(batch.rows().get(i));
                sources.add(batch.sources().get(i));
            } else {
                errant.add(new Errant(batch.sources().get(i), tooWide(refusal)));
            }
        }
        return new Admitted(rows, sources);
    }

    private ConnectException tooWide(ColumnCap.Refusal r) {
        return new ConnectException("Cannot write record " + r.row().ref() + " to table '" + r.row().target().table()
                + "': its new column '" + r.column() + "' would give the table " + r.columns() + " columns, more than '"
                + TimescaleSinkConfig.AUTO_EVOLVE_MAX_COLUMNS + "' (" + config.maxColumns() + ") allows");
    }

    /**
     * JSON text (StringConverter, ByteArrayConverter) is scanned directly: nested parts go to jsonb as they are, and
     * objects to flatten are read member by member in the same pass.
     * Returns null for the JSON literal {@code null}.
     */
    private Object plainValue(RecordRef ref, Object value) {
        try {
            if (value instanceof String text) {
                return JsonObjectScanner.parseOrNull(text, flattenFields);
            }
            if (value instanceof byte[] bytes) {
                return JsonObjectScanner.parseOrNull(utf8(bytes), flattenFields);
            }
        } catch (IllegalArgumentException e) {
            throw new ConversionException(ref, null, e.getMessage());
        }
        return ConnectValues.plain(value);
    }

    /** Decodes UTF-8, refusing malformed bytes as JsonConverter does rather than storing replacement characters. */
    private static String utf8(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text; // the common case: no replacement character, so nothing was malformed
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("malformed UTF-8 in the value (" + bytes.length + " bytes)", e);
        }
    }

    private void isolateBadRows(Connection c, List<Row> rows, List<SinkRecord> sourceList, List<Errant> errant) {
        Map<Row, SinkRecord> sources = new IdentityHashMap<>(rows.size() * 2);
        for (int i = 0; i < rows.size(); i++) {
            sources.put(rows.get(i), sourceList.get(i));
        }
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
        String topic = null;
        int partition = -1;
        long last = -1;
        for (SinkRecord r : records) { // a batch holds runs of one partition's records: one map update per run
            if (r.kafkaPartition() != partition || !r.topic().equals(topic)) {
                if (topic != null) {
                    next.merge(new TopicPartition(topic, partition), last + 1, Math::max);
                }
                topic = r.topic();
                partition = r.kafkaPartition();
                last = r.kafkaOffset();
            } else {
                last = Math.max(last, r.kafkaOffset());
            }
        }
        if (topic != null) {
            next.merge(new TopicPartition(topic, partition), last + 1, Math::max);
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
        Connection c = database.open();
        try {
            catalog.onConnect(c);
            if (config.exactlyOnce()) {
                try (Statement s = c.createStatement()) {
                    s.execute(PostgresDialect.createOffsetsTable());
                }
                c.commit();
            }
        } catch (SQLException e) {
            Database.abortQuietly(c);
            throw e;
        }
        connection = c;
        return c;
    }

    /** Closes the connection politely (the writer is idle). */
    void closeConnection() {
        Database.closeQuietly(connection);
        connection = null;
    }

    /**
     * Drops the connection without a word to the server, which may be gone or hung; safe from the task thread while
     * the writer thread is blocked on it, which then fails with an I/O error.
     */
    void abortConnection() {
        Database.abortQuietly(connection);
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
