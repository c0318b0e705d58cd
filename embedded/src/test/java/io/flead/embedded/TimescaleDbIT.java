package io.flead.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.embedded.testing.TimescaleDbExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared kit's TimescaleDB started by {@link TimescaleDbExtension}: the real extension, databases, a restart. */
class TimescaleDbIT {
    @RegisterExtension
    static final TimescaleDbExtension TIMESCALE = new TimescaleDbExtension();

    @Test
    void runsTheRealExtensionAndKeepsRowsAcrossARestartOnTheSamePort() throws SQLException {
        TimescaleDb db = TIMESCALE.server();
        assertThat(db.extensionVersion()).isEqualTo("2.28.3");
        String url = db.createDatabase("timescale_db_it");
        assertThat(db.createDatabase("timescale_db_it")).isEqualTo(url);
        try (Connection c = db.connect(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE m (time timestamptz NOT NULL, v int)");
            s.execute("SELECT create_hypertable('m', by_range('time'))");
            s.execute("INSERT INTO m VALUES ('2026-11-01T00:00:00Z', 1), ('2026-12-01T00:00:00Z', 2)");
        }
        db.restart();
        assertThat(db.jdbcUrl(TimescaleDb.DATABASE)).isEqualTo(db.jdbcUrl());
        assertThat(strings(db, url, "SELECT hypertable_name || ':' || num_chunks FROM timescaledb_information.hypertables"))
                .containsExactly("m:2");
        assertThat(strings(db, url, "SELECT v::text FROM m ORDER BY time")).containsExactly("1", "2");
    }

    private static List<String> strings(TimescaleDb db, String url, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
