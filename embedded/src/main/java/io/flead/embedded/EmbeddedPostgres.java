package io.flead.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A PostgreSQL 17 server run as a child process from zonky's binaries, on a data directory that survives restarts. */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    /** The superuser, and the database every cluster has. */
    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";

    private final Path dataDir;
    private final boolean temporary;
    private int port;
    private io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private EmbeddedPostgres(Path dataDir, boolean temporary, int port) {
        this.dataDir = dataDir;
        this.temporary = temporary;
        this.port = port;
    }

    /** Starts PostgreSQL on {@code dataDir} (created by initdb when empty), on {@code port} or a free port when 0. */
    public static EmbeddedPostgres start(Path dataDir, int port) {
        EmbeddedPostgres postgres = new EmbeddedPostgres(dataDir.toAbsolutePath().normalize(), false, port);
        postgres.start();
        return postgres;
    }

    /** Starts PostgreSQL on a fresh temporary data directory that {@link #close()} deletes. */
    public static EmbeddedPostgres startTemporary() {
        try {
            Path dir = Files.createTempDirectory("flead-pg-").toRealPath();
            EmbeddedPostgres postgres = new EmbeddedPostgres(dir, true, 0);
            postgres.start();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary PostgreSQL data directory", e);
        }
    }

    /**
     * Stops a PostgreSQL that a JVM killed without stopping it left running on {@code dataDir} (found through its
     * {@code postmaster.pid}), so its port is free again; does nothing when there is none.
     *
     * @return whether one was stopped
     */
    public static boolean stopOrphan(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            return Files.isDirectory(dir) && OrphanPostmaster.stopIfRunning(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not check for an orphaned PostgreSQL on " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The live postmaster serving {@code dataDir}, from its {@code postmaster.pid}: the process to signal to kill or
     * freeze a PostgreSQL (its backends are its children); empty when none runs there.
     */
    public static Optional<ProcessHandle> postmaster(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Optional<PostmasterPid> recorded = PostmasterPid.read(dir);
            if (recorded.isEmpty() || !OrphanPostmaster.servesDataDir(recorded.get().pid(), dir)) {
                return Optional.empty();
            }
            return ProcessHandle.of(recorded.get().pid()).filter(ProcessHandle::isAlive);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the postmaster.pid of " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Starts the server again after {@link #stop()}; it keeps its port, so JDBC URLs handed out stay valid. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            OrphanPostmaster.stopIfRunning(dataDir);
            var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // zonky turns synchronous_commit off: a commit is acknowledged before its WAL leaves PostgreSQL's
                    // memory, so a killed postmaster takes the last ~200 ms of acknowledged commits with it (the sink
                    // has committed their Kafka offsets by then: rows lost). On, a commit's WAL is written to the OS
                    // first and survives a killed PostgreSQL (fsync stays off: not an OS crash).
                    .setServerConfig("synchronous_commit", "on");
            if (port != 0) {
                builder.setPort(port);
            }
            server = builder.start();
            port = server.getPort();
            LOG.info("PostgreSQL started on port {} with data in {}", port, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL on data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server (fast shutdown) and keeps its data directory. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
            LOG.info("PostgreSQL on port {} stopped", port);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop PostgreSQL on port " + port, e);
        } finally {
            server = null;
        }
    }

    /** Stops and starts the server on the same data directory and port. */
    public void restart() {
        stop();
        start();
    }

    /** Whether the server is running (as far as this handle knows). */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** {@code jdbc:postgresql://localhost:<port>/postgres?user=postgres}; no password is needed. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /** The JDBC URL of another database on this server, as the superuser. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=" + USER;
    }

    /** A data source on the {@code postgres} database as the superuser. */
    public synchronized DataSource dataSource() {
        if (server == null) {
            throw new IllegalStateException("PostgreSQL on data directory " + dataDir + " is not running");
        }
        return server.getPostgresDatabase();
    }

    /** Creates database {@code name} unless it exists, and returns its JDBC URL (for tests that want a database of their own). */
    public String createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Invalid database name '" + name + "': use lower-case letters, digits and _");
        }
        try (Connection connection = dataSource().getConnection(); Statement sql = connection.createStatement()) {
            try (ResultSet exists = sql.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (!exists.next()) {
                    sql.execute("CREATE DATABASE \"" + name + "\"");
                }
            }
            return jdbcUrl(name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database '" + name + "' on port " + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the server; a temporary data directory is deleted as well. */
    @Override
    public void close() {
        stop();
        if (temporary) {
            FileTrees.deleteQuietly(dataDir);
        }
    }
}
