package io.flead.connect.csv.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import io.flead.datagen.DeviceDataGenerator;
import io.flead.datagen.GenerationReport;
import io.flead.datagen.GeneratorConfig;
import io.flead.embedded.EmbeddedStack;
import io.flead.embedded.PluginDirs;

/**
 * Prints the rows/s of the connector on a real worker (one task, replay.mode=max, one partition) from PUT to the
 * last row in the topic: {@code WorkerThroughput <devices> <rows> <exactlyOnce>}. A benchmark, not a test.
 */
public final class WorkerThroughput {

    private WorkerThroughput() {
    }

    /** Runs Kafka's ProducerPerformance in a separate JVM and returns its records/s. */
    private static double producerPerformance(String bootstrap, long records, int recordSize) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance",
                "--topic", "perf", "--num-records", Long.toString(records), "--record-size", Integer.toString(recordSize),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap)
                .redirectErrorStream(true).start();
        String last = "";
        try (java.io.BufferedReader out = p.inputReader()) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.contains("records/sec")) {
                    last = line;
                }
            }
        }
        p.waitFor();
        System.out.println("ProducerPerformance: " + last);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9.]+) records/sec").matcher(last);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    public static void main(String[] args) throws Exception {
        int devices = Integer.parseInt(args[0]);
        int rows = Integer.parseInt(args[1]);
        boolean eos = args.length > 2 && Boolean.parseBoolean(args[2]);
        Path work = Files.createTempDirectory("csv-worker-throughput");
        GenerationReport report = DeviceDataGenerator.generate(GeneratorConfig.defaults().withDevices(devices).withRows(rows)
                .withHoldoutRows(0), work.resolve("data"));
        long expected = report.trainingRows();
        try (EmbeddedStack stack = EmbeddedStack.builder(work.resolve("stack"))
                .pluginDir(PluginDirs.locate("csv-device-source")).exactlyOnceSource(eos).start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
            Map<String, String> keep = Map.of("retention.ms", "-1"); // 2021 event times would expire at once
            admin.createTopics(List.of(new NewTopic("bench", 1, (short) 1).configs(keep), new NewTopic("bench-errors", 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
            Map<String, String> config = new LinkedHashMap<>();
            config.put("connector.class", "io.flead.connect.csv.CsvDeviceSourceConnector");
            config.put("tasks.max", "1");
            config.put("input.path", work.resolve("data").toString());
            config.put("input.file.pattern", "device_*.csv");
            config.put("topic", "bench");
            config.put("errors.topic", "bench-errors");
            for (String kv : System.getProperty("overrides", "").split(";")) {
                if (!kv.isBlank()) {
                    config.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                }
            }
            long start = System.nanoTime();
            stack.restClient().putConnectorConfigOrThrow("bench", config);
            TopicPartition tp = new TopicPartition("bench", 0);
            long end;
            while (true) {
                end = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get().get(tp).offset();
                if (end >= expected) {
                    break;
                }
                Thread.sleep(100);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long bytes = Files.walk(work.resolve("stack")).filter(p -> p.toString().contains("bench-0") && p.toString().endsWith(".log"))
                    .mapToLong(p -> p.toFile().length()).sum();
            double rowsPerS = end / seconds;
            System.out.printf("metric source.rows_per_s %.0f rows/s (%d rows, %.1f s, eos=%s, log %.1f MB, %.0f B/row on disk)%n",
                    rowsPerS, end, seconds, eos, bytes / 1e6, (double) bytes / end);
            int recordSize = (int) (bytes / end);
            admin.createTopics(List.of(new NewTopic("perf", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            double perf = producerPerformance(stack.kafka().bootstrapServers(), end, recordSize);
            System.out.printf("metric source.producer_perf_rows_per_s %.0f rows/s (record size %d B)%n", perf, recordSize);
            System.out.printf("metric source.producer_perf_ratio %.2f ratio%n", rowsPerS / perf);
        }
    }
}
