package io.flead.datagen;

import java.util.List;
import java.util.SplittableRandom;

/**
 * What {@link Difficulty#HARD} adds to one device: its own training row count (log-normal, a long tail of small
 * devices), the weights of its attack types (Dirichlet(α) over its kind's exposed attacks) and how often its ordinary
 * traffic carries a value that attacks also plant. Drawn from a stream of its own, so the standard draws stay as they
 * are.
 *
 * @param trainingRows rows in the device's training file
 * @param attackCumulative cumulative weights over the profile's attack list
 * @param plantRate share of the device's ordinary packets that carry an attack-like value
 */
record HardTraits(int trainingRows, double[] attackCumulative, double plantRate) {
    /** Log-normal spread of device row counts around the configured mean. */
    static final double ROWS_SIGMA = 1.0;
    static final double MIN_PLANT_RATE = 0.06;
    static final double MAX_PLANT_RATE = 0.16;

    static HardTraits draw(GeneratorConfig config, int number, List<AttackType> attacks) {
        SplittableRandom rng = new SplittableRandom(Randoms.seedFor(config.seed(), -1000L - number));
        double w = Math.exp(Randoms.gaussian(rng, -ROWS_SIGMA * ROWS_SIGMA / 2, ROWS_SIGMA));
        int rows = (int) Math.max(20, Math.min(10L * config.rows(), Math.round(config.rows() * w)));
        double[] weights = new double[attacks.size()];
        double total = 0;
        // alpha (GeneratorConfig.labelSkewAlpha): below 1, most devices see one or two types; infinite, all alike
        boolean skewed = Double.isFinite(config.labelSkewAlpha());
        for (int i = 0; i < weights.length; i++) {
            weights[i] = skewed ? gamma(rng, config.labelSkewAlpha()) : 1.0;
            total += weights[i];
        }
        double cumulative = 0;
        for (int i = 0; i < weights.length; i++) {
            cumulative += total > 0 ? weights[i] / total : 1.0 / weights.length;
            weights[i] = cumulative;
        }
        return new HardTraits(rows, weights, Randoms.uniform(rng, MIN_PLANT_RATE, MAX_PLANT_RATE));
    }

    /** An attack type of the profile's list, drawn by this device's weights. */
    AttackType pickAttack(SplittableRandom rng, List<AttackType> attacks) {
        double u = rng.nextDouble();
        for (int i = 0; i < attackCumulative.length; i++) {
            if (u < attackCumulative[i]) {
                return attacks.get(i);
            }
        }
        return attacks.get(attacks.size() - 1);
    }

    /** A Gamma(shape, 1) draw (Marsaglia-Tsang; shapes below 1 by the U^(1/shape) boost). */
    static double gamma(SplittableRandom rng, double shape) {
        if (shape < 1) {
            return gamma(rng, shape + 1) * Math.pow(1.0 - rng.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = Randoms.gaussian(rng, 0, 1);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = 1.0 - rng.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}
