package io.flead.platform.up;

import io.flead.platform.DbPassword;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * Options of {@code flead up}.
 *
 * @param workDir        where the broker's data, PostgreSQL's data, generated devices and state live (reused)
 * @param dataDir        device CSV files to replay; null to generate demo devices
 * @param devices        demo devices to generate when {@code dataDir} is null; after {@link #withDeviceCount}, the
 *                       devices of the fleet actually replayed
 * @param rows           rows per demo device
 * @param driftPercent   share of demo devices generated with drift
 * @param seed           seed of the demo data
 * @param kafkaPort      port of the embedded broker
 * @param connectPort    REST port of the embedded Connect worker
 * @param postgresPort   port of the embedded PostgreSQL
 * @param jdbcUrl        an existing TimescaleDB/PostgreSQL instead of the embedded one; null for embedded
 * @param dbUser         database user for {@code jdbcUrl}
 * @param dbPassword     database password for {@code jdbcUrl}, from {@code --db-password-file} or
 *                       {@code FLEAD_DB_PASSWORD} (never a flag); the embedded PostgreSQL has a generated one
 * @param externalKafka  bootstrap servers of an existing cluster; null for the embedded broker
 * @param connectUrl     REST URL of an existing Connect cluster; null for the embedded worker
 * @param replayRate     rows/s the source replays in total; 0 for as fast as possible
 * @param sourceTasks    source connector tasks
 * @param roundSize      local updates per federated round (K); 0 (the default) for one update of every device, at
 *                       most {@value #MAX_AUTO_ROUND_SIZE} (see {@link #withDeviceCount})
 * @param triggerRows    rows per device between local updates (N)
 * @param headless       no live terminal view; log a line per interval instead
 * @param exitWhenDone   stop once every row is replayed and the pipeline is idle (tests, benchmarks)
 * @param functionConfig per function name, configuration keys that override its defaults ({@code --set fn:key=value})
 * @param apiPort        port of the REST API and web console on 127.0.0.1 ({@code --api-port}); 0 for an ephemeral port
 */
public record UpOptions(Path workDir, Path dataDir, int devices, int rows, int driftPercent, long seed,
                        int kafkaPort, int connectPort, int postgresPort, String jdbcUrl, String dbUser,
                        String dbPassword, String externalKafka, String connectUrl, int replayRate, int sourceTasks,
                        int roundSize, int triggerRows, boolean headless, boolean exitWhenDone,
                        Map<String, Map<String, String>> functionConfig, int apiPort) {

    /** The largest round size chosen automatically for a fleet ({@code --round-size 0}, the default). */
    public static final int MAX_AUTO_ROUND_SIZE = 100;
    /** The least staleness bound {@code flead up} gives fedavg, fedavg's own default (see {@link #fleetStalenessBound}). */
    public static final int MIN_STALENESS_BOUND = 5;

    public UpOptions {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        functionConfig.forEach((fn, values) -> copy.put(fn, Map.copyOf(values)));
        functionConfig = Collections.unmodifiableMap(copy);
    }

    /** The defaults of every option ({@link UpFlags}) with {@code workDir} as the work dir. */
    public static UpOptions defaults(Path workDir) {
        return parse(new String[] {"--work-dir", workDir.toString()}, Map.of());
    }

    public static UpOptions parse(String[] args) {
        return parse(args, System.getenv());
    }

    /**
     * The options of {@code flead up}'s arguments ({@link UpFlags}), with {@code env} as the environment
     * ({@code FLEAD_DB_PASSWORD}); a bad command line is an {@link IllegalArgumentException} naming the flag.
     */
    public static UpOptions parse(String[] args, Map<String, String> env) {
        DbPassword.refuseOnCommandLine(args);
        UpFlags flags = new UpFlags();
        try {
            new CommandLine(flags).setOverwrittenOptionsAllowed(true).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return flags.options(env);
    }

    /** {@code fn:key=value[,fn:key=value…]} into per-function overrides; errors name the entry. */
    static Map<String, Map<String, String>> functionSettings(String spec) {
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            int eq = entry.indexOf('=', colon + 1);
            if (colon <= 0 || eq <= colon + 1) {
                throw new IllegalArgumentException("Invalid value '" + entry + "' for --set: expected function:key=value, "
                    + "e.g. drift-check:drift.window.rows=200");
            }
            result.computeIfAbsent(entry.substring(0, colon).trim(), k -> new LinkedHashMap<>())
                .put(entry.substring(colon + 1, eq).trim(), entry.substring(eq + 1).trim());
        }
        return result;
    }

    /** The ports of the broker, Connect and PostgreSQL; the REST API then takes an ephemeral port (tests, benchmarks). */
    public UpOptions withPorts(int kafka, int connect, int postgres) {
        return withPorts(kafka, connect, postgres, 0);
    }

    public UpOptions withPorts(int kafka, int connect, int postgres, int api) {
        return new UpOptions(workDir, dataDir, devices, rows, driftPercent, seed, kafka, connect, postgres, jdbcUrl,
            dbUser, dbPassword, externalKafka, connectUrl, replayRate, sourceTasks, roundSize, triggerRows, headless,
            exitWhenDone, functionConfig, api);
    }

    /** An existing database ({@code --jdbc-url}, {@code --db-user}, its password or null) instead of the embedded one. */
    public UpOptions withDatabase(String url, String user, String password) {
        return new UpOptions(workDir, dataDir, devices, rows, driftPercent, seed, kafkaPort, connectPort, postgresPort, url,
            user, password, externalKafka, connectUrl, replayRate, sourceTasks, roundSize, triggerRows, headless,
            exitWhenDone, functionConfig, apiPort);
    }

    public UpOptions withDemoData(int deviceCount, int rowCount) {
        return new UpOptions(workDir, dataDir, deviceCount, rowCount, driftPercent, seed, kafkaPort, connectPort,
            postgresPort, jdbcUrl, dbUser, dbPassword, externalKafka, connectUrl, replayRate, sourceTasks, roundSize,
            triggerRows, headless, exitWhenDone, functionConfig, apiPort);
    }

    /**
     * These options with the automatic round size resolved for a fleet of {@code deviceCount} devices. The replay
     * interleaves devices, so they reach their N-th row together and emit their updates in waves: a round of one
     * update per device trains every round on the latest version, where a smaller K would close several rounds at
     * once on the same base. A larger fleet gets rounds of {@value #MAX_AUTO_ROUND_SIZE}, which bounds the round
     * buffer fedavg keeps in its state store. {@code devices} becomes the fleet's size, for
     * {@link #fleetStalenessBound}.
     */
    public UpOptions withDeviceCount(long deviceCount) {
        UpOptions fleet = withDemoData((int) Math.min(Integer.MAX_VALUE, deviceCount), rows);
        if (roundSize > 0) {
            return fleet;
        }
        int k = (int) Math.max(1, Math.min(deviceCount, MAX_AUTO_ROUND_SIZE));
        return fleet.withRun(replayRate, k, triggerRows, headless, exitWhenDone);
    }

    /**
     * The staleness bound fedavg gets for this fleet (after {@link #withDeviceCount}): a wave of updates of the whole
     * fleet, all trained on the same version, spans ceil(devices / K) rounds, so its last updates are that many
     * versions stale before any lag. The bound is four waves, and never below fedavg's own default of
     * {@value #MIN_STALENESS_BOUND}; staleness still weighs each update by (1 + tau)^-0.5.
     */
    public int fleetStalenessBound() {
        long waves = (devices + Math.max(1, roundSize) - 1) / Math.max(1, roundSize);
        return (int) Math.max(MIN_STALENESS_BOUND, Math.min(Integer.MAX_VALUE, 4 * waves));
    }

    public UpOptions withRun(int rate, int round, int trigger, boolean noView, boolean exit) {
        return new UpOptions(workDir, dataDir, devices, rows, driftPercent, seed, kafkaPort, connectPort,
            postgresPort, jdbcUrl, dbUser, dbPassword, externalKafka, connectUrl, rate, sourceTasks, round, trigger,
            noView, exit, functionConfig, apiPort);
    }

    /** These options with {@code percent} of the demo devices generated with drift ({@code --drift-percent}). */
    public UpOptions withDriftPercent(int percent) {
        return new UpOptions(workDir, dataDir, devices, rows, percent, seed, kafkaPort, connectPort,
            postgresPort, jdbcUrl, dbUser, dbPassword, externalKafka, connectUrl, replayRate, sourceTasks, roundSize,
            triggerRows, headless, exitWhenDone, functionConfig, apiPort);
    }

    public UpOptions withFunctionConfig(Map<String, Map<String, String>> values) {
        return new UpOptions(workDir, dataDir, devices, rows, driftPercent, seed, kafkaPort, connectPort,
            postgresPort, jdbcUrl, dbUser, dbPassword, externalKafka, connectUrl, replayRate, sourceTasks, roundSize,
            triggerRows, headless, exitWhenDone, values, apiPort);
    }

    /** These options with the database password masked, so that printing or logging them never shows it. */
    @Override
    public String toString() {
        return "UpOptions[workDir=" + workDir + ", dataDir=" + dataDir + ", devices=" + devices + ", rows=" + rows
            + ", jdbcUrl=" + JdbcUrls.masked(jdbcUrl) + ", dbUser=" + dbUser + ", dbPassword="
            + (dbPassword == null || dbPassword.isEmpty() ? "(none)" : "***") + ", externalKafka=" + externalKafka
            + ", connectUrl=" + connectUrl + ", ports=" + kafkaPort + "/" + connectPort + "/" + postgresPort + "/"
            + apiPort + ", replayRate=" + replayRate + ", roundSize=" + roundSize + ", triggerRows=" + triggerRows + "]";
    }
}
