package io.flead.bench.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves every chunk of a hypertable to TimescaleDB's columnstore ({@code convert_to_columnstore}, 2.18+) and reads
 * its size before and after from {@code hypertable_columnstore_stats}, for {@code sink.timescaledb.compression_ratio}.
 */
final class Columnstore {
    /** The hypertable's chunks (parameter: the table). */
    static final String CHUNKS = "SELECT c::text FROM show_chunks(?::regclass) c ORDER BY 1";
    /** Chunks, chunks in the columnstore, total bytes before and after (parameter: the table). */
    static final String STATS = "SELECT total_chunks, number_compressed_chunks, before_compression_total_bytes, "
            + "after_compression_total_bytes FROM hypertable_columnstore_stats(?::regclass)";

    /** The sizes of a hypertable whose chunks are all in the columnstore. */
    record Sizes(long chunks, long compressedChunks, long beforeBytes, long afterBytes) {
        double ratio() {
            return (double) beforeBytes / afterBytes;
        }
    }

    private Columnstore() {
    }

    /** The columnstore settings the sink gives a table with a device: segmented by device, newest first. */
    static String enable(String table, String segmentBy, String timeColumn) {
        return "ALTER TABLE \"" + table + "\" SET (timescaledb.enable_columnstore = true, timescaledb.segmentby = '\""
                + segmentBy + "\"', timescaledb.orderby = '\"" + timeColumn + "\" DESC')";
    }

    /** Converts every chunk of {@code table} not yet in the columnstore, then reads its sizes. */
    static Sizes compressAll(Connection c, String table) throws SQLException {
        List<String> chunks = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(CHUNKS)) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    chunks.add(rs.getString(1));
                }
            }
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            for (String chunk : chunks) {
                s.execute("CALL convert_to_columnstore('" + chunk.replace("'", "''") + "', if_not_columnstore => true)");
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return sizes(c, table);
    }

    static Sizes sizes(Connection c, String table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(STATS)) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("No columnstore statistics for " + table + ": is it a hypertable?");
                }
                return new Sizes(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }
}
