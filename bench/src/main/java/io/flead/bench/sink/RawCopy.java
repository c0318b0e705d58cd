package io.flead.bench.sink;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * The baseline: the sinks' rows, encoded once as COPY text before any clock starts, COPYed through pgjdbc's
 * CopyManager in committed batches of the sinks' batch size into a fresh table of the sinks' table shape.
 */
final class RawCopy {
    private final BenchDb db;
    private final String columns;
    private final List<byte[]> chunks;
    private final long rows;

    private RawCopy(BenchDb db, String columns, List<byte[]> chunks, long rows) {
        this.db = db;
        this.columns = columns;
        this.chunks = chunks;
        this.rows = rows;
    }

    /** Appends the COPY text line of row {@code i}. */
    interface RowText {
        void append(StringBuilder out, long i);
    }

    /** Encodes rows 0 .. {@code rows - 1} with {@code rowText} (lines for {@code columns}) in chunks of {@code batch} rows. */
    static RawCopy encode(BenchDb db, String columns, RowText rowText, long rows, int batch) {
        List<byte[]> chunks = new ArrayList<>();
        StringBuilder text = new StringBuilder(batch * 700);
        for (long from = 0; from < rows; from += batch) {
            text.setLength(0);
            for (long i = from; i < Math.min(rows, from + batch); i++) {
                rowText.append(text, i);
            }
            chunks.add(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        return new RawCopy(db, columns, chunks, rows);
    }

    /** COPYs the first {@code chunkCount} chunks into {@code table} (which must exist) untimed, to warm caches. */
    void warmUp(String table, int chunkCount) throws SQLException {
        try (Connection c = db.connect()) {
            copy(c, table, chunks.subList(0, Math.min(chunkCount, chunks.size())));
        }
    }

    /** Rows per second COPYing every row into {@code table}, which must exist, empty, with the sinks' indexes. */
    double rowsPerSecond(String table, CpuMeter cpu) throws SQLException {
        try (Connection c = db.connect()) {
            cpu.start();
            long start = System.nanoTime();
            copy(c, table, chunks);
            double seconds = (System.nanoTime() - start) / 1e9;
            // reported before the connection closes, while its backend's CPU time is still its own
            System.out.printf("# raw COPY into %s: %d rows in %.2f s (%s)%n", table, rows, seconds, cpu.report());
            return rows / seconds;
        }
    }

    private void copy(Connection c, String table, List<byte[]> batches) throws SQLException {
        String sql = "COPY \"" + table + "\" (" + columns + ") FROM STDIN";
        c.setAutoCommit(false);
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        for (byte[] chunk : batches) {
            CopyIn in = copy.copyIn(sql);
            in.writeToCopy(chunk, 0, chunk.length);
            in.endCopy();
            c.commit();
        }
    }
}
