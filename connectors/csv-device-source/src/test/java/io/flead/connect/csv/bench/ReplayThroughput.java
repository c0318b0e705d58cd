package io.flead.connect.csv.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;

import io.flead.connect.csv.CsvDeviceSourceConfig;
import io.flead.connect.csv.DeviceCsvParser;
import io.flead.connect.csv.DeviceFileCursor;
import io.flead.connect.csv.DeviceIds;
import io.flead.connect.csv.FileDiscovery;
import io.flead.connect.csv.FileChangedPolicy;
import io.flead.connect.csv.FileOffset;
import io.flead.connect.csv.ReplayItem;
import io.flead.connect.csv.ReplaySchedule;
import io.flead.datagen.DeviceDataGenerator;
import io.flead.datagen.GeneratorConfig;

/**
 * Prints how fast one task's pipeline (read, parse, build the value, JsonConverter) runs without Kafka, on
 * generated files: {@code ReplayThroughput [devices] [rows]}. A benchmark, not a test.
 */
public final class ReplayThroughput {

    private static final boolean SKIP_JSON = Boolean.getBoolean("skip.json");

    private ReplayThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Path dir = Files.createTempDirectory("csv-throughput");
        try {
            DeviceDataGenerator.generate(GeneratorConfig.defaults().withDevices(devices).withRows(rows).withHoldoutRows(0), dir);
            for (int run = 1; run <= 3; run++) {
                measure(dir, run);
            }
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void measure(Path dir, int run) {
        CsvDeviceSourceConfig config = new CsvDeviceSourceConfig(Map.of(CsvDeviceSourceConfig.INPUT_PATH, dir.toString(),
                CsvDeviceSourceConfig.INPUT_FILE_PATTERN, "device_*.csv"));
        Pattern regex = Pattern.compile(config.deviceIdRegex());
        List<String> files = new FileDiscovery(dir, false, config.filePattern(), regex).list();
        DeviceCsvParser parser = new DeviceCsvParser(config.csvOptions());
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "false"), false);
        long rowsOut = 0;
        long bytes = 0;
        long start = System.nanoTime();
        try (ReplaySchedule schedule = new ReplaySchedule(files, f -> new DeviceFileCursor(Path.of(f),
                DeviceIds.fromFileName(regex, Path.of(f).getFileName().toString()), FileOffset.START, parser, false,
                        FileChangedPolicy.RESTART),
                1000, false)) {
            Mapper mapper = new Mapper();
            for (ReplayItem item = schedule.take(); item != null; item = schedule.take()) {
                if (!item.isBad()) {
                    SourceRecord record = mapper.data(item);
                    bytes += SKIP_JSON ? 0 : json.fromConnectData("edge-iiot-stream", null, record.value()).length;
                    rowsOut++;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("run %d: %d rows in %.2f s = %.0f rows/s, %.1f MB/s of JSON values, %.0f B/row%n",
                run, rowsOut, seconds, rowsOut / seconds, bytes / seconds / 1e6, (double) bytes / rowsOut);
    }

    /** The same value the task builds (RecordMapper is package-private). */
    private static final class Mapper {
        SourceRecord data(ReplayItem item) {
            Map<String, Object> value = new HashMap<>();
            value.put("device_id", item.deviceId());
            value.put("ts", item.ts());
            value.put("seq", item.seq());
            value.put("features", item.row().features());
            value.put("label", item.row().label());
            value.put("attack_type", item.row().attackType());
            return new SourceRecord(FileOffset.partition(item.file()), item.offset().toMap(), "t", null, null,
                    item.deviceId(), null, value, item.ts());
        }
    }
}
