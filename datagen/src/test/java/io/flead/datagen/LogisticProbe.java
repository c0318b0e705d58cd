package io.flead.datagen;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test helper: a plain logistic regression (SGD on z-scored numeric columns) trained and scored on device files. */
final class LogisticProbe {

    /** Labelled numeric rows read from device files. */
    record Data(List<double[]> x, List<Integer> y) {
    }

    /** Precision, recall and F1 of the model on some data. */
    record Score(double precision, double recall, double f1) {
    }

    private static final int[] FEATURES = java.util.stream.IntStream.range(0, EdgeIiotSchema.WIDTH)
        .filter(EdgeIiotSchema::isNumericFeature).toArray();

    private double[] mean;
    private double[] std;
    private double[] weights;
    private double bias;

    static Data read(List<Path> files) throws IOException {
        List<double[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (Path file : files) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                reader.readLine();
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    String[] cells = line.split(",", -1);
                    double[] row = new double[FEATURES.length];
                    for (int f = 0; f < FEATURES.length; f++) {
                        row[f] = Double.parseDouble(cells[FEATURES[f]]);
                    }
                    x.add(row);
                    y.add(Integer.parseInt(cells[EdgeIiotSchema.ATTACK_LABEL]));
                }
            }
        }
        return new Data(x, y);
    }

    void train(Data data, int epochs, long seed) {
        int d = FEATURES.length;
        mean = new double[d];
        std = new double[d];
        for (double[] row : data.x()) {
            for (int f = 0; f < d; f++) {
                mean[f] += row[f] / data.x().size();
            }
        }
        for (double[] row : data.x()) {
            for (int f = 0; f < d; f++) {
                std[f] += (row[f] - mean[f]) * (row[f] - mean[f]) / data.x().size();
            }
        }
        for (int f = 0; f < d; f++) {
            std[f] = std[f] > 0 ? Math.sqrt(std[f]) : 1;
        }
        weights = new double[d];
        Random rng = new Random(seed);
        int n = data.x().size();
        int[] order = java.util.stream.IntStream.range(0, n).toArray();
        double l2 = 1e-5;
        for (int epoch = 0; epoch < epochs; epoch++) {
            double rate = 0.05 / (1 + epoch);
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int i : order) {
                double[] z = standardize(data.x().get(i));
                double error = probability(z) - data.y().get(i);
                for (int f = 0; f < d; f++) {
                    weights[f] -= rate * (error * z[f] + l2 * weights[f]);
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
            boolean predicted = probability(standardize(data.x().get(i))) >= 0.5;
            boolean actual = data.y().get(i) == 1;
            tp += predicted && actual ? 1 : 0;
            fp += predicted && !actual ? 1 : 0;
            fn += !predicted && actual ? 1 : 0;
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Score(precision, recall, f1);
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

    /** Tuning aid: {@code LogisticProbe <dir> <devices>} prints the probe's score on the held-out files. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int devices = Integer.parseInt(args[1]);
        List<Path> training = new ArrayList<>();
        List<Path> holdout = new ArrayList<>();
        for (int n = 1; n <= devices; n++) {
            training.add(dir.resolve("device_" + n + ".csv"));
            holdout.add(dir.resolve("holdout/device_" + n + ".csv"));
        }
        LogisticProbe probe = new LogisticProbe();
        Data train = read(training);
        probe.train(train, 5, 1);
        System.out.println("train " + probe.score(train) + "\nholdout " + probe.score(read(holdout)));
    }
}
