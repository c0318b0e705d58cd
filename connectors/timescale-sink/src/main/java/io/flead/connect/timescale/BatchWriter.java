package io.flead.connect.timescale;

import io.flead.connect.timescale.core.BinaryCopy;
import io.flead.connect.timescale.core.ByteChunk;
import io.flead.connect.timescale.core.Column;
import io.flead.connect.timescale.core.ConflictAction;
import io.flead.connect.timescale.core.CopyFormat;
import io.flead.connect.timescale.core.PostgresDialect;
import io.flead.connect.timescale.core.Row;
import io.flead.connect.timescale.core.RowDedup;
import io.flead.connect.timescale.core.SqlFailure;
import io.flead.connect.timescale.core.TableTarget;
import io.flead.connect.timescale.core.WriteProgress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a batch of rows (and, in exactly-once mode, their offsets) in one transaction with COPY. */
final class BatchWriter {
    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);
    private static final int COPY_CHUNK_ROWS = 2_000;
    private static final int FIRST_CHUNK_ROWS = 200;

    private final TableCatalog catalog;
    private final CopyFormat format;
    private final boolean binary;
    private final boolean upsert;
    private final ConflictAction conflictAction;
    private final String offsetsOwner;
    private final WriteProgress progress;
    private SQLException lastBadData;

    /**
     * {@code offsetsOwner} is the connector name in exactly-once mode, null otherwise. With {@code binary}, batches
     * that {@link BinaryCopy} can encode go as binary COPY, the others in {@code format}. Each statement and COPY chunk
     * sent is recorded in {@code progress}.
     */
    BatchWriter(TableCatalog catalog, CopyFormat format, boolean binary, boolean upsert, ConflictAction conflictAction,
                String offsetsOwner, WriteProgress progress) {
        this.catalog = catalog;
        this.format = format;
        this.binary = binary;
        this.upsert = upsert;
        this.conflictAction = conflictAction;
        this.offsetsOwner = offsetsOwner;
        this.progress = progress;
    }

    /**
     * Writes {@code rows} and {@code nextOffsets} in one transaction. Returns false (rolled back) when some row's
     * data is bad; throws for transient and fatal failures.
     */
    boolean tryWrite(Connection c, List<Row> rows, Map<TopicPartition, Long> nextOffsets) throws SQLException {
        Map<TableTarget, List<Row>> byTable = new LinkedHashMap<>();
        for (Row row : rows) {
            byTable.computeIfAbsent(row.target(), t -> new java.util.ArrayList<>()).add(row);
        }
        Map<TableTarget, List<Column>> columns = new LinkedHashMap<>();
        try {
            for (Map.Entry<TableTarget, List<Row>> e : byTable.entrySet()) {
                columns.put(e.getKey(), catalog.prepare(c, e.getKey(), e.getValue()));
            }
        } catch (SQLException e) {
            // a column the table cannot take (too many columns, counting dropped ones): a bad record, not a stop
            if (SqlFailure.of(e.getSQLState()) != SqlFailure.BAD_DATA) {
                throw e;
            }
            rollbackQuietly(c);
            lastBadData = e;
            return false;
        }
        try {
            return attempt(c, byTable, columns, nextOffsets, upsert, conflictAction);
        } catch (SQLException e) {
            if (upsert || SqlFailure.of(e.getSQLState()) != SqlFailure.DUPLICATE_KEY) {
                throw e;
            }
            // A natural-key clash in insert mode means redelivery: write the batch again, skipping existing rows.
            log.info("Natural-key clash in insert mode (a redelivery): writing the batch of {} rows with ON CONFLICT DO NOTHING",
                    rows.size());
            return attempt(c, byTable, columns, nextOffsets, true, ConflictAction.NOTHING);
        }
    }

    /** The error of the last attempt that failed on bad data. */
    SQLException lastBadData() {
        return lastBadData;
    }

    private boolean attempt(Connection c, Map<TableTarget, List<Row>> byTable, Map<TableTarget, List<Column>> columns,
                            Map<TopicPartition, Long> nextOffsets, boolean asUpsert, ConflictAction action)
            throws SQLException {
        try {
            int stage = 0;
            for (Map.Entry<TableTarget, List<Row>> e : byTable.entrySet()) {
                progress.touch(System.nanoTime());
                TableTarget target = e.getKey();
                if (asUpsert && !target.keyColumns().isEmpty()) {
                    upsert(c, target, columns.get(target), e.getValue(), "flead_stage_" + ++stage, action);
                } else {
                    copy(c, target.table(), columns.get(target), e.getValue());
                }
            }
            progress.touch(System.nanoTime());
            writeOffsets(c, nextOffsets);
            c.commit();
            progress.touch(System.nanoTime());
            return true;
        } catch (SQLException e) {
            rollbackQuietly(c);
            if (SqlFailure.of(e.getSQLState()) == SqlFailure.BAD_DATA) {
                lastBadData = e;
                return false;
            }
            throw e;
        }
    }

    private void upsert(Connection c, TableTarget target, List<Column> columns, List<Row> rows, String stage,
                        ConflictAction action) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(PostgresDialect.createStage(stage, target.table()));
            copy(c, stage, columns, RowDedup.lastPerKey(rows, target.keyColumns()));
            s.execute(PostgresDialect.upsertFromStage(target.table(), stage, columns, target.keyColumns(), action));
        }
    }

    private void copy(Connection c, String table, List<Column> columns, List<Row> rows) throws SQLException {
        CopyManager copyApi = c.unwrap(PGConnection.class).getCopyAPI();
        if (binary && BinaryCopy.supports(columns) && BinaryCopy.encodable(rows, columns)) {
            copyBinary(copyApi.copyIn(PostgresDialect.copyInBinary(table, columns)), columns, rows);
            return;
        }
        CopyIn in = copyApi.copyIn(PostgresDialect.copyIn(table, columns, format));
        try {
            StringBuilder text = new StringBuilder(COPY_CHUNK_ROWS * 256);
            // a small first chunk gets the database parsing sooner; it then overlaps the encoding of the rest
            int chunk = FIRST_CHUNK_ROWS;
            for (int from = 0; from < rows.size(); from += chunk, chunk = COPY_CHUNK_ROWS) {
                text.setLength(0);
                format.encode(rows.subList(from, Math.min(rows.size(), from + chunk)), columns, text);
                byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                in.writeToCopy(bytes, 0, bytes.length);
                progress.touch(System.nanoTime());
            }
            in.endCopy();
            progress.touch(System.nanoTime());
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private void copyBinary(CopyIn in, List<Column> columns, List<Row> rows) throws SQLException {
        try {
            ByteChunk bytes = new ByteChunk(COPY_CHUNK_ROWS * 256);
            BinaryCopy.header(bytes);
            int chunk = FIRST_CHUNK_ROWS;
            for (int from = 0; from < rows.size(); from += chunk, chunk = COPY_CHUNK_ROWS) {
                BinaryCopy.encode(rows.subList(from, Math.min(rows.size(), from + chunk)), columns, bytes);
                in.writeToCopy(bytes.array(), 0, bytes.length());
                progress.touch(System.nanoTime());
                bytes.clear();
            }
            BinaryCopy.trailer(bytes);
            in.writeToCopy(bytes.array(), 0, bytes.length());
            in.endCopy();
            progress.touch(System.nanoTime());
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private void writeOffsets(Connection c, Map<TopicPartition, Long> nextOffsets) throws SQLException {
        if (offsetsOwner == null || nextOffsets.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(PostgresDialect.upsertOffset())) {
            for (Map.Entry<TopicPartition, Long> e : nextOffsets.entrySet()) {
                ps.setString(1, offsetsOwner);
                ps.setString(2, e.getKey().topic());
                ps.setInt(3, e.getKey().partition());
                ps.setLong(4, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Writes only offsets (a batch with no rows to write) in their own transaction. */
    void writeOffsetsOnly(Connection c, Map<TopicPartition, Long> nextOffsets) throws SQLException {
        try {
            writeOffsets(c, nextOffsets);
            c.commit();
        } catch (SQLException e) {
            rollbackQuietly(c);
            throw e;
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the caller's exception says why
        }
    }
}
