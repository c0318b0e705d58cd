package io.flead.platform.up;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.embedded.EmbeddedPostgres;
import io.flead.embedded.testing.TimescaleDbExtension;
import io.flead.platform.analytics.MinuteAggregates;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flead up --jdbc-url} against a real TimescaleDB: the schema step makes the per-minute continuous aggregates
 * once the sink has created its tables, and their refresh policies (not the test) materialise the pipeline's rows.
 */
class MinuteAggregatesOnTimescaleDbIT {
    @RegisterExtension
    static final TimescaleDbExtension TIMESCALE = new TimescaleDbExtension();

    @TempDir
    Path work;

    @Test
    void refreshPoliciesFillTheContinuousAggregatesWithThePipelinesRows() throws Exception {
        String url = TIMESCALE.server().createDatabase("flead_up_aggregates_it");
        UpOptions options = UpOptions.defaults(work).withPorts(0, 0, 0).withDemoData(6, 100)
            .withRun(1000, 5, 25, true, true).withDatabase(url, EmbeddedPostgres.USER, null);
        try (Platform platform = Platform.start(options); Connection db = platform.connectDatabase()) {
            long expected = platform.expectedRows();
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            long materialised = -1;
            while (System.nanoTime() < deadline) {
                MinuteAggregates.Result made = platform.minuteAggregates().result();
                if (made != null && made.made().contains("telemetry_device_minute")) {
                    materialised = materialisedRows(db);
                    if (materialised == expected) {
                        break;
                    }
                }
                Thread.sleep(2000);
            }
            assertThat(platform.minuteAggregates().result().kind()).isEqualTo(MinuteAggregates.Kind.CONTINUOUS_AGGREGATES);
            assertThat(materialised).as("telemetry rows materialised by the refresh policy").isEqualTo(expected)
                .isEqualTo(single(db, "SELECT count(*) FROM telemetry"));
            assertThat(single(db, "SELECT sum(rows) FROM telemetry_device_minute")).isEqualTo(expected);
        }
    }

    /** The telemetry rows counted in the aggregate's materialisation, without the real-time part over the raw rows. */
    private static long materialisedRows(Connection db) throws SQLException {
        String table = null;
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT materialization_hypertable_schema "
            + "|| '.' || materialization_hypertable_name FROM timescaledb_information.continuous_aggregates "
            + "WHERE view_name = 'telemetry_device_minute'")) {
            if (rs.next()) {
                table = rs.getString(1);
            }
        }
        if (table == null) {
            return -1;
        }
        // below the watermark the real-time view reads the materialisation alone: what the policy has written
        return single(db, "SELECT coalesce(sum(rows), 0) FROM telemetry_device_minute WHERE bucket < "
            + "_timescaledb_functions.to_timestamp(_timescaledb_functions.cagg_watermark((SELECT mat_hypertable_id "
            + "FROM _timescaledb_catalog.continuous_agg WHERE user_view_name = 'telemetry_device_minute')))");
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
