package io.flead.bench.sink;

import io.flead.embedded.EmbeddedStack;
import io.flead.embedded.PluginDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code flead bench sink}: lands the same telemetry records through a real Connect worker into PostgreSQL with
 * our sink (insert and upsert modes) and Debezium's JDBC sink, and COPYs them raw, printing rows per second.
 */
public final class SinkBench {
    private static final String TOPIC = "bench-telemetry";
    private static final String SCHEMA_TOPIC = "bench-telemetry-schema";
    private static final String OUR_SINK = "io.flead.connect.timescale.TimescaleSinkConnector";
    private static final String DEBEZIUM_SINK = "io.debezium.connector.jdbc.JdbcSinkConnector";
    private static final int BATCH = 10_000;

    private SinkBench() {
    }

    public static void main(String[] args) throws Exception {
        long records = longArg(args, "--records", 1_000_000);
        int features = (int) longArg(args, "--features", 25);
        int copyRuns = (int) Math.max(2, longArg(args, "--copy-runs", 3));
        BenchTelemetry data = new BenchTelemetry(features);
        Path work = Files.createTempDirectory("flead-sink-bench");
        Path debezium = debeziumPluginDir();
        try (EmbeddedStack stack = EmbeddedStack.builder(work).pluginDir(PluginDirs.locate("timescale-sink"))
                .pluginDir(debezium).withPostgres(true).start()) {
            System.out.printf("# %d telemetry records, %d features; PostgreSQL 17 (zonky: fsync off, "
                    + "synchronous_commit off), Kafka, Connect and this driver in one JVM, 1 partition, 1 task%n",
                    records, features);
            System.out.println("# load average at start: " + loadAverage());
            stack.kafka().createTopic(TOPIC, 1, Map.of());
            stack.kafka().createTopic(SCHEMA_TOPIC, 1, Map.of());
            produce(stack.kafka().bootstrapServers(), data, records);
            String jdbc = stack.postgres().jdbcUrl();
            CpuMeter cpu = new CpuMeter(stack.postgres().dataDir());
            run(new SinkRun(stack.restClient(), jdbc, cpu), cpu, jdbc, data, records, copyRuns);
            System.out.println("# load average at end: " + loadAverage());
        } finally {
            deleteQuietly(work);
        }
    }

    private static void run(SinkRun run, CpuMeter cpu, String jdbc, BenchTelemetry data, long records, int copyRuns)
            throws Exception {
        RawCopy copy = RawCopy.encode(jdbc, data, records, BATCH);
        createTables(run, data, copyRuns);
        printSettings("ours (insert)", ours("bench_insert", "insert", jdbc, false));
        printSettings("debezium", debezium(jdbc));
        warmUp(run, jdbc, copy, records);
        List<Double> copies = new ArrayList<>();
        // raw COPY runs bracket our insert mode (before and after it) and close the sequence, so the median spans it
        copies.add(timedCopy(run, cpu, copy, 1));
        double insert = run.rowsPerSecond("bench-insert", ours("bench_insert", "insert", jdbc, false), "bench_insert", records);
        copies.add(timedCopy(run, cpu, copy, 2));
        double upsert = run.rowsPerSecond("bench-upsert", ours("bench_upsert", "upsert", jdbc, false), "bench_upsert", records);
        double oursFlat = run.rowsPerSecond("bench-insert-schema", ours("bench_insert_schema", "insert", jdbc, true),
                "bench_insert_schema", records);
        double dbz = run.rowsPerSecond("bench-debezium", debezium(jdbc), "bench_debezium", records);
        for (int i = 3; i <= copyRuns; i++) {
            copies.add(timedCopy(run, cpu, copy, i));
        }
        double copyMedian = summarize(copies);
        metric("sink.rows_per_s.insert", insert, "rows/s");
        metric("sink.rows_per_s.upsert", upsert, "rows/s");
        metric("sink.rows_per_s.insert_schema", oursFlat, "rows/s");
        metric("sink.rows_per_s.debezium", dbz, "rows/s");
        metric("sink.rows_per_s.copy", copyMedian, "rows/s");
        metric("sink.ratio_vs_debezium", insert / dbz, "x");
        metric("sink.ratio_vs_copy", insert / copyMedian, "x");
    }

    /** Untimed runs of both sinks and of raw COPY, so the JIT, PostgreSQL's caches and the WAL are warm for all. */
    private static void warmUp(SinkRun run, String jdbc, RawCopy copy, long records) throws Exception {
        long warm = Math.min(records, 50_000);
        run.warmUp("warm-ours", ours("bench_warm_ours", "insert", jdbc, false), "bench_warm_ours", warm);
        Map<String, String> warmDebezium = debezium(jdbc);
        warmDebezium.put("collection.name.format", "bench_warm_debezium");
        run.warmUp("warm-debezium", warmDebezium, "bench_warm_debezium", warm);
        // all rows once: the first run this size also makes PostgreSQL create (zero-fill) its WAL segments, which
        // later runs recycle; without it the first timed run alone pays for that
        copy.warmUp("bench_warm_copy", Integer.MAX_VALUE);
        run.drop("bench_warm_copy");
    }

