package io.flead.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresIT {

    @TempDir
    Path workDir;

    @Test
    void rowsSurviveARestartOnTheSamePort() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(workDir.resolve("pg"), 0)) {
            execute(postgres, "CREATE TABLE telemetry (device_id text, seq int, PRIMARY KEY (device_id, seq))");
            execute(postgres, "INSERT INTO telemetry VALUES ('d1', 1), ('d1', 2), ('d2', 1)");
            String urlBefore = postgres.jdbcUrl();

            postgres.restart();

            assertThat(postgres.jdbcUrl()).isEqualTo(urlBefore);
            assertThat(query(postgres, urlBefore, "SELECT device_id || ':' || seq FROM telemetry ORDER BY 1"))
                    .containsExactly("d1:1", "d1:2", "d2:1");
            String sinkDb = postgres.createDatabase("sink_it");
            assertThat(postgres.createDatabase("sink_it")).isEqualTo(sinkDb);
            assertThat(query(postgres, sinkDb, "SELECT current_database()")).containsExactly("sink_it");
            assertThatThrownBy(() -> postgres.createDatabase("x; DROP")).hasMessageContaining("'x; DROP'");
        }
    }

    @Test
    void dataSourceAnswersAndStopRefusesConnections() throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.startTemporary();
        Path dataDir = postgres.dataDir();
        try (Connection connection = postgres.dataSource().getConnection(); Statement sql = connection.createStatement();
             ResultSet rs = sql.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(17);
        }
        String url = postgres.jdbcUrl();
        java.util.Properties credentials = postgres.credentials();
        DriverManager.getConnection(url, credentials).close();
        postgres.close();
        assertThat(dataDir).doesNotExist();
        assertThat(postgres.passwordFile()).doesNotExist();
        assertThatThrownBy(() -> DriverManager.getConnection(url, credentials).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Connection to localhost:");
    }

    @Test
    void startsOverAnOrphanLeftByAKilledJvm() throws Exception {
        Path dataDir = workDir.resolve("pg");
        Process child = startAbandonedPostgres(dataDir);
        try {
            awaitReady(child);
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        long orphanPid = PostmasterPid.read(dataDir).orElseThrow().pid();
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).contains(true);

        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, 0)) {
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(PostmasterPid.read(dataDir).orElseThrow().pid()).isNotEqualTo(orphanPid);
            assertThat(query(postgres, postgres.jdbcUrl(), "SELECT device_id FROM readings")).containsExactly("orphan-writer");
        }
    }

    @Test
    void aDataDirectoryInUseByARunningServerIsNotTakenOver() throws Exception {
        Path dataDir = workDir.resolve("pg");
        try (EmbeddedPostgres running = EmbeddedPostgres.start(dataDir, 0)) {
            assertThatThrownBy(() -> EmbeddedPostgres.start(dataDir, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(dataDir.toString())
                    .hasMessageContaining("is in use");
            assertThat(query(running, running.jdbcUrl(), "SELECT 'still up'")).containsExactly("still up");
        }
    }

    @Test
    void everyConnectionNeedsTheGeneratedPassword() throws Exception {
        Path dataDir = workDir.resolve("pg");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, 0)) {
            assertThat(postgres.passwordFile()).isEqualTo(workDir.resolve("secrets").resolve("pg-password"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(postgres.passwordFile())))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(postgres.passwordFile().getParent())))
                    .isEqualTo("rwx------");
            assertThat(postgres.password()).hasSize(43).isEqualTo(Files.readString(postgres.passwordFile()));
            assertThat(query(postgres, postgres.jdbcUrl(), "SELECT rolname FROM pg_authid WHERE rolpassword LIKE 'SCRAM-SHA-256$%'"))
                    .containsExactly("postgres");

            assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl()).close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("no password was provided");
            assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl() + "&password=postgres").close())
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
            assertThat(Files.readAllLines(dataDir.resolve("pg_hba.conf"))).noneMatch(PgHba::trusts)
                    .anyMatch(line -> line.startsWith("local") && line.endsWith("scram-sha-256"));
        }
    }

    @Test
    void aRestartedDataDirectoryKeepsItsPassword() throws Exception {
        Path dataDir = workDir.resolve("pg");
        String first;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, 0)) {
            first = postgres.password();
            execute(postgres, "CREATE TABLE kept (n int)");
        }
        try (EmbeddedPostgres again = EmbeddedPostgres.start(dataDir, 0)) {
            assertThat(again.password()).isEqualTo(first);
            assertThat(query(again, again.jdbcUrl(), "SELECT count(*) FROM kept")).containsExactly("0");
        }
    }

    @Test
    void aLostPasswordFileIsReportedNotReplacedByOneThatCannotMatch() throws Exception {
        Path dataDir = workDir.resolve("pg");
        Path passwordFile;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, 0)) {
            passwordFile = postgres.passwordFile();
        }
        Files.delete(passwordFile);
        assertThatThrownBy(() -> EmbeddedPostgres.start(dataDir, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("PostgreSQL on " + dataDir + " requires the password that was kept in " + passwordFile
                        + ", which is gone: put it back, or delete " + dataDir + " to start over without its data");
        assertThat(passwordFile).doesNotExist();
    }

    @Test
    void aDataDirectoryThatTrustedLocalUsersNeedsThePasswordFromItsNextStart() throws Exception {
        Path dataDir = workDir.resolve("pg");
        // as every flead up made its data directory before passwords: zonky's own initdb, "-A trust"
        try (var trusting = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().setDataDirectory(dataDir)
                .setCleanDataDirectory(false).start();
             Connection connection = DriverManager.getConnection(trusting.getJdbcUrl("postgres", "postgres"));
             Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE old_rows (n int)");
        }
        assertThat(PgHba.trustsAnyone(dataDir)).isTrue();

        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, 0)) {
            assertThat(PgHba.trustsAnyone(dataDir)).isFalse();
            assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl()).close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("no password was provided");
            assertThat(query(postgres, postgres.jdbcUrl(), "SELECT count(*) FROM old_rows")).containsExactly("0");
        }
        try (EmbeddedPostgres restarted = EmbeddedPostgres.start(dataDir, 0)) {
            assertThat(query(restarted, restarted.jdbcUrl(), "SELECT 'password still works'"))
                    .containsExactly("password still works");
        }
    }

    private static Process startAbandonedPostgres(Path dataDir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                AbandonedPostgres.class.getName(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static void awaitReady(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("READY ")) {
                return;
            }
        }
        throw new AssertionError("Child JVM exited before PostgreSQL was ready, exit code " + child.waitFor());
    }

    private static void execute(EmbeddedPostgres postgres, String statement) throws SQLException {
        try (Connection connection = postgres.connect(); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    private static List<String> query(EmbeddedPostgres postgres, String url, String select) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = postgres.connect(url); Statement sql = connection.createStatement();
             ResultSet rs = sql.executeQuery(select)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
