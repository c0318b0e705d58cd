package io.flead.bench.source;

import io.flead.embedded.EmbeddedKafka;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs Kafka's {@code ProducerPerformance} in a separate JVM against a broker and reads its final rate. */
final class ProducerPerfRun {
    /** Producer settings given to both our connector (producer.override.*) and ProducerPerformance. */
    static final Map<String, String> SAME_PRODUCER_SETTINGS = Map.of(
        "linger.ms", "20",
        "batch.size", "524288",
        "compression.type", "none");

    private static final Pattern SUMMARY = Pattern.compile("records sent, ([0-9.]+) records/sec");

    record Result(double recordsPerSecond, String summary) {
    }

    private ProducerPerfRun() {
    }

    static Result run(EmbeddedKafka kafka, int partitions, long records, int recordSize, Map<String, String> producer)
            throws Exception {
        String topic = "producer-perf";
        kafka.createTopic(topic, partitions, Map.of());
        List<String> command = new ArrayList<>(List.of(
            javaBinary(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
            "org.apache.kafka.tools.ProducerPerformance",
            "--topic", topic, "--num-records", Long.toString(records), "--record-size", Integer.toString(recordSize),
            "--throughput", "-1", "--producer-props", "bootstrap.servers=" + kafka.bootstrapServers()));
        producer.forEach((k, v) -> command.add(k + "=" + v));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String summary = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (SUMMARY.matcher(line).find()) {
                    summary = line;
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || summary == null) {
            throw new IllegalStateException("ProducerPerformance failed (exit " + exit + ")");
        }
        Matcher m = SUMMARY.matcher(summary);
        m.find();
        System.out.println("ProducerPerformance: " + summary.trim());
        return new Result(Double.parseDouble(m.group(1)), summary);
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
