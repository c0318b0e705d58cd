package io.flead.datagen;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes one device's training and held-out CSV files from its traffic stream and summarises them. */
final class DeviceFileWriter {

    private static final int BUFFER = 1 << 16;

    private final GeneratorConfig config;
    private final Path outDir;

    DeviceFileWriter(GeneratorConfig config, Path outDir) {
        this.config = config;
        this.outDir = outDir;
    }

    DeviceSummary write(DeviceProfile profile) {
        String trainingName = profile.id() + ".csv";
        String holdoutName = config.holdoutRows() > 0 ? DeviceDataGenerator.HOLDOUT_DIR + "/" + trainingName : null;
        try (BufferedWriter training = open(outDir.resolve(trainingName));
             BufferedWriter holdout = holdoutName == null ? null : open(outDir.resolve(holdoutName))) {
            DeviceTraffic traffic = new DeviceTraffic(profile, config);
            CsvRowFormatter csv = new CsvRowFormatter();
            int[][] labels = new int[2][AttackType.values().length];
            long[] times = new long[2];
            csv.writeHeader(training);
            if (holdout != null) {
                csv.writeHeader(holdout);
            }
            int trainingRows = profile.trainingRows(config.rows());
            for (int r = 0; r < traffic.rows(); r++) {
                PacketRow row = traffic.next(r);
                int split = r < trainingRows ? 0 : 1;
                csv.write(row, split == 0 ? training : holdout);
                labels[split][traffic.label(r).ordinal()]++;
                times[r == 0 ? 0 : 1] = row.timeMicros;
            }
            return new DeviceSummary(profile.id(), profile.kind(), trainingName, holdoutName, trainingRows,
                config.holdoutRows(), counts(labels[0]), counts(labels[1]),
                profile.attacks().stream().map(AttackType::label).toList(), instant(times[0]),
                instant(traffic.rows() == 1 ? times[0] : times[1]), traffic.drift());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the files of " + profile.id() + " in '" + outDir + "'", e);
        }
    }

    private static Map<String, Integer> counts(int[] byType) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        AttackType[] types = AttackType.values();
        for (int i = 0; i < types.length; i++) {
            if (byType[i] > 0) {
                counts.put(types[i].label(), byType[i]);
            }
        }
        return counts;
    }

    private static Instant instant(long epochMicros) {
        return Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS);
    }

    private static BufferedWriter open(Path file) throws IOException {
        Writer writer = new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8);
        return new BufferedWriter(writer, BUFFER);
    }
}
