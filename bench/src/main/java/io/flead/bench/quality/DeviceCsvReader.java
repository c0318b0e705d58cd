package io.flead.bench.quality;

import io.flead.model.FeatureColumn;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads an Edge-IIoTset-style device CSV into {@link DeviceRows}: the chosen features (a column value that
 * is empty or not a number becomes NaN, i.e. missing; indicator features such as {@code tcp.flags=2} are
 * derived from their column by {@link FeatureColumn}), {@code Attack_label} as the label and {@code Attack_type}
 * (when the file has it) as the row's type, never a feature.
 * Quoted fields (with commas or doubled quotes inside) are handled; a bad label names file and line.
 */
public final class DeviceCsvReader {
    public static final String LABEL = "Attack_label";

    private final List<String> features;
    private final FeatureColumn[] derivations;

    public DeviceCsvReader(List<String> features) {
        this.features = List.copyOf(features);
        this.derivations = features.stream().map(FeatureColumn::parse).toArray(FeatureColumn[]::new);
    }

    public DeviceRows read(Path file, String deviceId) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new IllegalArgumentException(file + ": empty file, no header");
            }
            int[] columns = columnsOf(split(header), file);
            int labelColumn = columns[features.size()];
            int typeColumn = columns[features.size() + 1];
            int d = features.size();
            float[] x = new float[1024 * d];
            byte[] y = new byte[1024];
            byte[] type = new byte[1024];
            int n = 0;
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                if (n == y.length) {
                    x = Arrays.copyOf(x, 2 * x.length);
                    y = Arrays.copyOf(y, 2 * y.length);
                    type = Arrays.copyOf(type, 2 * type.length);
                }
                List<String> fields = split(line);
                for (int j = 0; j < d; j++) {
                    x[n * d + j] = (float) derivations[j].valueOf(number(fields, columns[j]));
                }
                y[n] = label(fields, labelColumn, file, lineNo);
                type[n] = typeColumn >= 0 && typeColumn < fields.size() ? AttackTypes.indexOf(fields.get(typeColumn))
                    : -1;
                n++;
            }
            return new DeviceRows(deviceId, n, d, Arrays.copyOf(x, n * d), Arrays.copyOf(y, n),
                Arrays.copyOf(type, n));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private int[] columnsOf(List<String> header, Path file) {
        int[] columns = new int[features.size() + 2];
        for (int j = 0; j < features.size(); j++) {
            columns[j] = header.indexOf(derivations[j].column());
        }
        columns[features.size()] = header.indexOf(LABEL);
        columns[features.size() + 1] = header.indexOf(AttackTypes.COLUMN);
        if (columns[features.size()] < 0) {
            throw new IllegalArgumentException(file + ": no column '" + LABEL + "' in the header");
        }
        return columns;
    }

    private static float number(List<String> fields, int column) {
        if (column < 0 || column >= fields.size()) {
            return Float.NaN;
        }
        String v = fields.get(column);
        if (v.isEmpty()) {
            return Float.NaN;
        }
        try {

            return (float) Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Float.NaN;
        }
    }

    private static byte label(List<String> fields, int column, Path file, int lineNo) {
        String v = column < fields.size() ? fields.get(column).trim() : "";
        if (v.equals("0") || v.equals("0.0")) {
            return 0;
        }
        if (v.equals("1") || v.equals("1.0")) {
            return 1;
        }
        throw new IllegalArgumentException(file + " line " + lineNo + ", column '" + LABEL + "': expected 0 or 1, got '"
            + v + "'");
    }

    /** Splits one CSV line, honouring double quotes. */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>(64);
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
