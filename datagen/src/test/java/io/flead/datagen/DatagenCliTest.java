package io.flead.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatagenCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--devices|abc|Invalid value 'abc' for flag '--devices'",
        "--devices|0|Invalid value '0' for flag '--devices'",
        "--rows|-5|Invalid value '-5' for flag '--rows'",
        "--seed|4.2|Invalid value '4.2' for flag '--seed'",
        "--holdout-rows|x|Invalid value 'x' for flag '--holdout-rows'",
        "--drift-devices|120%|Invalid value '120%' for flag '--drift-devices'",
        "--drift-devices|five|Invalid value 'five' for flag '--drift-devices'",
        "--drift-at|1.5|Invalid value '1.5' for flag '--drift-at'",
        "--drift-at|0|Invalid value '0' for flag '--drift-at'",
        "--attack-free|-3|Invalid value '-3' for flag '--attack-free'",
        "--threads|0|Invalid value '0' for flag '--threads'"})
    void badFlagValueIsRefusedNamingFlagAndValue(String flag, String value, String message) {
        int code = run(flag, value);
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains(message).contains("Usage: flead datagen");
        assertThat(out()).isEmpty();
    }

    @Test
    void unknownFlagAndMissingValueAreNamed() {
        assertThat(run("--colour", "red")).isEqualTo(2);
        assertThat(err()).contains("Unknown flag '--colour'");
        err.reset();
        assertThat(run("--devices")).isEqualTo(2);
        assertThat(err()).contains("Missing value for flag '--devices'");
    }

    @Test
    void anUnknownFlagNamesTheClosestOne() {
        assertThat(run("--drift-device", "5%")).isEqualTo(2);
        assertThat(err()).contains("Unknown flag '--drift-device' (did you mean --drift-devices?)");
        err.reset();
        assertThat(run("--colour", "red")).isEqualTo(2);
        assertThat(err()).contains("Unknown flag '--colour'").doesNotContain("did you mean");
    }

    @Test
    void generatesAndPrintsASummary(@TempDir Path dir) {
        Path target = dir.resolve("devices");
        int code = run("--devices", "12", "--rows", "100", "--out", target.toString(), "--seed", "3",
            "--drift-devices", "25%", "--drift-at", "0.5", "--holdout-rows", "20", "--attack-free", "2");
        assertThat(code).as(err()).isZero();
        assertThat(Files.exists(target.resolve("device_12.csv"))).isTrue();
        assertThat(Files.exists(target.resolve("holdout/device_12.csv"))).isTrue();
        assertThat(Files.exists(target.resolve("manifest.json"))).isTrue();
        assertThat(out()).contains("wrote 12 training files").contains("1200 training + 240 held-out = 1440")
            .contains("attack share: ").contains("attack-free devices: 2").contains("drifted devices: 3 from row 50")
            .contains("wall time: ");
    }

    @Test
    void helpPrintsUsage() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("--drift-devices").contains("--holdout-rows");
    }

    private int run(String... args) {
        return DatagenCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
