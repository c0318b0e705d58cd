package io.flead.platform.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpOptionsTest {

    @Test
    void defaultsMatchTheDocumentedDemo() {
        UpOptions o = UpOptions.parse(new String[0]);
        assertThat(o.devices()).isEqualTo(200);
        assertThat(o.rows()).isEqualTo(1000);
        assertThat(o.connectPort()).isEqualTo(8083);
        assertThat(o.kafkaPort()).isEqualTo(9092);
        assertThat(o.dataDir()).isNull();
        assertThat(o.workDir()).isAbsolute();
    }

    @Test
    void theDefaultRoundSizeIsOneUpdateOfEveryDeviceUpToTheCap() {
        UpOptions auto = UpOptions.parse(new String[0]);
        assertThat(auto.roundSize()).isZero();
        assertThat(auto.withDeviceCount(40).roundSize()).isEqualTo(40);
        assertThat(auto.withDeviceCount(2400).roundSize()).isEqualTo(UpOptions.MAX_AUTO_ROUND_SIZE);
        assertThat(auto.withDeviceCount(0).roundSize()).isEqualTo(1);
        assertThat(auto.withDeviceCount(40).triggerRows()).isEqualTo(auto.triggerRows());
        UpOptions fixed = UpOptions.parse(new String[] {"--round-size", "20"});
        assertThat(fixed.withDeviceCount(2400).roundSize()).isEqualTo(20);
    }

    @Test
    void theStalenessBoundSpansFourWavesOfTheFleet() {
        UpOptions auto = UpOptions.parse(new String[0]);
        assertThat(auto.withDeviceCount(100).fleetStalenessBound()).as("one round per wave: fedavg's default")
            .isEqualTo(UpOptions.MIN_STALENESS_BOUND);
        assertThat(auto.withDeviceCount(2400).devices()).isEqualTo(2400);
        assertThat(auto.withDeviceCount(2400).fleetStalenessBound()).as("24 rounds per wave").isEqualTo(96);
        assertThat(auto.withDeviceCount(2401).fleetStalenessBound()).isEqualTo(100);
        UpOptions fixed = UpOptions.parse(new String[] {"--round-size", "20"});
        assertThat(fixed.withDeviceCount(60).fleetStalenessBound()).isEqualTo(12);
        assertThat(fixed.withDeviceCount(60).devices()).isEqualTo(60);
    }

    @Test
    void flagsOverrideDefaults() {
        UpOptions o = UpOptions.parse(new String[] {"--devices", "10", "--connect-port=18083", "--headless",
            "--jdbc-url", "jdbc:postgresql://db:5432/flead", "--replay-rate", "0"});
        assertThat(o.devices()).isEqualTo(10);
        assertThat(o.connectPort()).isEqualTo(18083);
        assertThat(o.headless()).isTrue();
        assertThat(o.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/flead");
        assertThat(o.replayRate()).isZero();
    }

    @Test
    void badValuesNameTheFlag() {
        assertThatThrownBy(() -> UpOptions.parse(new String[] {"--connect-port", "99999"}))
            .hasMessage("Invalid value '99999' for --connect-port: must be between 0 and 65535");
        assertThatThrownBy(() -> UpOptions.parse(new String[] {"--devices", "many"}))
            .hasMessage("Invalid value for option '--devices': 'many' is not an int");
        assertThatThrownBy(() -> UpOptions.parse(new String[] {"--frobnicate"}))
            .hasMessage("Unknown option: '--frobnicate'");
    }

    @Test
    void aPasswordOnTheCommandLineIsRefusedWithoutRepeatingIt() {
        for (String[] args : new String[][] {{"--jdbc-url", "jdbc:postgresql://db/flead", "--db-password", "hunter2"},
                {"--db-password=hunter2"}}) {
            assertThatThrownBy(() -> UpOptions.parse(args, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--db-password is not accepted: a password on the command line is visible to "
                    + "every local user")
                .hasMessageContaining("--db-password-file FILE").hasMessageContaining("FLEAD_DB_PASSWORD")
                .message().doesNotContain("hunter2");
        }
    }

    @Test
    void theExternalDatabasesPasswordComesFromAFileOrTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("db-password"), "from-file\n");
        String[] external = {"--jdbc-url", "jdbc:postgresql://db/flead", "--db-user", "flead"};
        assertThat(UpOptions.parse(external, Map.of("FLEAD_DB_PASSWORD", "from-env")).dbPassword()).isEqualTo("from-env");
        assertThat(UpOptions.parse(external, Map.of()).dbPassword()).isEmpty();
        String[] withFile = {"--jdbc-url", "jdbc:postgresql://db/flead", "--db-password-file", file.toString()};
        assertThat(UpOptions.parse(withFile, Map.of("FLEAD_DB_PASSWORD", "from-env")).dbPassword()).isEqualTo("from-file");
        assertThatThrownBy(() -> UpOptions.parse(new String[] {"--jdbc-url", "jdbc:postgresql://db/flead",
            "--db-password-file", dir.resolve("absent").toString()}, Map.of()))
            .hasMessageStartingWith("Invalid value '" + dir.resolve("absent") + "' for --db-password-file");
    }

    @Test
    void theEmbeddedDatabaseUsesItsOwnGeneratedPassword(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("db-password"), "from-file");
        assertThat(UpOptions.parse(new String[0], Map.of("FLEAD_DB_PASSWORD", "from-env")).dbPassword()).isEmpty();
        assertThatThrownBy(() -> UpOptions.parse(new String[] {"--db-password-file", file.toString()}, Map.of()))
            .hasMessageStartingWith("--db-password-file is the password of --jdbc-url")
            .hasMessageEndingWith(Path.of(".flead").toAbsolutePath().resolve("secrets").resolve("postgres-password").toString());
    }

    @Test
    void printedOptionsMaskThePassword() {
        UpOptions o = UpOptions.parse(new String[] {"--jdbc-url", "jdbc:postgresql://db/flead?password=inurl"},
            Map.of("FLEAD_DB_PASSWORD", "hunter2"));
        assertThat(o.dbPassword()).isEqualTo("hunter2");
        assertThat(o.toString()).contains("dbPassword=***").contains("password=***")
            .doesNotContain("hunter2").doesNotContain("inurl");
    }
}
