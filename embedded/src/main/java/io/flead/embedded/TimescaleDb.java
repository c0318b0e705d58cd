package io.flead.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real TimescaleDB (PostgreSQL 15 with the extension preloaded) started with the project's shared kit
 * ({@code ../shared/timescaledb/start.sh DATA_DIR PORT}, beside the clone): it runs as the {@code postgres} user,
 * listens on 127.0.0.1 and trusts local connections, so it has no password.
 */
public final class TimescaleDb implements PostgresServer {
    private static final Logger LOG = LoggerFactory.getLogger(TimescaleDb.class);
    /** System property naming the kit's directory (the one holding {@code start.sh}), overriding the default. */
    public static final String DIR_PROPERTY = "flead.timescaledb.dir";
    /** Environment variable naming the kit's directory, used when the system property is not set. */
    public static final String DIR_ENV = "FLEAD_TIMESCALEDB_DIR";
    /** The database {@code start.sh} creates, with the extension. */
    public static final String DATABASE = "flead";
    static final Path PG_BIN = Path.of("/usr/lib/postgresql/15/bin");
    static final Path PG_LIB = Path.of("/usr/lib/postgresql/15/lib");
    private static final long START_TIMEOUT_S = 120;

    private final Path kit;
    private final Path dataDir;
    private final Path tempDir;
    private final int port;
    private boolean running;

    private TimescaleDb(Path kit, Path dataDir, Path tempDir, int port) {
        this.kit = kit;
        this.dataDir = dataDir;
        this.tempDir = tempDir;
        this.port = port;
    }

    /**
     * The kit's directory: {@value #DIR_PROPERTY}, else {@value #DIR_ENV}, else {@code shared/timescaledb} in the
     * parent of the repository root (the first directory above {@code user.dir} holding {@code .git}).
     */
    public static Path kitDir() {
        String configured = System.getProperty(DIR_PROPERTY, System.getenv(DIR_ENV));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git")) && d.getParent() != null) {
                return d.getParent().resolve("shared").resolve("timescaledb");
            }
        }
        return dir.resolve("shared").resolve("timescaledb");
    }

    /** Why a TimescaleDB cannot be started from {@code kit} on this machine, or empty when it can. */
    public static Optional<String> unavailable(Path kit) {
        if (!Files.isRegularFile(kit.resolve("start.sh"))) {
            return Optional.of("no TimescaleDB kit: " + kit.resolve("start.sh") + " is missing (point -D" + DIR_PROPERTY
                    + " or " + DIR_ENV + " at the directory holding start.sh)");
        }
        if (!isRoot()) {
            return Optional.of("not root: " + kit.resolve("start.sh") + " runs PostgreSQL as the postgres user with runuser");
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/runuser")) && !Files.isExecutable(Path.of("/sbin/runuser"))) {
            return Optional.of("runuser is missing: " + kit.resolve("start.sh") + " needs it to run PostgreSQL as postgres");
        }
        if (!Files.isExecutable(PG_BIN.resolve("postgres")) || !Files.isRegularFile(PG_LIB.resolve("timescaledb.so"))) {
            return Optional.of("TimescaleDB is not installed (" + PG_BIN.resolve("postgres") + " or "
                    + PG_LIB.resolve("timescaledb.so") + " is missing): run " + kit.resolve("install.sh") + " as root");
        }
        return Optional.empty();
    }

    private static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Starts a TimescaleDB from {@code kit} on a free port, in a fresh temporary data directory that {@link #close()}
     * deletes; throws {@link IllegalStateException} naming what is missing when {@link #unavailable} says so.
     */
    public static TimescaleDb startTemporary(Path kit) {
        unavailable(kit).ifPresent(reason -> {
            throw new IllegalStateException("Cannot start TimescaleDB: " + reason);
        });
        try {
            // the server runs as postgres: it must be able to reach its data directory through this one
            Path dir = Files.createTempDirectory("flead-tsdb-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwxr-xr-x"))).toRealPath();
            TimescaleDb db = new TimescaleDb(kit, dir.resolve("data"), dir, freePort());
            db.start();
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary TimescaleDB data directory", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Runs {@code start.sh} (initialising the data directory the first time); returns once the server accepts connections. */
    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        run(List.of("bash", kit.resolve("start.sh").toString(), dataDir.toString(), Integer.toString(port)));
        running = true;
        LOG.info("TimescaleDB started on port {} with data in {}", port, dataDir);
    }

    /** Fast shutdown through pg_ctl, run as the postgres user. */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        run(List.of("runuser", "-u", "postgres", "--", PG_BIN.resolve("pg_ctl").toString(), "-D", dataDir.toString(),
                "stop", "-m", "fast", "-w"));
        running = false;
        LOG.info("TimescaleDB on port {} stopped", port);
    }

    private void run(List<String> command) {
        try {
            Path log = Files.createTempFile("flead-tsdb-cmd-", ".log");
            try {
                Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).directory(dataDir.getParent().toFile()).start();
                if (!p.waitFor(START_TIMEOUT_S, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish in " + START_TIMEOUT_S
                            + " s; server log: " + dataDir.resolve("server.log"));
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + p.exitValue()
                            + ": " + Files.readString(log, StandardCharsets.UTF_8).strip() + "; " + serverFatal());
                }
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        }
    }

    /** The server log's FATAL lines (why it did not start), or where the log is. */
    private String serverFatal() throws IOException {
        Path log = dataDir.resolve("server.log");
        if (!Files.isReadable(log)) {
            return "no server log at " + log;
        }
        List<String> fatal = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.contains("FATAL")).toList();
        return fatal.isEmpty() ? "server log: " + log : "server log " + log + ": " + String.join(" | ", fatal);
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/flead?user=postgres}. */
    @Override
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + EmbeddedPostgres.USER;
    }

    /** Creates database {@code name} with the timescaledb extension unless it exists, and returns its JDBC URL. */
    @Override
    public String createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Invalid database name '" + name + "': use lower-case letters, digits and _");
        }
        try (Connection c = connect(); Statement sql = c.createStatement()) {
            try (ResultSet exists = sql.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (!exists.next()) {
                    sql.execute("CREATE DATABASE \"" + name + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database '" + name + "' on port " + port + ": " + e.getMessage(), e);
        }
        try (Connection c = connect(jdbcUrl(name)); Statement sql = c.createStatement()) {
            sql.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the timescaledb extension in '" + name + "': " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    /** Trust authentication: no password. */
    @Override
    public String password() {
        return null;
    }

    /** The extension's version in the default database, e.g. {@code 2.28.3}. */
    public String extensionVersion() throws SQLException {
        try (Connection c = connect(); Statement sql = c.createStatement();
             ResultSet rs = sql.executeQuery("SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    /** Stops the server and deletes its temporary data directory. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            if (tempDir != null) {
                FileTrees.deleteQuietly(tempDir);
            }
        }
    }

    @Override
    public String toString() {
        return "TimescaleDB on port " + port + " (" + dataDir + ")";
    }

}
