package io.flead.bench.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.flead.embedded.TimescaleDb;
import io.flead.embedded.testing.TimescaleDbExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code sink.timescaledb.compression_ratio}'s steps on a real TimescaleDB: the bench's telemetry hypertable (the
 * sink's layout, 7-day chunks, columnstore by device) over four chunks, every chunk moved to the columnstore, and the
 * sizes read back; the target parsed as {@code flead bench sink --target timescaledb --jdbc-url} gets it.
 */
class ColumnstoreIT {
    @RegisterExtension
    static final TimescaleDbExtension TIMESCALE = new TimescaleDbExtension();

    @Test
    void everyChunkGoesToTheColumnstoreAndTheRatioIsItsSizeBeforeOverAfter() throws SQLException {
        TimescaleDb server = TIMESCALE.server();
        String url = server.createDatabase("bench_columnstore_it");
        SinkTarget target = SinkTarget.parse(new String[] {"--target", "timescaledb", "--jdbc-url", url});
        BenchDb db = new BenchDb(target.jdbcUrl(), target.user(), null, null, target.timescale());
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(BenchTelemetry.sinkTelemetryTable("bench_telemetry"));
            for (String sql : BenchTelemetry.hypertable("bench_telemetry", "time", false)) {
                s.execute(sql);
            }
            s.execute(Columnstore.enable("bench_telemetry", "device_id", "time"));
            // 60,000 rows 30 s apart: 500 hours, so four 7-day chunks
            s.execute("INSERT INTO bench_telemetry SELECT TIMESTAMPTZ '2026-11-01 00:00:00+00' + i * INTERVAL '30 seconds', "
                + "'dev-' || (i % 10), i, jsonb_build_object('f01', (i % 100)::float8, 'f02', (i % 7)::float8), "
                + "(i % 10 = 0)::int, 'Normal' FROM generate_series(0, 59999) i");
            long chunks = single(s, "SELECT count(*) FROM show_chunks('bench_telemetry')");
            long sizeBefore = single(s, "SELECT sum(pg_total_relation_size(c)) FROM show_chunks('bench_telemetry') c");

            Columnstore.Sizes sizes = Columnstore.compressAll(c, "bench_telemetry");

            assertThat(chunks).isEqualTo(4);
            assertThat(sizes.chunks()).isEqualTo(chunks);
            assertThat(sizes.compressedChunks()).isEqualTo(chunks);
            assertThat(sizes.beforeBytes()).isEqualTo(sizeBefore);
            assertThat(sizes.afterBytes()).isPositive().isLessThan(sizeBefore);
            assertThat(sizes.ratio()).isCloseTo((double) sizeBefore / sizes.afterBytes(), offset(1e-12));
            assertThat(single(s, "SELECT count(*) FROM bench_telemetry")).isEqualTo(60_000);
            assertThat(single(s, "SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = "
                + "'bench_telemetry' AND NOT is_compressed")).isZero();
            // a second pass finds every chunk already in the columnstore and reads the same sizes
            assertThat(Columnstore.compressAll(c, "bench_telemetry")).isEqualTo(sizes);
        }
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
