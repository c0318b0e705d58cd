package io.flead.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The {@code flead} command line: help of every command, unknown names, the version, exit codes, completion. */
class FleadCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Every command of the tree, as the words that name it ({@code [connectors, apply]}). */
    static Stream<List<String>> everyCommand() {
        List<List<String>> paths = new ArrayList<>();
        collect(FleadCli.commandLine(System.out, System.err), new ArrayList<>(), paths);
        return paths.stream();
    }

    private static void collect(CommandLine cmd, List<String> path, List<List<String>> paths) {
        paths.add(path);
        cmd.getSubcommands().forEach((name, sub) -> {
            List<String> next = new ArrayList<>(path);
            next.add(name);
            collect(sub, next, paths);
        });
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void everyCommandAnswersHelpWithItsOptionsAndTheirDefaults(List<String> path) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        assertThat(run(args.toArray(String[]::new))).as(err()).isZero();
        CommandLine cmd = command(path);
        assertThat(out()).contains("Usage: " + cmd.getCommandSpec().qualifiedName());
        for (OptionSpec option : cmd.getCommandSpec().options()) {
            if (option.hidden()) {
                continue;
            }
            assertThat(out()).contains(option.longestName());
            if (option.defaultValue() != null && !option.defaultValue().isEmpty()) {
                // help wraps long lines, also inside a default value: compare without white space
                assertThat(out().replaceAll("\\s+", "")).as(option.longestName())
                    .contains("(default:" + option.defaultValue() + ")");
            }
        }
        assertThat(err()).isEmpty();
    }

    @Test
    void theCommandListNamesEveryCommandIncludingTheLaunchersOwn() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("up ", "datagen", "status", "connectors", "bench", "build", "completion", "help",
            "Exit codes:");
    }

    @Test
    void datagenAnswersHelpWithItsOwnFlags() {
        assertThat(run("datagen", "--help")).isZero();
        assertThat(out()).contains("--devices N", "(default 2400)", "--drift-devices", "--label-skew-alpha");
        out.reset();
        assertThat(run("help", "datagen")).isZero();
        assertThat(out()).contains("--holdout-rows N", "(default 200; 0 for none)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "up --headles|--headless",
        "up --work-di /tmp|--work-dir",
        "status --jdbc-ur x|--jdbc-url",
        "connectors apply --conect-url http://x|--connect-url",
        "datagen --devics 3|did you mean --devices?",
        "statuz|status",
        "connectors aply|apply"})
    void anUnknownNameIsAUsageErrorNamingTheClosestValidOne(String line, String suggestion) {
        String[] words = line.split(" ");
        String wrong = Stream.of(words).filter(w -> w.startsWith("--")).findFirst().orElse(words[words.length - 1]);
        assertThat(run(words)).isEqualTo(2);
        assertThat(err()).contains("'" + wrong + "'").contains(suggestion);
        assertThat(out()).isEmpty();
    }

    @Test
    void versionIsTheBuildsVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out().strip()).isEqualTo("flead " + FleadVersion.version() + " (Java " + Runtime.version() + ")");
        assertThat(FleadVersion.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        out.reset();
        assertThat(run("up", "--version")).isZero();
        assertThat(out()).startsWith("flead " + FleadVersion.version());
    }

    @Test
    void noCommandPrintsTheCommandsAndIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("Usage: flead", "Commands:");
        assertThat(run("help")).isZero();
        assertThat(run("connectors")).isEqualTo(2);
        assertThat(err()).contains("Usage: flead connectors", "apply", "restart");
    }

    @Test
    void aBadValueIsAUsageErrorNamingTheFlagAndTheValue() {
        assertThat(run("up", "--devices", "many")).isEqualTo(2);
        assertThat(err()).contains("'--devices'", "'many'");
        err.reset();
        assertThat(run("up", "--connect-port", "99999")).isEqualTo(2);
        assertThat(err()).contains("Invalid value '99999' for --connect-port: must be between 0 and 65535");
        err.reset();
        assertThat(run("up", "--log-format", "yaml")).isEqualTo(2);
        assertThat(err()).contains("Invalid value 'yaml' for --log-format: must be text or json");
        err.reset();
        assertThat(run("status", "--limit", "0")).isEqualTo(2);
        assertThat(err()).contains("Invalid value '0' for --limit");
    }

    @Test
    void aPasswordFlagIsRefusedWithoutRepeatingIt() {
        assertThat(run("status", "--db-password", "hunter2")).isEqualTo(2);
        assertThat(err()).contains("--db-password is not accepted", "--db-password-file FILE").doesNotContain("hunter2");
    }

    @Test
    void aRunThatFailsExitsWithOne() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThat(run("status", "--jdbc-url", "jdbc:postgresql://127.0.0.1:" + closed + "/postgres?connectTimeout=5",
            "--work-dir", "target/no-such-work-dir")).isEqualTo(1);
        assertThat(err()).contains("flead status: cannot connect to");
    }

    @Test
    void theLaunchersCommandsAreOnlyDescribedHere() {
        assertThat(run("bench", "quality")).isEqualTo(2);
        assertThat(err()).contains("./flead bench quality");
        assertThat(run("bench", "--help")).isZero();
        assertThat(out().replaceAll("\\s+", "")).contains(String.join(",", LauncherCommands.Bench.NAMES));
    }

    @Test
    void completionCoversEveryCommandAndOption() {
        assertThat(run("completion")).isZero();
        assertThat(out()).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_flead")
            .contains("'--exit-when-done'", "'--log-format'", "'--bootstrap-server'", "'--connect-password-file'")
            .contains("(connectors apply)", "(connectors restart)", "completion")
            .contains("\"" + String.join("\" \"", LauncherCommands.Bench.NAMES) + "\"");
    }

    private CommandLine command(List<String> path) {
        CommandLine cmd = FleadCli.commandLine(System.out, System.err);
        for (String name : path) {
            cmd = cmd.getSubcommands().get(name);
        }
        return cmd;
    }

    private int run(String... args) {
        return FleadCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
