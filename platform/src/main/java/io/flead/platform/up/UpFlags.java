package io.flead.platform.up;

import io.flead.platform.DbPassword;
import io.flead.runtime.LoggingDefaults;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Every option of {@code flead up}, declared once: its name, default and help text; {@link #options} checks the
 * ranges and makes the {@link UpOptions}.
 */
public final class UpFlags {
    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = ".flead",
        description = "where the broker's and PostgreSQL's data, generated devices, state and the log (flead.log) live; "
            + "reused by the next run (default: ${DEFAULT-VALUE})")
    Path workDir;

    @Option(names = "--data", paramLabel = "DIR",
        description = "replay your own device CSV files (e.g. real Edge-IIoTset files split per device) instead of "
            + "generated demo devices")
    Path data;

    @Option(names = "--devices", paramLabel = "N", defaultValue = "200",
        description = "demo devices to generate (default: ${DEFAULT-VALUE})")
    int devices;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "1000",
        description = "rows per demo device (default: ${DEFAULT-VALUE})")
    int rows;

    @Option(names = "--drift-percent", paramLabel = "P", defaultValue = "5",
        description = "share of the demo devices generated with drift, 0-100 (default: ${DEFAULT-VALUE})")
    long driftPercent;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
        description = "seed of the demo data (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--replay-rate", paramLabel = "ROWS_PER_S", defaultValue = "5000",
        description = "rows per second the source replays in total; 0 for as fast as possible (default: ${DEFAULT-VALUE})")
    int replayRate;

    @Option(names = "--source-tasks", paramLabel = "N", defaultValue = "2",
        description = "tasks of the source connector, 1-64 (default: ${DEFAULT-VALUE})")
    long sourceTasks;

    @Option(names = "--round-size", paramLabel = "K", defaultValue = "0",
        description = "local updates per federated round; 0 for one update of every device, at most "
            + UpOptions.MAX_AUTO_ROUND_SIZE + " (default: ${DEFAULT-VALUE})")
    long roundSize;

    @Option(names = "--trigger-rows", paramLabel = "N", defaultValue = "50",
        description = "rows per device between local updates (default: ${DEFAULT-VALUE})")
    long triggerRows;

    @Option(names = "--set", paramLabel = "FN:KEY=VALUE[,…]", defaultValue = "",
        description = "function settings that override the defaults, e.g. drift-check:drift.window.rows=200")
    String set;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092",
        description = "port of the embedded broker; 0 for any free port (default: ${DEFAULT-VALUE})")
    long kafkaPort;

    @Option(names = "--connect-port", paramLabel = "PORT", defaultValue = "8083",
        description = "REST port of the embedded Connect worker; 0 for any free port (default: ${DEFAULT-VALUE})")
    long connectPort;

    @Option(names = "--pg-port", paramLabel = "PORT", defaultValue = "15432",
        description = "port of the embedded PostgreSQL; 0 for any free port (default: ${DEFAULT-VALUE})")
    long pgPort;

    @Option(names = "--api-port", paramLabel = "PORT", defaultValue = "8088",
        description = "port of the REST API and web console on 127.0.0.1; 0 for any free port (default: ${DEFAULT-VALUE})")
    long apiPort;

    @Option(names = "--jdbc-url", paramLabel = "URL",
        description = "an existing TimescaleDB or PostgreSQL instead of the embedded one")
    String jdbcUrl;

    @Option(names = "--db-user", paramLabel = "USER", defaultValue = "postgres",
        description = "database user of --jdbc-url (default: ${DEFAULT-VALUE})")
    String dbUser;

    @Option(names = "--" + DbPassword.FILE_OPTION, paramLabel = "FILE",
        description = "file holding the password of --jdbc-url (else the environment variable " + DbPassword.ENV
            + "; a password flag is refused)")
    Path dbPasswordFile;

    @Option(names = "--external-kafka", paramLabel = "HOST:PORT",
        description = "bootstrap servers of an existing Kafka cluster instead of the embedded broker")
    String externalKafka;

    @Option(names = "--connect-url", paramLabel = "URL",
        description = "REST URL of an existing Connect cluster instead of the embedded worker (its workers need "
            + "exactly.once.source.support=enabled)")
    String connectUrl;

    @Option(names = "--headless", description = "no live view: a status line every 5 s")
    boolean headless;

    @Option(names = "--exit-when-done",
        description = "close the last round, print the summary and stop once the replay is done, the pipeline is "
            + "idle and the sinks have committed every record")
    boolean exitWhenDone;

    @Option(names = "--log-format", paramLabel = "FORMAT",
        description = "layout of <work dir>/flead.log: text, or json (one object per line); default: "
            + LoggingDefaults.FORMAT_ENV + ", else text")
    String logFormat;

    /** The options these flags give, {@code env} supplying {@code FLEAD_DB_PASSWORD}; errors name the flag. */
    public UpOptions options(Map<String, String> env) {
        Path work = workDir.toAbsolutePath();
        if (jdbcUrl == null && dbPasswordFile != null) {
            throw new IllegalArgumentException("--" + DbPassword.FILE_OPTION + " is the password of --jdbc-url; the "
                + "embedded PostgreSQL has a generated password in " + Platform.embeddedPasswordFile(work));
        }
        String password = jdbcUrl == null ? "" : DbPassword.fromFileOrEnvironment(dbPasswordFile, env);
        return new UpOptions(work, data == null ? null : data.toAbsolutePath(),
            (int) range("devices", devices, 0, Integer.MAX_VALUE), (int) range("rows", rows, 0, Integer.MAX_VALUE),
            (int) range("drift-percent", driftPercent, 0, 100), range("seed", seed, 0, Long.MAX_VALUE),
            port("kafka-port", kafkaPort), port("connect-port", connectPort), port("pg-port", pgPort), jdbcUrl, dbUser,
            password == null ? "" : password, externalKafka, connectUrl,
            (int) range("replay-rate", replayRate, 0, Integer.MAX_VALUE), (int) range("source-tasks", sourceTasks, 1, 64),
            (int) range("round-size", roundSize, 0, 100_000), (int) range("trigger-rows", triggerRows, 1, 1_000_000),
            headless, exitWhenDone, UpOptions.functionSettings(set), port("api-port", apiPort));
    }

    /** The log layout: {@code --log-format}, else {@code FLEAD_LOG_FORMAT} of {@code env}, else text. */
    public LoggingDefaults.Format logFormat(Map<String, String> env) {
        return LoggingDefaults.format(logFormat, env);
    }

    private static int port(String name, long value) {
        return (int) range(name, value, 0, 65535);
    }

    private static long range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("Invalid value '" + value + "' for --" + name + ": must be between "
                + min + " and " + max);
        }
        return value;
    }
}
