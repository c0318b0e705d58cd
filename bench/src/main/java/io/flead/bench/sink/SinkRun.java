package io.flead.bench.sink;

import io.flead.embedded.ConnectRestClient;
import io.flead.embedded.ConnectResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Times one sink connector from resume to the last row: it is created paused (so task start-up and the
 * consumer-group join are not timed), resumed, and the end is the {@code written_at} stamp of the last row.
 */
final class SinkRun {
    private final ConnectRestClient rest;
    private final BenchDb db;
    private final CpuMeter cpu;

    SinkRun(ConnectRestClient rest, BenchDb db, CpuMeter cpu) {
        this.rest = rest;
        this.db = db;
        this.cpu = cpu;
    }

    /** Rows per second for {@code expectedRows} rows landing in {@code table}. */
    double rowsPerSecond(String name, Map<String, String> config, String table, long expectedRows) throws Exception {
        create(name, config);
        rest.awaitState(name, "PAUSED", Duration.ofSeconds(60));
        Thread.sleep(3_000); // let the task start and its consumer join the group
        checkpoint();
        long start = System.currentTimeMillis();
        cpu.start();
        rest.resume(name);
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        long rows = 0;
        while ((rows = landed(table, expectedRows)) < expectedRows) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": only " + rows + " of " + expectedRows + " rows after 20 minutes");
            }
            if (rest.connectorStatus(name).hasFailed()) {
                throw new IllegalStateException(name + " failed: " + rest.connectorStatus(name).firstTrace());
            }
            Thread.sleep(1_000);
        }
        String usage = cpu.report();
        double seconds = (lastWrite(table) - start) / 1000.0;
        rest.delete(name);
        drop(table);
        System.out.printf("# %s: %d rows in %.2f s (until seen: %s)%n", name, rows, seconds, usage);
        return expectedRows / seconds;
    }

    /** Runs a connector until {@code rows} rows are in {@code table}, untimed, to warm up the JIT and caches. */
    void warmUp(String name, Map<String, String> config, String table, long rows) throws Exception {
        create(name, config);
        rest.awaitState(name, "PAUSED", Duration.ofSeconds(60));
        rest.resume(name);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (countOrZero(table) < rows && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        rest.delete(name);
        System.out.printf("# warm-up %s: %d rows%n", name, countOrZero(table));
    }

    private long countOrZero(String table) {
        try {
            return count(table);
        } catch (SQLException e) {
            return 0; // not created yet
        }
    }

    private void create(String name, Map<String, String> config) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("config", config);
        body.put("initial_state", "PAUSED");
        ConnectResponse answer = rest.send("POST", "connectors", toJson(body));
        if (!answer.isSuccess()) {
            throw new IllegalStateException("Cannot create " + name + ": " + answer.status() + " " + answer.body());
        }
    }

    /**
     * The rows in {@code table}, cheaply while fewer than {@code expected} can be there: the statistics' insert
     * counter (which also counts rolled-back inserts) is polled, and only when it reaches {@code expected} are
     * the rows counted, since a count(*) every second would scan the growing table inside the timed run. A
     * hypertable's rows are counted in its chunks, which inherit from it.
     */
    private long landed(String table, long expected) throws SQLException {
        String regclass = "'\"" + table.replace("'", "''") + "\"'::regclass";
        long inserted = single("SELECT coalesce(sum(n_tup_ins), 0) FROM pg_stat_user_tables WHERE relid = " + regclass
                + " OR relid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = " + regclass + ")");
        return inserted < expected ? inserted : count(table);
    }

    long count(String table) throws SQLException {
        return single("SELECT count(*) FROM \"" + table + "\"");
    }

    private long lastWrite(String table) throws SQLException {
        return single("SELECT (extract(epoch FROM max(written_at)) * 1000)::bigint FROM \"" + table + "\"");
    }

    /** Drops a measured table, so its pages do not crowd shared buffers and the OS cache during the next run. */
    void drop(String table) throws SQLException {
        execute("DROP TABLE IF EXISTS \"" + table + "\"");
    }

    /** Flushes dirty buffers now, so no timed run pays for the checkpoint an earlier run left due. */
    void checkpoint() throws SQLException {
        execute("CHECKPOINT");
    }

    void execute(String... sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    private long single(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @SuppressWarnings("unchecked")
    private static String toJson(Object value) {
        if (value instanceof Map<?, ?> map) {
            return ((Map<String, Object>) map).entrySet().stream()
                    .map(e -> quote(e.getKey()) + ":" + toJson(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        return quote(String.valueOf(value));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
