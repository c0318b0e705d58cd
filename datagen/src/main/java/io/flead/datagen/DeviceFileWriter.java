package io.flead.datagen;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Generates one device's rows from its profile and writes its training and held-out CSV files. */
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
            return writeRows(profile, trainingName, holdoutName, training, holdout);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the files of " + profile.id() + " in " + outDir, e);
        }
    }

    private DeviceSummary writeRows(DeviceProfile profile, String trainingName, String holdoutName,
                                    BufferedWriter training, BufferedWriter holdout) throws IOException {
        int total = config.rows() + config.holdoutRows();
        SplittableRandom rng = new SplittableRandom(Randoms.seedFor(config.seed(), profile.number() * 2L + 1));
        TrafficPlan plan = EpisodePlanner.plan(profile, total, rng);
        DeviceState state = new DeviceState(profile.startMicros(), 49152 + rng.nextInt(16383));
        NormalTraffic normal = new NormalTraffic(profile, state, rng);
        AttackTraffic attacks = new AttackTraffic(profile, state, rng);
        DriftInjector drift = profile.drift() == null ? null : new DriftInjector(profile.drift(), config.driftStartRow());
        CsvRowFormatter csv = new CsvRowFormatter();
        int[][] labels = new int[2][AttackType.values().length];
        PacketRow row = new PacketRow();
        long firstMicros = 0;
        csv.writeHeader(training);
        if (holdout != null) {
            csv.writeHeader(holdout);
        }
        for (int r = 0; r < total; r++) {
            AttackType shape = plan.shape[r];
            state.nowMicros += shape.isAttack() ? attacks.gapMicros(shape, plan.severity[r]) : normal.gapMicros();
            row.clear();
            row.timeMicros = state.nowMicros;
            if (shape.isAttack()) {
                attacks.fill(row, shape, plan.severity[r]);
            } else {
                normal.fill(row);
            }
            if (drift != null) {
                drift.apply(r, row);
            }
            label(row, plan.label[r]);
            csv.write(row, r < config.rows() ? training : holdout);
            labels[r < config.rows() ? 0 : 1][plan.label[r].ordinal()]++;
            firstMicros = r == 0 ? state.nowMicros : firstMicros;
        }
        return new DeviceSummary(profile.id(), profile.kind(), trainingName, holdoutName, config.rows(),
            config.holdoutRows(), counts(labels[0]), counts(labels[1]),
            profile.attacks().stream().map(AttackType::label).toList(), instant(firstMicros),
            instant(state.nowMicros), drift == null ? null : drift.drift());
    }

    private static void label(PacketRow row, AttackType label) {
        row.set(EdgeIiotSchema.ATTACK_LABEL, label.isAttack() ? 1 : 0);
        row.text(EdgeIiotSchema.ATTACK_TYPE, label.label());
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
        return new BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
            BUFFER);
    }
}
