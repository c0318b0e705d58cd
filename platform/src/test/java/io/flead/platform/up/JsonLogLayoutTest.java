package io.flead.platform.up;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON layout of both shipped Log4j configurations ({@code flead-log4j2.xml} of the CLI, writing its file, and
 * {@code flead-function-log4j2.xml} of a function, whose stdout layout formats the events here): one object per line, the app's name, and the device
 * (MDC {@code device}) and Connect task (Connect's MDC {@code connector.context}) when the line has them. Each runs in
 * a logger context of its own, so this JVM's logging is left alone.
 */
class JsonLogLayoutTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PROPERTIES = List.of("flead.log.file", "flead.log.format", "flead.app");

    @TempDir
    Path dir;

    private final Map<String, String> saved = new java.util.HashMap<>();

    @AfterEach
    void restoreProperties() {
        PROPERTIES.forEach(p -> {
            if (saved.get(p) == null) {
                System.clearProperty(p);
            } else {
                System.setProperty(p, saved.get(p));
            }
        });
        ThreadContext.clearMap();
    }

    @Test
    void theCliWritesOneObjectPerLineWithAppDeviceAndTask() throws Exception {
        Path file = dir.resolve("flead.log");
        set("flead.log.file", file.toString());
        set("flead.log.format", "json");
        set("flead.app", "flead-up");
        logThreeLines("flead-log4j2.xml");
        List<JsonNode> lines = jsonLines(Files.readString(file, StandardCharsets.UTF_8));
        assertShape(lines, "flead-up");
    }

    @Test
    void aFunctionWritesTheSameShapeToStandardOutput() throws Exception {
        set("flead.log.format", "json");
        set("flead.app", "fedavg");
        // the events formatted by the layout of the config's stdout appender (this JVM's stdout is the test runner's)
        LoggerContext context = start("flead-function-log4j2.xml");
        try {
            Layout<?> layout = context.getConfiguration().getAppender("out").getLayout();
            StringBuilder text = new StringBuilder();
            for (LogEvent event : threeEvents()) {
                text.append(new String(layout.toByteArray(event), StandardCharsets.UTF_8));
            }
            assertShape(jsonLines(text.toString()), "fedavg");
        } finally {
            context.stop();
        }
    }

    /** The three lines of {@link #logThreeLines} as events. */
    private static List<LogEvent> threeEvents() {
        SortedArrayStringMap mdc = new SortedArrayStringMap();
        mdc.putValue("device", "device_7");
        mdc.putValue("connector.context", "[csv-device-source|task-0] ");
        return List.of(event(Level.WARN, new ParameterizedMessage("bad row of {}: line {}", "device_7", 12), mdc, null),
            event(Level.INFO, new ParameterizedMessage("round {} closed", 3), new SortedArrayStringMap(), null),
            event(Level.ERROR, new ParameterizedMessage("failed"), new SortedArrayStringMap(),
                new IllegalStateException("broken \"quoted\"\nsecond line")));
    }

    private static LogEvent event(Level level, ParameterizedMessage message, SortedArrayStringMap mdc, Throwable e) {
        return Log4jLogEvent.newBuilder().setLoggerName("io.flead.layout.Check").setLevel(level).setMessage(message)
            .setContextData(mdc).setThrown(e).setThreadName("main").setTimeMillis(System.currentTimeMillis()).build();
    }

    private static LoggerContext start(String config) throws Exception {
        URI uri = Objects.requireNonNull(JsonLogLayoutTest.class.getClassLoader().getResource(config)).toURI();
        LoggerContext context = new LoggerContext("json-layout-" + config);
        Configuration configuration = ConfigurationFactory.getInstance().getConfiguration(context, config, uri);
        context.start(configuration);
        return context;
    }

    @Test
    void textStaysTheDefault() throws Exception {
        Path file = dir.resolve("text.log");
        set("flead.log.file", file.toString());
        set("flead.log.format", null);
        logThreeLines("flead-log4j2.xml");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).doesNotStartWith("{").contains(" WARN ", "bad row of device_7");
    }

    private static void assertShape(List<JsonNode> lines, String app) {
        assertThat(lines).hasSize(3);
        for (JsonNode line : lines) {
            assertThat(line.get("app").asText()).isEqualTo(app);
            assertThat(line.get("logger").asText()).isEqualTo("io.flead.layout.Check");
            assertThat(line.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        }
        JsonNode device = lines.get(0);
        assertThat(fieldNames(device)).containsExactlyInAnyOrder("time", "level", "logger", "thread", "message", "app",
            "device", "task");
        assertThat(device.get("device").asText()).isEqualTo("device_7");
        assertThat(device.get("task").asText()).isEqualTo("[csv-device-source|task-0] ");
        assertThat(device.get("level").asText()).isEqualTo("WARN");
        assertThat(device.get("message").asText()).isEqualTo("bad row of device_7: line 12");
        JsonNode plain = lines.get(1);
        assertThat(fieldNames(plain)).containsExactlyInAnyOrder("time", "level", "logger", "thread", "message", "app");
        assertThat(plain.get("message").asText()).isEqualTo("round 3 closed");
        JsonNode error = lines.get(2);
        assertThat(error.get("level").asText()).isEqualTo("ERROR");
        assertThat(error.get("error").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(error.get("error_message").asText()).isEqualTo("broken \"quoted\"\nsecond line");
        assertThat(error.get("stack_trace").asText()).startsWith(IllegalStateException.class.getName());
    }

    /** A WARN with a device and a Connect task, an INFO with neither, an ERROR with an exception. */
    private static void logThreeLines(String config) throws Exception {
        LoggerContext context = start(config);
        try {
            Logger log = context.getLogger("io.flead.layout.Check");
            ThreadContext.put("device", "device_7");
            ThreadContext.put("connector.context", "[csv-device-source|task-0] ");
            log.warn("bad row of {}: line {}", "device_7", 12);
            ThreadContext.clearMap();
            log.info("round {} closed", 3);
            log.error("failed", new IllegalStateException("broken \"quoted\"\nsecond line"));
        } finally {
            context.stop();
        }
    }

    private void set(String property, String value) {
        saved.putIfAbsent(property, System.getProperty(property));
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    private static List<JsonNode> jsonLines(String text) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : text.split("\n")) {
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
}
