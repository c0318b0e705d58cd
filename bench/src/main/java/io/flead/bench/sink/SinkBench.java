package io.flead.bench.sink;

import io.flead.bench.BenchFlags;
import io.flead.embedded.EmbeddedPostgres;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flead bench sink}: lands the same telemetry records through a real Connect worker into PostgreSQL with
 * our sink (insert mode into Debezium's flat table shape and into the DESIGN jsonb shape, upsert mode) and Debezium's
 * JDBC sink, and COPYs them raw into both shapes, printing rows per second. Options: {@code --records},
 * {@code --features}, {@code --copy-runs}, {@code --arms flat,jsonb,upsert,schema,debezium},
 * {@code --flat-copy-format binary|text} (our sink's copy.format in the flat-table run) and {@code --jfr file}
 * (a JFR recording of this JVM during that run).
 */
public final class SinkBench {
    private static final String TOPIC = "bench-telemetry";
    private static final String SCHEMA_TOPIC = "bench-telemetry-schema";
    private static final int BATCH = 10_000;

    private SinkBench() {
    }

    /** The flags of {@code flead bench sink}, declared once. */
    @Command(name = "sink", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The sink's insert rate into Debezium's flat table shape against Debezium's JDBC sink and raw "
            + "COPY of that table, plus insert and upsert rates into the DESIGN (jsonb) shape against raw COPY of it.")
    public static final class Flags {
        @Option(names = "--records", paramLabel = "N", defaultValue = "1000000",
            description = "telemetry records; underscores allowed, 1_000_000 (default: ${DEFAULT-VALUE})")
        String records;
        @Option(names = "--features", paramLabel = "N", defaultValue = "25",
            description = "features per record (default: ${DEFAULT-VALUE})")
        int features;
        @Option(names = "--copy-runs", paramLabel = "N", defaultValue = "3",
            description = "raw COPY runs per shape, at least 2 (default: ${DEFAULT-VALUE})")
        int copyRuns;
        @Option(names = "--arms", paramLabel = "ARM[,ARM…]", defaultValue = "flat,jsonb,upsert,schema,debezium",
            description = "which runs (default: ${DEFAULT-VALUE})")
        String arms;
        @Option(names = "--flat-copy-format", paramLabel = "binary|text", defaultValue = "binary",
            description = "our sink's copy.format in the flat-table run (default: ${DEFAULT-VALUE})")
        String flatCopyFormat;
        @Option(names = "--jfr", paramLabel = "FILE", description = "a JFR recording of this JVM during that run")
        Path jfr;

        long records() {
            try {
                return Long.parseLong(records.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid value '" + records + "' for --records: must be an integer");
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Flags flags = BenchFlags.parse(new Flags(), args);
        long records = flags.records();
        int features = flags.features;
        int copyRuns = Math.max(2, flags.copyRuns);
        List<String> arms = List.of(flags.arms.split(","));
        Path jfr = flags.jfr;
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
            EmbeddedPostgres db = stack.postgres();
            CpuMeter cpu = new CpuMeter(stack.postgres().dataDir());
            run(new SinkRun(stack.restClient(), db, cpu), cpu, db, data, records, copyRuns, arms, jfr,
                    flags.flatCopyFormat);
            System.out.println("# load average at end: " + loadAverage());
        } finally {
            deleteQuietly(work);
        }
    }

    private static void run(SinkRun run, CpuMeter cpu, EmbeddedPostgres db, BenchTelemetry data, long records, int copyRuns,
                            List<String> arms, Path jfr, String flatCopyFormat) throws Exception {
        RawCopy flatCopy = RawCopy.encode(db, data.flatColumns(), data::appendFlatCopyRow, records, BATCH);
        RawCopy jsonbCopy = RawCopy.encode(db, BenchTelemetry.designColumns(), data::appendCopyRow, records, BATCH);
        createTables(run, data, copyRuns);
        printSettings("ours (insert, flat table)",
                BenchConnectors.oursFlat("bench_insert_flat", TOPIC, db, BATCH, flatCopyFormat));
        printSettings("ours (insert, DESIGN table)", BenchConnectors.ours("bench_insert", "insert", TOPIC, db, BATCH));
        printSettings("debezium", BenchConnectors.debezium(SCHEMA_TOPIC, "bench_debezium", db, BATCH));
        warmUp(run, db, flatCopy, jsonbCopy, records, arms, flatCopyFormat);
        Map<String, Double> m = new LinkedHashMap<>();
        List<Double> flatCopies = new ArrayList<>();
        List<Double> jsonbCopies = new ArrayList<>();
        // each shape's raw COPY runs bracket our insert mode into that shape and close the sequence
        flatCopies.add(timedCopy(run, cpu, flatCopy, "bench_copy_flat_", 1));
        if (arms.contains("flat")) {
            m.put("insert", JfrWindow.around(jfr, () -> run.rowsPerSecond("bench-insert-flat",
                    BenchConnectors.oursFlat("bench_insert_flat", TOPIC, db, BATCH, flatCopyFormat), "bench_insert_flat",
                    records)));
        }
        flatCopies.add(timedCopy(run, cpu, flatCopy, "bench_copy_flat_", 2));
        jsonbCopies.add(timedCopy(run, cpu, jsonbCopy, "bench_copy_", 1));
        if (arms.contains("jsonb")) {
            m.put("insert.jsonb", run.rowsPerSecond("bench-insert",
                    BenchConnectors.ours("bench_insert", "insert", TOPIC, db, BATCH), "bench_insert", records));
        }
        jsonbCopies.add(timedCopy(run, cpu, jsonbCopy, "bench_copy_", 2));
        if (arms.contains("upsert")) {
            m.put("upsert", run.rowsPerSecond("bench-upsert",
                    BenchConnectors.ours("bench_upsert", "upsert", TOPIC, db, BATCH), "bench_upsert", records));
        }
        if (arms.contains("schema")) {
            m.put("insert_schema", run.rowsPerSecond("bench-insert-schema",
                    BenchConnectors.ours("bench_insert_schema", "insert", SCHEMA_TOPIC, db, BATCH), "bench_insert_schema", records));
        }
        if (arms.contains("debezium")) {
            m.put("debezium", run.rowsPerSecond("bench-debezium",
                    BenchConnectors.debezium(SCHEMA_TOPIC, "bench_debezium", db, BATCH), "bench_debezium", records));
        }
        for (int i = 3; i <= copyRuns; i++) {
            flatCopies.add(timedCopy(run, cpu, flatCopy, "bench_copy_flat_", i));
            jsonbCopies.add(timedCopy(run, cpu, jsonbCopy, "bench_copy_", i));
        }
        m.put("copy", summarize("flat", flatCopies));
        m.put("copy.jsonb", summarize("DESIGN (jsonb)", jsonbCopies));
        printMetrics(m);
    }

    private static void printMetrics(Map<String, Double> m) {
        System.out.println("# shapes: insert, copy and debezium = the flat table Debezium writes (one double precision column "
                + "per feature, ts bigint, unique (device_id, seq, ts), BRIN (ts)); insert.jsonb, upsert and copy.jsonb = "
                + "the DESIGN telemetry table (features jsonb, time timestamptz, unique (device_id, seq, time), BRIN (time)); "
                + "insert_schema = ours from the JSON-with-schema topic into a flat table with time timestamptz");
        m.forEach((name, value) -> metric("sink.rows_per_s." + name, value, "rows/s"));
        ratio("sink.ratio_vs_debezium", m.get("insert"), m.get("debezium"));
        ratio("sink.ratio_vs_copy", m.get("insert"), m.get("copy"));
        ratio("sink.ratio_vs_debezium.jsonb", m.get("insert.jsonb"), m.get("debezium"));
        ratio("sink.ratio_vs_copy.jsonb", m.get("insert.jsonb"), m.get("copy.jsonb"));
    }

    private static void ratio(String name, Double numerator, Double denominator) {
        if (numerator != null && denominator != null) {
            metric(name, numerator / denominator, "x");
        }
    }

    /** Untimed runs of the sinks and of raw COPY, so the JIT, PostgreSQL's caches and the WAL are warm for all. */
    private static void warmUp(SinkRun run, EmbeddedPostgres db, RawCopy flatCopy, RawCopy jsonbCopy, long records,
                               List<String> arms, String flatCopyFormat) throws Exception {
        long warm = Math.min(records, 50_000);
        if (arms.contains("flat")) {
            run.warmUp("warm-ours-flat", BenchConnectors.oursFlat("bench_warm_flat", TOPIC, db, BATCH, flatCopyFormat),
                    "bench_warm_flat", warm);
        }
        run.warmUp("warm-ours", BenchConnectors.ours("bench_warm_ours", "insert", TOPIC, db, BATCH), "bench_warm_ours", warm);
        if (arms.contains("debezium")) {
            run.warmUp("warm-debezium", BenchConnectors.debezium(SCHEMA_TOPIC, "bench_warm_debezium", db, BATCH),
                    "bench_warm_debezium", warm);
        }
        // all rows once: the first run this size also makes PostgreSQL create (zero-fill) its WAL segments, which
        // later runs recycle; without it the first timed run alone pays for that
        flatCopy.warmUp("bench_warm_copy_flat", Integer.MAX_VALUE);
        run.drop("bench_warm_copy_flat");
        jsonbCopy.warmUp("bench_warm_copy", Integer.MAX_VALUE);
        run.drop("bench_warm_copy");
    }

    private static double timedCopy(SinkRun run, CpuMeter cpu, RawCopy copy, String prefix, int n) throws Exception {
        run.checkpoint();
        double rowsPerSecond = copy.rowsPerSecond(prefix + n, cpu);
        run.drop(prefix + n);
        return rowsPerSecond;
    }

    private static void createTables(SinkRun run, BenchTelemetry data, int copyRuns) throws Exception {
        List<String> designTables = new ArrayList<>(List.of("bench_insert", "bench_upsert", "bench_warm_copy"));
        // the flat tables of ours, of raw COPY and of Debezium come from one DDL: Debezium's table shape
        List<String> flatTables = new ArrayList<>(List.of("bench_insert_flat", "bench_warm_flat", "bench_warm_copy_flat",
                "bench_debezium"));
        for (int i = 1; i <= copyRuns; i++) {
            designTables.add("bench_copy_" + i);
            flatTables.add("bench_copy_flat_" + i);
        }
        for (String table : designTables) {
            run.execute(BenchTelemetry.designTable(table));
            run.execute(BenchTelemetry.indexes(table, "time"));
        }
        for (String table : flatTables) {
            run.execute(data.flatTable(table, "ts", "bigint"));
            run.execute(BenchTelemetry.indexes(table, "ts"));
        }
        run.execute(data.flatTable("bench_insert_schema", "time", "timestamptz"));
        run.execute(BenchTelemetry.indexes("bench_insert_schema", "time"));
    }

    private static void printSettings(String who, Map<String, String> config) {
        config.forEach((k, v) -> {
            if (!k.contains("password")) {
                System.out.printf("# %s: %s=%s%n", who, k, v);
            }
        });
    }

    /** Prints the raw COPY runs and their spread; returns their median. */
    private static double summarize(String shape, List<Double> copies) {
        double median = median(copies);
        System.out.printf(Locale.ROOT, "# raw COPY runs, %s table (rows/s): %s; median %.0f, spread (max-min)/median %.0f%%%n",
                shape, copies.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList(), median,
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

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // a temp directory left behind is harmless
        }
    }
}
