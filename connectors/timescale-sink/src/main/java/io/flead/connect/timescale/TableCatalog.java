package io.flead.connect.timescale;

import io.flead.connect.timescale.core.Column;
import io.flead.connect.timescale.core.ColumnCap;
import io.flead.connect.timescale.core.ColumnInference;
import io.flead.connect.timescale.core.ColumnType;
import io.flead.connect.timescale.core.HypertablePlan;
import io.flead.connect.timescale.core.HypertableSettings;
import io.flead.connect.timescale.core.PostgresDialect;
import io.flead.connect.timescale.core.Row;
import io.flead.connect.timescale.core.RowShape;
import io.flead.connect.timescale.core.TableTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Knows the sink's tables and their columns; creates and evolves them (in their own transactions) as needed. */
final class TableCatalog {
    private static final Logger log = LoggerFactory.getLogger(TableCatalog.class);
    private static final Set<String> RACE_STATES = Set.of("42P07", "23505", "42701", "42710");

    private final TimescaleSinkConfig config;
    private final Map<String, Map<String, ColumnType>> tables = new HashMap<>();
    private final Map<String, Map<String, String>> udts = new HashMap<>();
    private final Set<String> ignoredFields = new HashSet<>();
    /** Hypertables whose settings this task has applied since it started. */
    private final Set<String> settled = new HashSet<>();
    private String timescaleVersion;

    TableCatalog(TimescaleSinkConfig config) {
        this.config = config;
    }

