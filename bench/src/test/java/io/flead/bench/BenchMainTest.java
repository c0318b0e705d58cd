package io.flead.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.platform.LauncherCommands;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code flead bench}: help of every benchmark with its options and defaults, unknown names, exit codes. */
class BenchMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    static List<String> benchmarks() {
        return List.copyOf(BenchMain.commandLine(System.out, System.err).getSubcommands().keySet());
    }

    @Test
    void theBenchmarksAreThoseTheCliDescribesAndEachHasItsClass() throws Exception {
        assertThat(benchmarks()).containsExactlyInAnyOrderElementsOf(LauncherCommands.Bench.NAMES);
        for (String name : benchmarks()) {
            assertThat(BenchMain.benchClass(name).getMethod("main", String[].class)).isNotNull();
        }
    }

    @ParameterizedTest
    @MethodSource("benchmarks")
    void everyBenchmarkAnswersHelpWithItsOptionsAndDefaults(String name) throws Exception {
        assertThat(run(name, "--help")).as(err()).isZero();
        CommandLine cmd = BenchMain.commandLine(System.out, System.err).getSubcommands().get(name);
        assertThat(out()).contains("Usage: flead bench " + name);
        String flat = out().replaceAll("\\s+", "");
        for (OptionSpec option : cmd.getCommandSpec().options()) {
            assertThat(out()).contains(option.longestName());
            Object initial = option.defaultValue() != null ? option.defaultValue() : option.initialValue();
            if (option.description().length > 0 && option.description()[0].contains("${DEFAULT-VALUE}")
                    && initial != null) {
                assertThat(flat).as(name + " " + option.longestName()).contains("(default:" + initial + ")");
            }
        }
    }

    @Test
    void theListNamesEveryBenchmark() throws Exception {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("Benchmarks:");
        benchmarks().forEach(name -> assertThat(out()).contains(name));
        out.reset();
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("Usage: flead bench");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "quality --seed 1 --attack-seed 2|--attack-seeds",
        "loop --run 2|--runs",
        "chaos --kind connect-kill|--kinds",
        "sink --record 10|--records",
        "qualty|quality"})
    void anUnknownNameIsAUsageErrorNamingTheClosestValidOne(String line, String suggestion) throws Exception {
        assertThat(run(line.split(" "))).isEqualTo(2);
        assertThat(err()).contains(suggestion);
        assertThat(out()).isEmpty();
    }

    @Test
    void aBadValueIsAUsageErrorNamingTheFlag() throws Exception {
        assertThat(run("chaos", "--kinds", "disk-full")).isEqualTo(2);
        assertThat(err()).contains("Invalid value 'disk-full' for --kinds");
        err.reset();
        assertThat(run("quality", "--table", "maybe")).isEqualTo(2);
        assertThat(err()).contains("--table", "'maybe' must be on or off");
        err.reset();
        assertThat(run("e2e", "--poll-ms", "0")).isEqualTo(2);
        assertThat(err()).contains("Invalid value '0' for --poll-ms");
    }

    private int run(String... args) throws Exception {
        return BenchMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
