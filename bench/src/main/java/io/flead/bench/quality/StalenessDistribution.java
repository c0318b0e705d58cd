package io.flead.bench.quality;

import java.util.Random;

/**
 * How many versions behind the global model an update's base is when it arrives, as a distribution over
 * tau = 0, 1, 2, ... The offline harness is otherwise synchronous (every update fresh), so these stand in for the
 * asynchrony of the running loop.
 *
 * @param name the name in metric names
 * @param probabilities P(tau = k) for k = 0..n-1, summing to 1
 */
public record StalenessDistribution(String name, double[] probabilities) {
    /**
     * The staleness the running loop shows: {@code ./flead bench loop} measured a maximum staleness of 2 with most
     * updates 0 or 1 versions behind, so P(0) = 0.6, P(1) = 0.3, P(2) = 0.1.
     */
    public static final StalenessDistribution MEASURED = new StalenessDistribution("measured", new double[] {0.6, 0.3, 0.1});
    /**
     * A harsher loop (slow devices, short rounds): P(0) = 0.2, P(1) = 0.3, P(2) = 0.2, P(3) = 0.15, P(4) = 0.15,
     * mean staleness 1.75 versions.
     */
    public static final StalenessDistribution HARSH = new StalenessDistribution("harsh",
        new double[] {0.2, 0.3, 0.2, 0.15, 0.15});

    public StalenessDistribution {
        double total = 0;
        for (double p : probabilities) {
            if (!(p >= 0)) {
                throw new IllegalArgumentException("Invalid staleness probability '" + p + "' in '" + name + "'");
            }
            total += p;
        }
        if (Math.abs(total - 1) > 1e-9) {
            throw new IllegalArgumentException("Staleness probabilities of '" + name + "' sum to " + total + ", not 1");
        }
    }

    /** One draw of tau. */
    public int draw(Random random) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int k = 0; k < probabilities.length; k++) {
            cumulative += probabilities[k];
            if (u < cumulative) {
                return k;
            }
        }
        return probabilities.length - 1;
    }

    /** The largest tau it draws. */
    public int max() {
        return probabilities.length - 1;
    }
}