    /** Called on each new connection: detects the timescaledb extension. */
    void onConnect(Connection c) throws SQLException {
        timescaleVersion = null;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(PostgresDialect.selectTimescaleVersion())) {
            if (rs.next()) {
                timescaleVersion = rs.getString(1);
            }
        }
        c.commit();
        log.info("TimescaleDB extension {}", timescaleVersion == null ? "absent: plain tables with BRIN time indexes"
                : "version " + timescaleVersion + " present: hypertables");
    }

    /**
     * The rows whose new fields would make their table wider than {@code auto.evolve.max.columns}, when the sink
     * would add columns for them (creating the table, or with {@code auto.evolve}).
     */
    List<ColumnCap.Refusal> refusals(Connection c, List<Row> rows) throws SQLException {
        Map<TableTarget, List<Row>> byTable = new LinkedHashMap<>();
        TableTarget previous = null;
        List<Row> run = null;
        for (Row row : rows) {
            if (row.target() != previous) { // a batch holds runs of one topic's rows: one map lookup per run
                previous = row.target();
                run = byTable.computeIfAbsent(previous, t -> new ArrayList<>());
            }
            run.add(row);
        }
        List<ColumnCap.Refusal> refused = new ArrayList<>();
        for (Map.Entry<TableTarget, List<Row>> e : byTable.entrySet()) {
            Map<String, ColumnType> existing = columns(c, e.getKey().table());
            if (existing.isEmpty() ? config.autoCreate() : config.autoEvolve()) {
                refused.addAll(ColumnCap.refusals(e.getKey(), existing.keySet(), e.getValue(), config.maxColumns()));
            }
        }
        return refused;
    }

    /** Makes sure the table of {@code rows} exists with their columns; returns the columns to write, in table order. */
    List<Column> prepare(Connection c, TableTarget target, List<Row> rows) throws SQLException {
        Map<String, ColumnType> existing = columns(c, target.table());
        if (existing.isEmpty()) {
            if (!config.autoCreate()) {
                throw new ConnectException("Table '" + target.table() + "' does not exist and '"
                        + TimescaleSinkConfig.AUTO_CREATE + "' is false");
            }
            runDdl(c, target.table(), createStatements(target, ColumnInference.infer(target, rows)));
        } else {
            List<Column> missing = ColumnInference.missing(target, rows, existing);
            if (!missing.isEmpty() && config.autoEvolve()) {
                runDdl(c, target.table(), missing.stream().map(col -> PostgresDialect.addColumn(target.table(), col)).toList());
            } else if (!missing.isEmpty()) {
                warnIgnored(target, missing);
            }
        }
        if (timescaleVersion != null && settled.add(target.table())) {
            settleHypertable(c, target);
        }
        Map<String, ColumnType> current = columns(c, target.table());
        return writable(current, udts.getOrDefault(target.table(), Map.of()), rows);
    }

    /**
     * Brings the table's chunk interval, columnstore and retention policies to the configuration, once per task start
     * (on the table's first batch): only what differs is changed, so a restart with the same settings changes nothing.
     */
    private void settleHypertable(Connection c, TableTarget target) throws SQLException {
        String table = target.table();
        try (PreparedStatement ps = c.prepareStatement(PostgresDialect.selectIsHypertable())) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    c.commit();
                    log.warn("Table '{}' is a plain table (made before the timescaledb extension was installed): its "
                            + "chunk interval, columnstore and retention settings do not apply", table);
                    return;
                }
            }
        }
        HypertableSettings settings = config.hypertable(target);
        HypertablePlan.Policies policies = policies(c, settings);
        runDdl(c, table, HypertablePlan.statements(settings, policies));
    }

    private static HypertablePlan.Policies policies(Connection c, HypertableSettings settings) throws SQLException {
        boolean columnstore = false;
        boolean columnstoreSame = false;
        boolean retention = false;
        boolean retentionSame = false;
        try (PreparedStatement ps = c.prepareStatement(PostgresDialect.selectPolicies())) {
            ps.setString(1, settings.columnstoreAfter() == null ? null : PostgresDialect.normalInterval(settings.columnstoreAfter()));
            ps.setString(2, settings.retention() == null ? null : PostgresDialect.normalInterval(settings.retention()));
            ps.setString(3, settings.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1).equals("policy_compression")) {
                        columnstore = true;
                        columnstoreSame = rs.getBoolean(2);
                    } else {
                        retention = true;
                        retentionSame = rs.getBoolean(2);
                    }
                }
            }
        }
        c.commit();
        return new HypertablePlan.Policies(columnstore, columnstoreSame, retention, retentionSame);
    }

    private List<String> createStatements(TableTarget target, List<Column> columns) {
        String table = target.table();
        List<String> ddl = new ArrayList<>();
        ddl.add(PostgresDialect.createTable(table, columns));
        if (timescaleVersion != null) {
            ddl.add(PostgresDialect.createHypertable(table, target.timeColumn(), config.hypertable(target).chunkInterval()));
        } else {
            ddl.add(PostgresDialect.brinIndex(table, target.timeColumn()));
        }
        if (!target.keyColumns().isEmpty()) {
            ddl.add(PostgresDialect.uniqueIndex(table, target.keyColumns()));
        }
        return ddl;
    }

    private void runDdl(Connection c, String table, List<String> statements) throws SQLException {
        tables.remove(table);
        for (int attempt = 1; ; attempt++) {
            try (Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
                c.commit();
                log.info("Prepared table '{}': {}", table, statements);
                return;
            } catch (SQLException e) {
                c.rollback();
                // Another task may have created the same table or column at the same moment: just try again.
                if (attempt >= 3 || !RACE_STATES.contains(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    private Map<String, ColumnType> columns(Connection c, String table) throws SQLException {
        Map<String, ColumnType> cached = tables.get(table);
        if (cached != null) {
            return cached;
        }
        Map<String, ColumnType> found = new LinkedHashMap<>();
        Map<String, String> foundUdts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(PostgresDialect.selectColumns())) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), ColumnType.fromCatalog(rs.getString(2), rs.getString(3)));
                    foundUdts.put(rs.getString(1), rs.getString(3) == null ? null : rs.getString(3).toLowerCase(Locale.ROOT));
                }
            }
        }
        c.commit();
        if (!found.isEmpty()) {
            tables.put(table, found);
            udts.put(table, foundUdts);
        }
        return found;
    }

    private static List<Column> writable(Map<String, ColumnType> existing, Map<String, String> udts, List<Row> rows) {
        Set<String> present = new HashSet<>();
        for (RowShape shape : ColumnInference.shapes(rows)) {
            present.addAll(shape.names());
        }
        List<Column> columns = new ArrayList<>();
        existing.forEach((name, type) -> {
            if (present.contains(name)) {
                columns.add(new Column(name, type, false, udts.get(name)));
            }
        });
        return columns;
    }

    private void warnIgnored(TableTarget target, List<Column> missing) {
        for (Column c : missing) {
            if (ignoredFields.add(target.table() + "." + c.name())) {
                log.warn("Field '{}' has no column in table '{}' and '{}' is false: ignoring it", c.name(),
                        target.table(), TimescaleSinkConfig.AUTO_EVOLVE);
            }
        }
    }
}
