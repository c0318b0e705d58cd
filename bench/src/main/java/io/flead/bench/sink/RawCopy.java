package io.flead.bench.sink;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/** The baseline: the same rows, pre-encoded, COPYed through pgjdbc's CopyManager in committed batches. */
final class RawCopy {
    private RawCopy() {
    }

    /** Rows per second COPYing {@code rows} DESIGN rows into {@code table} in batches of {@code batch} rows. */
    static double rowsPerSecond(String jdbcUrl, String table, BenchTelemetry data, long rows, int batch) throws Exception {
        List<byte[]> chunks = new ArrayList<>();
        StringBuilder text = new StringBuilder(batch * 700);
        for (long from = 0; from < rows; from += batch) {
            text.setLength(0);
            for (long i = from; i < Math.min(rows, from + batch); i++) {
                data.appendCopyRow(text, i);
            }
            chunks.add(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        String sql = "COPY \"" + table + "\" (\"time\", \"device_id\", \"seq\", \"features\", \"label\", \"attack_type\") FROM STDIN";
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            c.setAutoCommit(false);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            long start = System.nanoTime();
            for (byte[] chunk : chunks) {
                CopyIn in = copy.copyIn(sql);
                in.writeToCopy(chunk, 0, chunk.length);
                in.endCopy();
                c.commit();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("# raw COPY: %d rows in %.2f s%n", rows, seconds);
            return rows / seconds;
        }
    }
}
