package io.flead.datagen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

/** Writes {@code manifest.json}: the configuration, the columns, totals, drifted devices and every device. */
final class ManifestWriter {

    private final StringBuilder json = new StringBuilder(1 << 16);

    private ManifestWriter() {
    }

    static void write(GenerationReport report, Path file) {
        try {
            Files.writeString(file, render(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write manifest '" + file + "'", e);
        }
    }

    static String render(GenerationReport report) {
        ManifestWriter writer = new ManifestWriter();
        writer.report(report);
        return writer.json.toString();
    }

    private void report(GenerationReport report) {
        GeneratorConfig c = report.config();
        json.append("{\n  \"format\": \"edge-iiotset-like/1\",\n");
        json.append("  \"generator\": {\"devices\": ").append(c.devices()).append(", \"rows\": ").append(c.rows())
            .append(", \"holdout_rows\": ").append(c.holdoutRows()).append(", \"seed\": ").append(c.seed())
            .append(", \"drift_devices\": ").append(str(c.driftDevices().toString()))
            .append(", \"drift_at\": ").append(c.driftAt())
            .append(", \"attack_free\": ").append(str(c.attackFree().toString()))
            .append(", \"start\": ").append(str(c.start().toString()));
        if (c.difficulty() != Difficulty.STANDARD) {
            // only a non-default mode is named, so that standard manifests stay byte-identical to earlier ones
            json.append(", \"difficulty\": ").append(str(c.difficulty().name().toLowerCase(java.util.Locale.ROOT)));
            if (c.labelSkewAlpha() != GeneratorConfig.DEFAULT_LABEL_SKEW_ALPHA) {
                json.append(", \"label_skew_alpha\": ").append(Double.isFinite(c.labelSkewAlpha())
                    ? Double.toString(c.labelSkewAlpha()) : str("iid"));
            }
        }
        json.append("},\n");
        json.append("  \"frame_time_format\": ").append(str(FrameTimeFormat.PATTERN))
            .append(", \"frame_time_zone\": \"UTC\",\n");
        json.append("  \"training_dir\": \".\", \"holdout_dir\": ")
            .append(c.holdoutRows() > 0 ? str(DeviceDataGenerator.HOLDOUT_DIR) : "null").append(",\n");
        json.append("  \"columns\": ");
        strings(EdgeIiotSchema.COLUMNS);
        json.append(",\n  \"totals\": {\"devices\": ").append(report.devices().size())
            .append(", \"training_rows\": ").append(report.trainingRows())
            .append(", \"holdout_rows\": ").append(report.holdoutRows())
            .append(", \"training_attack_rows\": ").append(report.trainingAttackRows())
            .append(", \"holdout_attack_rows\": ").append(report.holdoutAttackRows())
            .append(", \"attack_free_devices\": ").append(report.attackFreeDevices().size())
            .append(", \"label_counts\": ");
        counts(report.labelCounts());
        json.append("},\n  \"drifted_devices\": [");
        list(report.driftedDevices(), this::driftedDevice);
        json.append("],\n  \"devices\": [");
        list(report.devices(), this::device);
        json.append("]\n}\n");
    }

    private void driftedDevice(DeviceSummary device) {
        json.append("{\"device_id\": ").append(str(device.deviceId())).append(", ");
        drift(device.drift());
        json.append('}');
    }

    private void drift(DeviceDrift drift) {
        json.append("\"features\": ");
        strings(drift.featureNames());
        json.append(", \"start_row\": ").append(drift.startRow()).append(", \"start_line\": ").append(drift.startLine())
            .append(", \"start_time\": ").append(str(drift.startTime().toString())).append(", \"shifts\": [");
        list(drift.features(), f -> json.append("{\"feature\": ").append(str(f.feature()))
            .append(", \"sigmas\": ").append(f.sigmas()).append(", \"pre_drift_mean\": ").append(f.preDriftMean())
            .append(", \"pre_drift_std\": ").append(f.preDriftStd())
            .append(", \"shift_per_packet\": ").append(f.shiftPerPacket()).append('}'));
        json.append(']');
    }

    private void device(DeviceSummary d) {
        json.append("{\"device_id\": ").append(str(d.deviceId())).append(", \"kind\": ").append(str(d.kind().name()))
            .append(", \"file\": ").append(str(d.trainingFile()))
            .append(", \"holdout_file\": ").append(d.holdoutFile() == null ? "null" : str(d.holdoutFile()))
            .append(", \"training_rows\": ").append(d.trainingRows()).append(", \"holdout_rows\": ")
            .append(d.holdoutRows()).append(", \"attack_free\": ").append(d.attackFree()).append(", \"attacks\": ");
        strings(d.attacks());
        json.append(", \"first_time\": ").append(str(d.firstTime().toString()))
            .append(", \"last_time\": ").append(str(d.lastTime().toString())).append(", \"training_labels\": ");
        counts(d.trainingLabels());
        json.append(", \"holdout_labels\": ");
        counts(d.holdoutLabels());
        json.append(", \"drift\": ");
        if (d.drift() == null) {
            json.append("null");
        } else {
            json.append('{');
            drift(d.drift());
            json.append('}');
        }
        json.append('}');
    }

    private <T> void list(Collection<T> items, Consumer<T> element) {
        Iterator<T> it = items.iterator();
        while (it.hasNext()) {
            json.append("\n    ");
            element.accept(it.next());
            if (it.hasNext()) {
                json.append(',');
            }
        }
        if (!items.isEmpty()) {
            json.append("\n  ");
        }
    }

    private void strings(Collection<String> values) {
        json.append('[');
        Iterator<String> it = values.iterator();
        while (it.hasNext()) {
            json.append(str(it.next())).append(it.hasNext() ? ", " : "");
        }
        json.append(']');
    }

    private void counts(Map<String, ? extends Number> counts) {
        json.append('{');
        Iterator<? extends Map.Entry<String, ? extends Number>> it = counts.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, ? extends Number> e = it.next();
            json.append(str(e.getKey())).append(": ").append(e.getValue()).append(it.hasNext() ? ", " : "");
        }
        json.append('}');
    }

    /** A JSON string literal. */
    static String str(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        out.append("\\u00").append(Character.forDigit(ch >> 4, 16)).append(Character.forDigit(ch & 15, 16));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