    private static double timedCopy(SinkRun run, CpuMeter cpu, RawCopy copy, int n) throws Exception {
        run.checkpoint();
        double rowsPerSecond = copy.rowsPerSecond("bench_copy_" + n, cpu);
        run.drop("bench_copy_" + n);
        return rowsPerSecond;
    }

    private static void createTables(SinkRun run, BenchTelemetry data, int copyRuns) throws Exception {
        List<String> designTables = new ArrayList<>(List.of("bench_insert", "bench_upsert", "bench_warm_copy"));
        for (int i = 1; i <= copyRuns; i++) {
            designTables.add("bench_copy_" + i);
        }
        for (String table : designTables) {
            run.execute(BenchTelemetry.designTable(table));
            run.execute(BenchTelemetry.indexes(table, "time"));
        }
        run.execute(data.flatTable("bench_insert_schema", "time", "timestamptz"));
        run.execute(BenchTelemetry.indexes("bench_insert_schema", "time"));
        run.execute(data.flatTable("bench_debezium", "ts", "bigint"));
        run.execute(BenchTelemetry.indexes("bench_debezium", "ts"));
    }

    private static void printSettings(String who, Map<String, String> config) {
        config.forEach((k, v) -> {
            if (!k.contains("password")) {
                System.out.printf("# %s: %s=%s%n", who, k, v);
            }
        });
    }

    /** Prints the raw COPY runs and their spread; returns their median. */
    private static double summarize(List<Double> copies) {
        double median = median(copies);
        System.out.printf(Locale.ROOT, "# raw COPY runs (rows/s): %s; median %.0f, spread (max-min)/median %.0f%%%n",
                copies.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList(), median,
                100 * (Collections.max(copies) - Collections.min(copies)) / median);
        return median;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim() + " (2 cores, shared)";
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static Map<String, String> ours(String table, String mode, String jdbc, boolean withSchema) {
        Map<String, String> c = common(withSchema ? SCHEMA_TOPIC : TOPIC, withSchema);
        c.put("connector.class", OUR_SINK);
        c.put("connection.url", jdbc);
        c.put("topic.table.map", (withSchema ? SCHEMA_TOPIC : TOPIC) + ":" + table);
        c.put("table.key.map", table + ":device_id|seq|time");
        c.put("insert.mode", mode);
        c.put("batch.size", Integer.toString(BATCH));
        if (!withSchema) {
            // the sink's fast path (as shipped): it scans the JSON bytes itself and passes nested objects to jsonb unparsed
            c.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        }
        return c;
    }

    private static Map<String, String> debezium(String jdbc) {
        Map<String, String> c = common(SCHEMA_TOPIC, true);
        c.put("connector.class", DEBEZIUM_SINK);
        // pgjdbc rewrites Debezium's batched INSERTs into multi-row INSERTs: its best PostgreSQL setting
        c.put("connection.url", jdbc + (jdbc.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true");
        c.put("connection.username", "postgres");
        c.put("connection.password", "postgres");
        c.put("insert.mode", "insert");
        c.put("primary.key.mode", "none");
        c.put("schema.evolution", "basic");
        c.put("collection.name.format", "bench_debezium");
        c.put("batch.size", Integer.toString(BATCH));
        return c;
    }

    private static Map<String, String> common(String topic, boolean withSchema) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("tasks.max", "1");
        c.put("topics", topic);
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("value.converter.schemas.enable", Boolean.toString(withSchema));
        c.put("consumer.override.max.poll.records", "5000");
        c.put("consumer.override.fetch.max.bytes", "67108864");
        c.put("consumer.override.max.partition.fetch.bytes", "16777216");
        return c;
    }

    private static void produce(String bootstrap, BenchTelemetry data, long records) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(256L * 1024 * 1024));
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (long i = 0; i < records; i++) {
                String key = data.device(i);
                producer.send(new ProducerRecord<>(TOPIC, key, data.designJson(i)));
                producer.send(new ProducerRecord<>(SCHEMA_TOPIC, key, data.schemaJson(i)));
            }
            producer.flush();
        }
        System.out.printf("# produced 2 x %d records in %.1f s (sample value: %d bytes schemaless, %d with schema)%n",
                records, (System.nanoTime() - start) / 1e9, data.designJson(1).length(), data.schemaJson(1).length());
    }

    private static Path debeziumPluginDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("bench/target/plugins");
            if (Files.isDirectory(candidate.resolve("debezium-jdbc"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("No bench/target/plugins/debezium-jdbc: run mvn package -pl bench -am");
    }

    private static void metric(String name, double value, String unit) {
        System.out.println(String.format(Locale.ROOT, "metric %s %.2f %s", name, value, unit));
    }

    private static long longArg(String[] args, String name, long fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Long.parseLong(args[i + 1].replace("_", ""));
            }
        }
        return fallback;
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // a temp directory left behind is harmless
        }
    }
}
