package io.flead.bench.quality;

import io.flead.fedavg.core.FedAvgSettings;
import io.flead.fedavg.core.RdpAccountant;
import io.flead.fedavg.core.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * F1 against the privacy budget: the federated arm with central DP whose noise multiplier spends ε (at δ = 1e-5)
 * over the harness's rounds, for a few ε. The accountant is run without amplification by sampling (rate 1): the
 * harness draws a fixed number of devices per round, not each device independently, so the Poisson-sampling bound
 * would not apply. {@code eps_inf} is the federated arm without DP.
 */
public final class DpCurve {
    /** The budgets of the curve. */
    static final double[] EPSILONS = {1, 3, 8};
    /**
     * The clipping norm C: fixed before seeing the data, as DP needs. Honest deltas of the harness's local training
     * are mostly of this order; a larger C lets more through but scales the noise with it.
     */
    static final double CLIP_NORM = 1.0;

    private DpCurve() {
    }

    /**
     * Prints the curve alone on fresh fleets: {@code --seeds N} (2) seeds from 42, 200 hard devices of 1,000 rows
     * (+200 held out), the harness's defaults (30 rounds, a quarter of the devices per round).
     */
    public static void main(String[] args) throws Exception {
        int seeds = args.length >= 2 && args[0].equals("--seeds") ? Integer.parseInt(args[1]) : 2;
        for (long seed = 42; seed < 42 + seeds; seed++) {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("flead-dp-curve");
            try {
                io.flead.datagen.DeviceDataGenerator.generate(io.flead.datagen.GeneratorConfig.defaults()
                    .withDevices(QualityBench.DEFAULT_DEVICES).withSeed(seed)
                    .withDifficulty(io.flead.datagen.Difficulty.HARD).withThreads(2), dir);
                FleetData data = FleetData.load(dir, io.flead.model.EdgeIiotFeatures.MODEL);
                HarnessConfig config = HarnessConfig.defaults().withParticipation(0.25).withSeed(seed);
                double plain = FederatedArm.run(data, config, FedAvgSettings.defaults()
                    .withBounds(5, Double.MAX_VALUE, 1_000_000), 0.0).verdicts().f1();
                for (QualityPrinter.Metric m : metrics(data, config, plain, System.out::println)) {
                    System.out.printf(Locale.ROOT, "seed %d metric %s %.4f %s%n", seed, m.name(), m.value(), m.unit());
                }
            } finally {
                try (var files = java.nio.file.Files.walk(dir)) {
                    for (var p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        java.nio.file.Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    /** {@code quality.dp.eps_<e>.f1} and the noise multiplier of each budget, then {@code eps_inf}. */
    static List<QualityPrinter.Metric> metrics(FleetData data, HarnessConfig config, double plainF1,
                                               java.util.function.Consumer<String> log) {
        List<QualityPrinter.Metric> out = new ArrayList<>();
        for (double eps : EPSILONS) {
            long start = System.nanoTime();
            double z = RdpAccountant.noiseMultiplierFor(eps, 1.0, config.rounds(), RdpAccountant.DEFAULT_DELTA);
            FedAvgSettings dp = FedAvgSettings.defaults().withBounds(5, Double.MAX_VALUE, 1_000_000)
                .withStrategy(Strategy.FEDAVG, 0.0, CLIP_NORM).withDp(z, config.seed());
            double f1 = FederatedArm.run(data, config, dp, 0.0).verdicts().f1();
            String name = String.format(Locale.ROOT, "quality.dp.eps_%d", (long) eps);
            out.add(new QualityPrinter.Metric(name + ".f1", f1, "f1"));
            out.add(new QualityPrinter.Metric(name + ".noise_multiplier", z, "z"));
            log.accept(String.format(Locale.ROOT, "arm dp eps %.0f (z %.2f) done in %.1f s", eps, z,
                (System.nanoTime() - start) / 1e9));
        }
        out.add(new QualityPrinter.Metric("quality.dp.eps_inf.f1", plainF1, "f1"));
        return out;
    }
}
