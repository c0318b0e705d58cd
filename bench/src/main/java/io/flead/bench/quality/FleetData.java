package io.flead.bench.quality;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The harness's data: every device's training rows ({@code <dir>/device_<n>.csv}) and held-out rows
 * ({@code <dir>/holdout/device_<n>.csv}), over one fixed list of numeric features.
 */
public record FleetData(List<String> featureNames, List<DeviceRows> train, List<DeviceRows> holdout) {
    private static final Pattern DEVICE_FILE = Pattern.compile("device_(\\d+)\\.csv");

    /** Loads the fleet from a datagen output directory, devices in numeric order. */
    public static FleetData load(Path dir, List<String> featureNames) {
        List<Path> files = deviceFiles(dir);
        if (files.isEmpty()) {
            throw new IllegalArgumentException(dir + ": no device_<n>.csv files");
        }
        DeviceCsvReader reader = new DeviceCsvReader(featureNames);
        List<DeviceRows> train = files.parallelStream().map(f -> reader.read(f, deviceId(f))).toList();
        List<DeviceRows> holdout = files.parallelStream()
            .map(f -> dir.resolve("holdout").resolve(f.getFileName()))
            .map(f -> reader.read(f, deviceId(f))).toList();
        return new FleetData(featureNames, train, holdout);
    }

    /** The same rows dealt at random to devices of the same sizes (an IID partition), for train and holdout. */
    public FleetData iidReshuffle(long seed) {
        return new FleetData(featureNames, reshuffle(train, seed), reshuffle(holdout, seed + 1));
    }

    /** The fleet without some of its devices, and those devices' rows (training and held-out together). */
    public record DeviceSplit(FleetData seen, List<DeviceRows> unseen) {
    }

    /**
     * Leaves a seeded share of the devices out of training: they keep none of their rows in {@code seen}, and all
     * their rows, training and held-out, are the {@code unseen} devices' rows to test on.
     */
    public DeviceSplit holdOutDevices(double share, long seed) {
        int count = (int) Math.round(share * train.size());
        boolean[] out = new boolean[train.size()];
        List<Integer> order = new ArrayList<>(java.util.stream.IntStream.range(0, train.size()).boxed().toList());
        java.util.Collections.shuffle(order, new Random(seed + 31));
        order.subList(0, count).forEach(i -> out[i] = true);
        List<DeviceRows> seenTrain = new ArrayList<>();
        List<DeviceRows> seenHoldout = new ArrayList<>();
        List<DeviceRows> unseen = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            if (out[i]) {
                unseen.add(train.get(i).concat(holdout.get(i)));
            } else {
                seenTrain.add(train.get(i));
                seenHoldout.add(holdout.get(i));
            }
        }
        return new DeviceSplit(new FleetData(featureNames, seenTrain, seenHoldout), unseen);
    }

    /** Leaves every device of one kind out of training, as {@link #holdOutDevices} does with a random share. */
    public DeviceSplit holdOutKind(java.util.Map<String, String> kinds, String kind) {
        List<DeviceRows> seenTrain = new ArrayList<>();
        List<DeviceRows> seenHoldout = new ArrayList<>();
        List<DeviceRows> unseen = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            if (kind.equals(kinds.get(train.get(i).deviceId()))) {
                unseen.add(train.get(i).concat(holdout.get(i)));
            } else {
                seenTrain.add(train.get(i));
                seenHoldout.add(holdout.get(i));
            }
        }
        return new DeviceSplit(new FleetData(featureNames, seenTrain, seenHoldout), unseen);
    }

    public long trainRows() {
        return train.stream().mapToLong(DeviceRows::n).sum();
    }

    public long holdoutRows() {
        return holdout.stream().mapToLong(DeviceRows::n).sum();
    }

    private static List<DeviceRows> reshuffle(List<DeviceRows> devices, long seed) {
        int d = devices.get(0).d();
        int total = devices.stream().mapToInt(DeviceRows::n).sum();
        int[] owner = new int[total];
        int[] index = new int[total];
        int k = 0;
        for (int dev = 0; dev < devices.size(); dev++) {
            for (int i = 0; i < devices.get(dev).n(); i++) {
                owner[k] = dev;
                index[k++] = i;
            }
        }
        Random random = new Random(seed);
        for (int i = total - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int o = owner[i];
            owner[i] = owner[j];
            owner[j] = o;
            int t = index[i];
            index[i] = index[j];
            index[j] = t;
        }
        List<DeviceRows> out = new ArrayList<>(devices.size());
        k = 0;
        for (DeviceRows original : devices) {
            float[] x = new float[original.n() * d];
            byte[] y = new byte[original.n()];
            byte[] type = new byte[original.n()];
            for (int i = 0; i < original.n(); i++, k++) {
                DeviceRows from = devices.get(owner[k]);
                System.arraycopy(from.x(), index[k] * d, x, i * d, d);
                y[i] = from.y()[index[k]];
                type[i] = from.type()[index[k]];
            }
            out.add(new DeviceRows(original.deviceId(), original.n(), d, x, y, type));
        }
        return out;
    }

    private static List<Path> deviceFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> DEVICE_FILE.matcher(f.getFileName().toString()).matches())
                .sorted(Comparator.comparingLong(FleetData::deviceNumber)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static long deviceNumber(Path file) {
        Matcher m = DEVICE_FILE.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
    }

    private static String deviceId(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".csv".length());
    }
}
