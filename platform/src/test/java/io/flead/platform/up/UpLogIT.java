package io.flead.platform.up;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code flead up} writes its log, and in which layout: {@code flead up} in its own JVM, started as the launcher
 * starts it (its {@code flead.log.file} naming the project's {@code .flead/flead.log}), on a work dir of its own and a
 * Kafka port already taken, so that it logs its start and its refusal and exits 2 before starting anything.
 */
class UpLogIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void upWritesItsLogIntoItsWorkDirNotTheLaunchersFile() throws Exception {
        Path work = dir.resolve("work");
        Result r = up(Map.of(), "--work-dir", work.toString());
        assertThat(r.exit).as(r.output).isEqualTo(2);
        assertThat(r.output).contains("Port " + r.port + " (Kafka broker) is already in use");
        List<String> lines = Files.readAllLines(work.resolve("flead.log"), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).contains("INFO", "UpCommand", "flead up starting in " + work);
        assertThat(lines).anyMatch(l -> l.contains("WARN") && l.contains("flead up stopped")
            && l.contains("already in use"));
        assertThat(launcherLog()).as("the launcher's default log file").doesNotExist();
    }

    @Test
    void theJsonLayoutWritesOneObjectPerLineNamingTheApp() throws Exception {
        Path work = dir.resolve("json");
        Result r = up(Map.of(), "--work-dir", work.toString(), "--log-format", "json");
        assertThat(r.exit).as(r.output).isEqualTo(2);
        List<JsonNode> lines = jsonLines(work.resolve("flead.log"));
        JsonNode start = lines.get(0);
        assertThat(fieldNames(start)).containsExactlyInAnyOrder("time", "level", "logger", "thread", "message", "app");
        assertThat(start.get("app").asText()).isEqualTo("flead-up");
        assertThat(start.get("level").asText()).isEqualTo("INFO");
        assertThat(start.get("logger").asText()).isEqualTo(UpCommand.class.getName());
        assertThat(start.get("message").asText()).startsWith("flead up starting in " + work);
        assertThat(start.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        JsonNode stopped = lines.stream().filter(l -> l.get("message").asText().startsWith("flead up stopped"))
            .findFirst().orElseThrow();
        assertThat(stopped.get("level").asText()).isEqualTo("WARN");
        assertThat(stopped.get("error").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(stopped.get("error_message").asText()).contains("already in use");
        assertThat(stopped.get("stack_trace").asText()).contains("at io.flead.platform.up.PortGuard");
    }

    @Test
    void theEnvironmentAsksForJsonAndTheFlagWins() throws Exception {
        Path fromEnv = dir.resolve("env");
        assertThat(up(Map.of("FLEAD_LOG_FORMAT", "json"), "--work-dir", fromEnv.toString()).exit).isEqualTo(2);
        assertThat(jsonLines(fromEnv.resolve("flead.log")).get(0).get("app").asText()).isEqualTo("flead-up");
        Path flag = dir.resolve("flag");
        assertThat(up(Map.of("FLEAD_LOG_FORMAT", "json"), "--work-dir", flag.toString(), "--log-format", "text").exit)
            .isEqualTo(2);
        assertThat(Files.readAllLines(flag.resolve("flead.log")).get(0)).doesNotStartWith("{").contains(" INFO ");
        Result bad = up(Map.of("FLEAD_LOG_FORMAT", "xml"), "--work-dir", dir.resolve("bad").toString());
        assertThat(bad.exit).isEqualTo(2);
        assertThat(bad.output).contains("Invalid value 'xml' for FLEAD_LOG_FORMAT: must be text or json");
    }

    private Path launcherLog() {
        return dir.resolve("project").resolve(".flead").resolve("flead.log");
    }

    private static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode node = JSON.readTree(line);
            assertThat(node.isObject()).as(line).isTrue();
            nodes.add(node);
        }
        return nodes;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private record Result(int exit, String output, int port) {
    }

    /** {@code flead up ARGS --kafka-port P} with P taken, as the launcher runs it; its exit code and output. */
    private Result up(Map<String, String> env, String... args) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dflead.log.file=" + launcherLog(), "-Dlog4j2.configurationFile=classpath:flead-log4j2.xml",
                "-cp", System.getProperty("java.class.path"), "io.flead.platform.FleadCli", "up"));
            command.addAll(List.of(args));
            command.addAll(List.of("--kafka-port", Integer.toString(taken.getLocalPort())));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().remove("FLEAD_LOG_FORMAT");
            pb.environment().putAll(env);
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
            return new Result(p.exitValue(), output, taken.getLocalPort());
        }
    }
}
