package io.flead.bench.sink;

import io.flead.bench.BenchFlags;
import io.flead.embedded.EmbeddedStack;
import io.flead.embedded.PluginDirs;
import io.flead.embedded.TimescaleDb;
import java.sql.Connection;
import java.sql.SQLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
 * {@code --flat-copy-format binary|text} (our sink's copy.format in the flat-table run), {@code --jfr file}
 * (a JFR recording of this JVM during that run), and {@code --target postgres|timescaledb} ({@link SinkTarget}: with
 * timescaledb every table is a hypertable, on a TimescaleDB started from the shared kit or on {@code --jdbc-url},
 * the metric names end in {@code .timescaledb}, and the telemetry hypertable's columnstore compression ratio is
 * printed as {@code sink.timescaledb.compression_ratio}).
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
        @Option(names = SinkTarget.TARGET, paramLabel = "postgres|timescaledb", defaultValue = "postgres",
            description = "plain tables on the embedded PostgreSQL, or hypertables on TimescaleDB: the kit's server, or"
                + " --jdbc-url's; metric names then end in .timescaledb (default: ${DEFAULT-VALUE})")
        String target;
        @Option(names = SinkTarget.JDBC_URL, paramLabel = "URL",
            description = "an existing TimescaleDB (with --target timescaledb; password from FLEAD_DB_PASSWORD)")
        String jdbcUrl;
        @Option(names = SinkTarget.DB_USER, paramLabel = "USER", defaultValue = "postgres",
            description = "its user (default: ${DEFAULT-VALUE})")
        String dbUser;

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
        SinkTarget target = SinkTarget.of(flags.target, flags.jdbcUrl, flags.dbUser);
        Optional<String> missing = target.timescale() && target.jdbcUrl() == null
                ? TimescaleDb.unavailable(TimescaleDb.kitDir()) : Optional.empty();
        if (missing.isPresent()) {
            System.out.println("# bench sink --target timescaledb skipped: " + missing.get());
            return;
        }
        long records = flags.records();
        int features = flags.features;
        int copyRuns = Math.max(2, flags.copyRuns);
        List<String> arms = List.of(flags.arms.split(","));
        Path jfr = flags.jfr;
        BenchTelemetry data = new BenchTelemetry(features);
        Path work = Files.createTempDirectory("flead-sink-bench");
        Path debezium = debeziumPluginDir();
        try (TimescaleDb timescale = startTimescaleDb(target);
             EmbeddedStack stack = EmbeddedStack.builder(work).pluginDir(PluginDirs.locate("timescale-sink"))
                .pluginDir(debezium).withPostgres(!target.timescale()).start()) {
            BenchDb db = database(target, timescale, stack);
            System.out.printf("# %d telemetry records, %d features; %s, Kafka, Connect and this driver in one JVM, "
                    + "1 partition, 1 task%n", records, features, describe(target, timescale));
            System.out.println("# load average at start: " + loadAverage());
            stack.kafka().createTopic(TOPIC, 1, Map.of());
            stack.kafka().createTopic(SCHEMA_TOPIC, 1, Map.of());
            produce(stack.kafka().bootstrapServers(), data, records);
            CpuMeter cpu = new CpuMeter(db.dataDir());
            run(new SinkRun(stack.restClient(), db, cpu), cpu, db, data, records, copyRuns, arms, jfr,
                    flags.flatCopyFormat, target.suffix());
            if (target.timescale()) {
                compressionRatio(db, data, records);
            }
            System.out.println("# load average at end: " + loadAverage());
        } finally {
            deleteQuietly(work);
        }
    }

    /** A TimescaleDB from the shared kit for {@code --target timescaledb} without {@code --jdbc-url}, else null. */
    private static TimescaleDb startTimescaleDb(SinkTarget target) {
        return target.timescale() && target.jdbcUrl() == null ? TimescaleDb.startTemporary(TimescaleDb.kitDir()) : null;
    }

    private static BenchDb database(SinkTarget target, TimescaleDb timescale, EmbeddedStack stack) throws SQLException {
        if (!target.timescale()) {
            return BenchDb.of(stack.postgres(), false);
        }
        BenchDb db = timescale != null ? BenchDb.of(timescale, true)
                : new BenchDb(target.jdbcUrl(), target.user(), System.getenv("FLEAD_DB_PASSWORD"), null, true);
        try (Connection c = db.connect(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'")) {
            if (!rs.next()) {
                throw new IllegalStateException("Invalid value '" + target.jdbcUrl() + "' for option '"
                        + SinkTarget.JDBC_URL + "': the database has no timescaledb extension");
            }
        }
        return db;
    }

    private static String describe(SinkTarget target, TimescaleDb timescale) throws SQLException {
        if (!target.timescale()) {
            return "PostgreSQL 17 (zonky: fsync off, synchronous_commit off)";
        }
        return timescale != null ? "TimescaleDB " + timescale.extensionVersion() + " on PostgreSQL 15 (the shared kit's "
                + "start.sh, default settings: fsync on), hypertables" : "TimescaleDB at " + SinkTarget.JDBC_URL
                + " (its own settings; its CPU is not metered), hypertables";
    }

    /**
     * All records COPYed untimed into {@code bench_telemetry}, a hypertable exactly like the sink's {@code telemetry}
     * (its columns, 7-day chunks, the columnstore segmented by device_id and ordered by time newest first), whose
     * every chunk is then moved to the columnstore: the ratio of its total bytes before and after.
     */
    private static void compressionRatio(BenchDb db, BenchTelemetry data, long records) throws SQLException {
        String table = "bench_telemetry";
        try (Connection c = db.connect(); var s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS \"" + table + "\"");
            s.execute(BenchTelemetry.sinkTelemetryTable(table));
            for (String sql : BenchTelemetry.hypertable(table, "time", false)) {
                s.execute(sql);
            }
            s.execute(Columnstore.enable(table, "device_id", "time"));
        }
        RawCopy.encode(db, BenchTelemetry.designColumns(), data::appendCopyRow, records, BATCH).warmUp(table, Integer.MAX_VALUE);
        try (Connection c = db.connect(); var s = c.createStatement()) {
            Columnstore.Sizes sizes = Columnstore.compressAll(c, table);
            System.out.printf("# %s (the sink's telemetry layout, %d rows): %d of %d chunks in the columnstore, "
                    + "%d bytes before, %d after%n", table, records, sizes.compressedChunks(), sizes.chunks(),
                    sizes.beforeBytes(), sizes.afterBytes());
            metric("sink.timescaledb.compression_ratio", sizes.ratio(), "x");
            s.execute("DROP TABLE \"" + table + "\"");
        }
    }

    private static void run(SinkRun run, CpuMeter cpu, BenchDb db, BenchTelemetry data, long records, int copyRuns,
                            List<String> arms, Path jfr, String flatCopyFormat, String suffix) throws Exception {
        RawCopy flatCopy = RawCopy.encode(db, data.flatColumns(), data::appendFlatCopyRow, records, BATCH);
        RawCopy jsonbCopy = RawCopy.encode(db, BenchTelemetry.designColumns(), data::appendCopyRow, records, BATCH);
        createTables(run, data, copyRuns, db.timescale());
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
        printMetrics(m, suffix, db.timescale());
    }

    private static void printMetrics(Map<String, Double> m, String suffix, boolean timescale) {
        String time = timescale ? "hypertables (7-day chunks) with TimescaleDB's time index on " : "BRIN on ";
        System.out.println("# shapes: insert, copy and debezium = the flat table Debezium writes (one double precision column "
                + "per feature, ts bigint, unique (device_id, seq, ts), " + time + "ts); insert.jsonb, upsert and copy.jsonb = "
                + "the DESIGN telemetry table (features jsonb, time timestamptz, unique (device_id, seq, time), " + time
                + "time); insert_schema = ours from the JSON-with-schema topic into a flat table with time timestamptz");
        m.forEach((name, value) -> metric("sink.rows_per_s." + name + suffix, value, "rows/s"));
        ratio("sink.ratio_vs_debezium" + suffix, m.get("insert"), m.get("debezium"));
        ratio("sink.ratio_vs_copy" + suffix, m.get("insert"), m.get("copy"));
        ratio("sink.ratio_vs_debezium.jsonb" + suffix, m.get("insert.jsonb"), m.get("debezium"));
        ratio("sink.ratio_vs_copy.jsonb" + suffix, m.get("insert.jsonb"), m.get("copy.jsonb"));
    }

    private static void ratio(String name, Double numerator, Double denominator) {
        if (numerator != null && denominator != null) {
            metric(name, numerator / denominator, "x");
        }
    }

    /** Untimed runs of the sinks and of raw COPY, so the JIT, PostgreSQL's caches and the WAL are warm for all. */
    private static void warmUp(SinkRun run, BenchDb db, RawCopy flatCopy, RawCopy jsonbCopy, long records,
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

    private static void createTables(SinkRun run, BenchTelemetry data, int copyRuns, boolean timescale) throws Exception {
        List<String> designTables = new ArrayList<>(List.of("bench_insert", "bench_upsert", "bench_warm_copy"));
        // the flat tables of ours, of raw COPY and of Debezium come from one DDL: Debezium's table shape
        List<String> flatTables = new ArrayList<>(List.of("bench_insert_flat", "bench_warm_flat", "bench_warm_copy_flat",
                "bench_debezium"));
        for (int i = 1; i <= copyRuns; i++) {
            designTables.add("bench_copy_" + i);
            flatTables.add("bench_copy_flat_" + i);
        }
        for (String table : designTables) {
            run.drop(table);
            run.execute(BenchTelemetry.designTable(table));
            run.execute(timescale ? BenchTelemetry.hypertable(table, "time", false) : BenchTelemetry.indexes(table, "time"));
        }
        for (String table : flatTables) {
            run.drop(table);
            run.execute(data.flatTable(table, "ts", "bigint"));
            run.execute(timescale ? BenchTelemetry.hypertable(table, "ts", true) : BenchTelemetry.indexes(table, "ts"));
        }
        run.drop("bench_insert_schema");
        run.execute(data.flatTable("bench_insert_schema", "time", "timestamptz"));
        run.execute(timescale ? BenchTelemetry.hypertable("bench_insert_schema", "time", false)
                : BenchTelemetry.indexes("bench_insert_schema", "time"));
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
