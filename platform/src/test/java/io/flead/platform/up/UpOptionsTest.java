package io.flead.platform.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

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
            .hasMessage("Invalid value 'many' for --devices: must be an integer");
        assertThatThrownBy(() -> UpOptions.parse(new String[] {"--frobnicate"}))
            .hasMessage("unknown option --frobnicate");
    }
}
