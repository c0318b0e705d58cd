package io.flead.platform.api;

import io.flead.platform.up.Platform;
import io.flead.platform.up.ShortDemoRuns;
import io.flead.platform.up.UpOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real {@code flead up} (broker, Connect, PostgreSQL, the four functions and the API on an ephemeral port) on small
 * demo data, run until every table has settled; one per IT class.
 */
final class SettledPlatform implements AutoCloseable {
    static final int DEVICES = 20;
    static final int ROWS = 300;
    static final List<String> TABLES = List.of("telemetry", "local_models", "global_models", "anomalies", "drift_alerts");

    final Platform platform;
    final Connection db;

    private SettledPlatform(Platform platform) throws SQLException {
        this.platform = platform;
        this.db = platform.connectDatabase();
    }

    /**
     * Replays 20 devices x 300 rows at 1,000 rows/s with rounds of 5 updates, with drift-check scaled to the short files
     * ({@link ShortDemoRuns}), and waits until the tables settle.
     */
    static SettledPlatform start(Path work) throws Exception {
        Platform p = Platform.start(ShortDemoRuns.withDriftScaledTo300Rows(UpOptions.defaults(work).withPorts(0, 0, 0)
            .withDemoData(DEVICES, ROWS).withRun(1000, 5, 50, true, true)));
        SettledPlatform s = new SettledPlatform(p);
        try {
            s.awaitSettled(Duration.ofMinutes(5));
            // A round left open with enough devices would close at its deadline in the middle of the tests: close it now.
            ApiClient.Answer closed = new ApiClient(p.apiUrl(), p.apiToken()).post("/api/rounds/close", null);
            if (closed.status() == 200) {
                s.awaitSettled(Duration.ofMinutes(1));
            }
        } catch (Exception | Error e) {
            s.close();
            throw e;
        }
        return s;
    }

    private void awaitSettled(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> last = Map.of();
        int stable = 0;
        while (System.nanoTime() < deadline) {
            Map<String, Long> counts = counts();
            boolean complete = counts.size() == TABLES.size() && counts.get("telemetry") == platform.expectedRows();
            stable = complete && counts.equals(last) ? stable + 1 : 0;
            if (stable >= 4) {
                return;
            }
            last = counts;
            Thread.sleep(2000);
        }
        throw new AssertionError("pipeline did not settle within " + timeout + ": " + counts());
    }

    Map<String, Long> counts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            if (((Number) Sql.one(db, "SELECT count(*) FROM pg_tables WHERE tablename = ?", table)).longValue() > 0) {
                counts.put(table, ((Number) Sql.one(db, "SELECT count(*) FROM " + table)).longValue());
            }
        }
        return counts;
    }

    @Override
    public void close() throws SQLException {
        try {
            db.close();
        } finally {
            platform.close();
        }
    }
}
