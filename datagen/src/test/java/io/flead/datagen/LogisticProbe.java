package io.flead.datagen;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Test helper: a plain logistic regression (SGD on z-scored numeric columns, all 44 of them) trained on
 * device training files and scored on their held-out files; the kind of model the platform trains.
 */
final class LogisticProbe {

    /** Labelled numeric rows read from device files, with each row's attack type. */
    record Data(List<double[]> x, List<Integer> y, List<String> type) {
    }

    /** Counts and derived precision, recall and F1. */
    record Score(long tp, long fp, long fn, double precision, double recall, double f1) {
    }

    private static final int[] FEATURES = IntStream.range(0, EdgeIiotSchema.WIDTH)
        .filter(EdgeIiotSchema::isNumericFeature).toArray();

    private double[] mean;
    private double[] std;
    private double[] weights;
    private double bias;

    static Data read(List<Path> files) throws IOException {
        Data data = new Data(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Path file : files) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                reader.readLine();
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    String[] cells = line.split(",", -1);
                    double[] row = new double[FEATURES.length];
                    for (int f = 0; f < FEATURES.length; f++) {
                        row[f] = Double.parseDouble(cells[FEATURES[f]]);
                    }
                    data.x().add(row);
                    data.y().add(Integer.parseInt(cells[EdgeIiotSchema.ATTACK_LABEL]));
                    data.type().add(cells[EdgeIiotSchema.ATTACK_TYPE]);
                }
            }
        }
        return data;
    }

    void train(Data data, int epochs, long seed) {
        standardization(data.x());
        weights = new double[FEATURES.length];
        int n = data.x().size();
        int[] order = IntStream.range(0, n).toArray();
        Random rng = new Random(seed);
        for (int epoch = 0; epoch < epochs; epoch++) {
            double rate = 0.05 / (1 + epoch);
            shuffle(order, rng);
            for (int i : order) {
                double[] z = standardize(data.x().get(i));
                double error = probability(z) - data.y().get(i);
                for (int f = 0; f < z.length; f++) {
                    weights[f] -= rate * (error * z[f] + 1e-5 * weights[f]);
                }
                bias -= rate * error;
            }
        }
    }

    Score score(Data data) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < data.x().size(); i++) {
            boolean predicted = predict(data.x().get(i));
            boolean actual = data.y().get(i) == 1;
            tp += predicted && actual ? 1 : 0;
            fp += predicted && !actual ? 1 : 0;
            fn += !predicted && actual ? 1 : 0;
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Score(tp, fp, fn, precision, recall, f1);
    }

    /** Share of rows flagged as attacks, per {@code Attack_type}. */
    Map<String, Double> flaggedByType(Data data) {
        Map<String, int[]> counts = new TreeMap<>();
        for (int i = 0; i < data.x().size(); i++) {
            int[] c = counts.computeIfAbsent(data.type().get(i), k -> new int[2]);
            c[0]++;
            c[1] += predict(data.x().get(i)) ? 1 : 0;
        }
        Map<String, Double> shares = new TreeMap<>();
        counts.forEach((type, c) -> shares.put(type, (double) c[1] / c[0]));
        return shares;
    }

    boolean predict(double[] row) {
        return probability(standardize(row)) >= 0.5;
    }

    private void standardization(List<double[]> rows) {
        mean = new double[FEATURES.length];
        std = new double[FEATURES.length];
        for (double[] row : rows) {
            for (int f = 0; f < row.length; f++) {
                mean[f] += row[f] / rows.size();
            }
        }
        for (double[] row : rows) {
            for (int f = 0; f < row.length; f++) {
                std[f] += (row[f] - mean[f]) * (row[f] - mean[f]) / rows.size();
            }
        }
        for (int f = 0; f < std.length; f++) {
            std[f] = std[f] > 0 ? Math.sqrt(std[f]) : 1;
        }
    }

    private double[] standardize(double[] row) {
        double[] z = new double[row.length];
        for (int f = 0; f < row.length; f++) {
            z[f] = Math.max(-10, Math.min(10, (row[f] - mean[f]) / std[f]));
        }
        return z;
    }

    private double probability(double[] z) {
        double s = bias;
        for (int f = 0; f < z.length; f++) {
            s += weights[f] * z[f];
        }
        return 1 / (1 + Math.exp(-s));
    }

    private static void shuffle(int[] order, Random rng) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** Tuning aid: {@code LogisticProbe <dir> <devices>} prints the scores and the share flagged per type. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int devices = Integer.parseInt(args[1]);
        List<Path> training = new ArrayList<>();
        List<Path> holdout = new ArrayList<>();
        for (int n = 1; n <= devices; n++) {
            training.add(dir.resolve("device_" + n + ".csv"));
            holdout.add(dir.resolve(DeviceDataGenerator.HOLDOUT_DIR).resolve("device_" + n + ".csv"));
        }
        LogisticProbe probe = new LogisticProbe();
        Data train = read(training);
        probe.train(train, 10, 1);
        Data test = read(holdout);
        System.out.println("training " + probe.score(train) + "\nholdout  " + probe.score(test));
        probe.flaggedByType(test).forEach((type, share) -> System.out.println("  " + type + " flagged " + share));
    }
}
