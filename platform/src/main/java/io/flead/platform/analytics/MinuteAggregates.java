package io.flead.platform.analytics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-minute analytics schema over the sink's tables: {@code telemetry_device_minute},
 * {@code anomaly_device_minute} and {@code drift_device_minute} (per device per minute), and on top of them
 * {@code device_minute} (rows, anomalies, anomaly rate, mean score, mean of four key features) and
 * {@code fleet_minute} (rows, anomalies and drift alerts per minute across the fleet).
 *
 * <p>With the timescaledb extension the three per-device relations are continuous aggregates with refresh policies;
 * on plain PostgreSQL they are views with the same names and columns that bin the raw rows with {@code date_bin} at
 * query time. Readers (Grafana, the REST API) therefore run the same SQL on both databases, and the fallback is
 * the same query the continuous aggregates materialise.
 *
 * <p>The sink creates its tables lazily, when the first record of a topic arrives, and infers their columns from the
 * records, so this schema cannot be created before the pipeline has written: creating the tables here with a copy of
 * the sink's inferred layout would be a second definition of it that could disagree. Instead {@link #create} makes
 * each relation once the tables it reads exist, and is called again until all are made ({@link MinuteAggregatesStep}
 * in {@code flead up}, {@link MinuteAggregatesMain} in compose's init job): a run without drift alerts still gets its
 * telemetry and anomaly aggregates. Every statement is idempotent, so running it again is harmless. The telemetry
 * aggregate reads the features from the sink's default {@code features} jsonb column.
 */
public final class MinuteAggregates {
    /** The sink's tables the aggregates read. */
    public static final List<String> SOURCE_TABLES = List.of("telemetry", "anomalies", "drift_alerts");
    /** The per-device-minute relations: continuous aggregates on TimescaleDB, date_bin views otherwise. */
    public static final List<String> PER_DEVICE = List.of("telemetry_device_minute", "anomaly_device_minute",
        "drift_device_minute");
    /** Every relation, in the order they are made, with the sink tables each needs. */
    static final List<Relation> RELATIONS = List.of(
        new Relation("telemetry_device_minute", List.of("telemetry"), true),
        new Relation("anomaly_device_minute", List.of("anomalies"), true),
        new Relation("drift_device_minute", List.of("drift_alerts"), true),
        new Relation("device_minute", List.of("telemetry", "anomalies"), false),
        new Relation("fleet_minute", SOURCE_TABLES, false));

    /** How the per-device-minute relations are made. */
    public enum Kind { CONTINUOUS_AGGREGATES, DATE_BIN_VIEWS }

    /** One relation of the schema: per-device ones have a script per database, views on top of them one script. */
    record Relation(String name, List<String> sources, boolean perDatabase) {
        String script(boolean timescale) {
            return (perDatabase ? (timescale ? "timescaledb/" : "postgres/") : "") + name + ".sql";
        }
    }

    /** What {@link #create} made: the kind, the relations that now exist and those still waiting for sink tables. */
    public record Result(Kind kind, List<String> made, List<String> waiting) {
        public boolean complete() {
            return waiting.isEmpty();
        }
    }

    private MinuteAggregates() {
    }

    /** The statements making {@code relation} on a database with ({@code timescale}) or without the extension. */
    public static List<String> statements(String relation, boolean timescale) {
        Relation r = RELATIONS.stream().filter(x -> x.name().equals(relation)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("Unknown per-minute relation '" + relation + "'"));
        return split(resource(r.script(timescale)));
    }

    /** The names of every relation, in the order they are made. */
    public static List<String> relations() {
        return RELATIONS.stream().map(Relation::name).toList();
    }

    /** Splits a script of {@code ;}-terminated statements, dropping {@code --} comment lines. */
    static List<String> split(String script) {
        StringBuilder text = new StringBuilder();
        script.lines().filter(l -> !l.strip().startsWith("--")).forEach(l -> text.append(l).append('\n'));
        List<String> statements = new ArrayList<>();
        for (String s : text.toString().split(";\\s*\n")) {
            if (!s.isBlank()) {
                statements.add(s.strip());
            }
        }
        return statements;
    }

    /** True when the timescaledb extension is installed in the connection's database. */
    public static boolean timescale(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'")) {
            return rs.next();
        }
    }

    /** True when the anomaly aggregate the API counts with is a TimescaleDB continuous aggregate. */
    public static boolean continuous(Connection c) throws SQLException {
        return continuousAggregates(c).contains("anomaly_device_minute");
    }

    /**
     * True when the API's per-device totals can be read from the aggregates: telemetry and anomaly aggregates that are
     * continuous aggregates, the telemetry one with each minute's {@code first_time} and {@code last_time} (an
     * aggregate made before those columns is remade by {@link #create}).
     */
    public static boolean deviceTotals(Connection c) throws SQLException {
        if (!continuousAggregates(c).containsAll(List.of("telemetry_device_minute", "anomaly_device_minute"))) {
            return false;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1 FROM information_schema.columns "
            + "WHERE table_schema = current_schema() AND table_name = 'telemetry_device_minute' AND column_name = 'last_time'")) {
            return rs.next();
        }
    }

    /** The per-device relations that are continuous aggregates in the connection's database and schema. */
    public static List<String> continuousAggregates(Connection c) throws SQLException {
        if (!timescale(c)) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT view_name FROM timescaledb_information.continuous_aggregates "
            + "WHERE view_schema = current_schema() AND view_name = ANY (?) ORDER BY 1")) {
            s.setArray(1, c.createArrayOf("text", PER_DEVICE.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    /**
     * Makes every relation whose sink tables exist (idempotent) and names those still waiting. Continuous aggregates
     * cannot be created inside a transaction block, so each statement runs on its own in autocommit.
     */
    public static Result create(Connection c) throws SQLException {
        boolean timescale = timescale(c);
        List<String> made = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            for (Relation r : RELATIONS) {
                if (!allExist(c, r.sources())) {
                    waiting.add(r.name());
                    continue;
                }
                for (String sql : split(resource(r.script(timescale)))) {
                    s.execute(sql);
                }
                made.add(r.name());
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return new Result(timescale ? Kind.CONTINUOUS_AGGREGATES : Kind.DATE_BIN_VIEWS, made, waiting);
    }

    /**
     * Refreshes every continuous aggregate over its whole history now, as its policy does on its schedule (rows
     * written below an aggregate's last refresh, such as a late or replayed device's, show up only after one); a
     * no-op on plain PostgreSQL, whose views are always current.
     */
    public static void refresh(Connection c) throws SQLException {
        List<String> views = continuousAggregates(c);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            for (String view : views) {
                refresh(s, view);
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** Refreshes one aggregate, waiting out a refresh its policy is running at the same time (for up to 60 s). */
    private static void refresh(Statement s, String view) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                s.execute("CALL refresh_continuous_aggregate('" + view + "', NULL, NULL)");
                return;
            } catch (SQLException e) {
                if (attempt >= 300 || e.getMessage() == null || !e.getMessage().contains("concurrent refresh")) {
                    throw e;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("Interrupted while waiting to refresh " + view, e);
            }
        }
    }

    private static boolean allExist(Connection c, List<String> tables) throws SQLException {
        for (String table : tables) {
            try (PreparedStatement s = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                s.setString(1, table);
                try (ResultSet rs = s.executeQuery()) {
                    if (!(rs.next() && rs.getBoolean(1))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static String resource(String name) {
        try (InputStream in = MinuteAggregates.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name + " next to " + MinuteAggregates.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
