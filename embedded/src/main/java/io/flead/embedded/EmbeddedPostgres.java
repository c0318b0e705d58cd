package io.flead.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL 17 server run as a child process from zonky's binaries, on a data directory that survives restarts.
 * Every connection, local socket or TCP, needs the superuser's password (scram-sha-256): it is generated once per data
 * directory and kept in {@link #passwordFile(Path)}, readable by its owner only.
 */
public final class EmbeddedPostgres implements PostgresServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    /** The superuser, and the database every cluster has. */
    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";
    static final String AUTH_METHOD = "scram-sha-256";

    private final Path dataDir;
    private final Path tempDir;
    private final Path passwordFile;
    private final String password;
    private int port;
    private io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private EmbeddedPostgres(Path dataDir, Path tempDir, int port) {
        this.dataDir = dataDir;
        this.tempDir = tempDir;
        this.port = port;
        this.passwordFile = passwordFile(dataDir);
        this.password = passwordOf(dataDir, passwordFile);
    }

    /**
     * The password kept in {@code file}, generated for a new data directory. A data directory that already requires a
     * password whose file is gone cannot be opened any more: that is said, rather than a new password written that
     * would not match.
     */
    private static String passwordOf(Path dataDir, Path file) {
        try {
            if (!Files.exists(file) && Files.exists(dataDir.resolve("postgresql.conf")) && !PgHba.trustsAnyone(dataDir)) {
                throw new IllegalStateException("PostgreSQL on " + dataDir + " requires the password that was kept in "
                        + file + ", which is gone: put it back, or delete " + dataDir + " to start over without its data");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + PgHba.FILE + " of " + dataDir + ": " + e.getMessage(), e);
        }
        return SecretFile.readOrCreate(file);
    }

    /**
     * Starts PostgreSQL on {@code dataDir} (created by initdb when empty), on {@code port} or a free port when 0. A
     * data directory made before password authentication (every local user was the superuser) is given the password
     * and switched to scram-sha-256 on its first start here.
     */
    public static EmbeddedPostgres start(Path dataDir, int port) {
        EmbeddedPostgres postgres = new EmbeddedPostgres(dataDir.toAbsolutePath().normalize(), null, port);
        postgres.start();
        return postgres;
    }

    /** Starts PostgreSQL on a fresh temporary data directory that {@link #close()} deletes, with its password file. */
    public static EmbeddedPostgres startTemporary() {
        try {
            Path dir = Files.createTempDirectory("flead-pg-").toRealPath();
            EmbeddedPostgres postgres = new EmbeddedPostgres(dir.resolve("data"), dir, 0);
            postgres.start();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary PostgreSQL data directory", e);
        }
    }

    /**
     * Where the superuser's password of {@code dataDir} is kept: {@code secrets/<name>-password} beside it (for
     * {@code flead up}'s {@code .flead/postgres}, {@code .flead/secrets/postgres-password}), mode 0600.
     */
    public static Path passwordFile(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        return dir.resolveSibling("secrets").resolve(dir.getFileName() + "-password");
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
    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            OrphanPostmaster.stopIfRunning(dataDir);
            boolean trusting = PgHba.trustsAnyone(dataDir);
            // zonky runs initdb with "-A trust"; the options after it win: scram-sha-256 for local and TCP connections,
            // and the superuser's password read from its file (a path on the command line, never the password)
            var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // zonky turns synchronous_commit off: a commit is acknowledged before its WAL leaves PostgreSQL's
                    // memory, so a killed postmaster takes the last ~200 ms of acknowledged commits with it (the sink
                    // has committed their Kafka offsets by then: rows lost). On, a commit's WAL is written to the OS
                    // first and survives a killed PostgreSQL (fsync stays off: not an OS crash).
                    .setServerConfig("synchronous_commit", "on")
                    .setLocaleConfig("auth", AUTH_METHOD)
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    .setConnectConfig("password", password);
            if (port != 0) {
                builder.setPort(port);
            }
            server = builder.start();
            port = server.getPort();
            if (trusting) {
                requirePasswords();
            }
            LOG.info("PostgreSQL started on port {} with data in {} ({} authentication)", port, dataDir, AUTH_METHOD);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL on data directory " + dataDir + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set the password of PostgreSQL on data directory " + dataDir + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * A data directory initialised before passwords were required trusts every local connection: the superuser gets
     * the password (hashed by the driver, so the server never sees it in clear), then pg_hba.conf is replaced and
     * reloaded.
     */
    private void requirePasswords() throws SQLException, IOException {
        try (Connection connection = server.getPostgresDatabase().getConnection()) {
            connection.unwrap(PGConnection.class).alterUserPassword(USER, password.toCharArray(), AUTH_METHOD);
            PgHba.writePasswordOnly(dataDir, AUTH_METHOD);
            try (Statement sql = connection.createStatement()) {
                sql.execute("SELECT pg_reload_conf()");
            }
        }
        LOG.info("PostgreSQL on {} trusted every local connection; it now requires the password kept in {}", dataDir,
                passwordFile);
    }

    /** Stops the server (fast shutdown) and keeps its data directory. */
    @Override
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
    @Override
    public void restart() {
        stop();
        start();
    }

    /** Whether the server is running (as far as this handle knows). */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * {@code jdbc:postgresql://localhost:<port>/postgres?user=postgres}, without the password: connect with
     * {@link #connect()} or {@link #credentials()}.
     */
    @Override
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /** The JDBC URL of another database on this server, as the superuser, without the password. */
    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=" + USER;
    }

    /** The superuser's password (kept in {@link #passwordFile()}). */
    @Override
    public String password() {
        return password;
    }

    /** The file holding the superuser's password, mode 0600. */
    public Path passwordFile() {
        return passwordFile;
    }

    /** {@code user} and {@code password} for {@link DriverManager#getConnection(String, Properties)} on a URL of this server. */
    @Override
    public Properties credentials() {
        Properties credentials = new Properties();
        credentials.setProperty("user", USER);
        credentials.setProperty("password", password);
        return credentials;
    }

    /** A new connection to the {@code postgres} database as the superuser. */
    @Override
    public Connection connect() throws SQLException {
        return connect(jdbcUrl());
    }

    /** A new connection to {@code jdbcUrl}, a URL of this server such as {@link #createDatabase} returns. */
    @Override
    public Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, credentials());
    }

    /** A data source on the {@code postgres} database as the superuser. */
    public synchronized DataSource dataSource() {
        if (server == null) {
            throw new IllegalStateException("PostgreSQL on data directory " + dataDir + " is not running");
        }
        return server.getPostgresDatabase();
    }

    /** Creates database {@code name} unless it exists, and returns its JDBC URL (for tests that want a database of their own). */
    @Override
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

    @Override
    public int port() {
        return port;
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    /** Stops the server; a temporary data directory is deleted as well, with its password file. */
    @Override
    public void close() {
        stop();
        if (tempDir != null) {
            FileTrees.deleteQuietly(tempDir);
        }
    }
}
