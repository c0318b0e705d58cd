package io.flead.fedavg.core;

/**
 * Rényi-DP (moments) accountant of the sampled Gaussian mechanism: the ε that R rounds of noise multiplier z, each
 * round taking every device with probability q, spend at a given δ.
 *
 * <p>One round of the Gaussian mechanism with sensitivity S and noise z·S is (α, α/(2z²))-RDP for every order α > 1
 * (Mironov 2017). With Poisson subsampling at rate q, for integer α the RDP is log(A_α)/(α−1) with
 * A_α = Σ_k C(α,k) (1−q)^(α−k) q^k exp((k²−k)/(2z²)) (Mironov, Talwar and Zhang 2019, §3.3), computed here in log
 * space. RDP composes by addition over rounds, and (α, ρ)-RDP gives (ρ + log(1/δ)/(α−1), δ)-DP (Mironov 2017,
 * Proposition 3); ε is the smallest of these over the orders: for q = 1 over every real order, in closed form
 * c + 2·sqrt(c·log(1/δ)) with c = R/(2z²); for q < 1 over the integer orders 2..4096. q = 1 is the mechanism without subsampling, which is
 * what holds when nothing guarantees how devices are drawn.
 */
public final class RdpAccountant {
    /** The δ at which fedavg reports ε. */
    public static final double DEFAULT_DELTA = 1e-5;
    /** Integer orders 2..{@value}; large orders matter for large noise multipliers, whose best order is high. */
    static final int MAX_ORDER = 4096;

    private RdpAccountant() {
    }

    /**
     * ε after {@code rounds} rounds of the sampled Gaussian mechanism with noise multiplier {@code z} and sampling rate
     * {@code q}, at {@code delta}; 0 rounds spend nothing, z = 0 (no noise) spends an infinite ε.
     */
    public static double epsilon(double z, double q, long rounds, double delta) {
        check(z, q, rounds, delta);
        if (rounds == 0 || q == 0) {
            return 0.0;
        }
        if (z == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double best = Double.POSITIVE_INFINITY;
        double logInvDelta = Math.log(1.0 / delta);
        if (q == 1.0) {
            // R alpha/(2z^2) + L/(alpha-1) over every real order alpha > 1: smallest at alpha = 1 + sqrt(L/c)
            double c = rounds / (2 * z * z);
            return c + 2 * Math.sqrt(c * logInvDelta);
        }
        for (int alpha = 2; alpha <= MAX_ORDER; alpha++) {
            double eps = rounds * rdp(z, q, alpha) + logInvDelta / (alpha - 1);
            best = Math.min(best, eps);
        }
        return best;
    }

    /** ε at {@link #DEFAULT_DELTA}. */
    public static double epsilon(double z, double q, long rounds) {
        return epsilon(z, q, rounds, DEFAULT_DELTA);
    }

    /**
     * The smallest noise multiplier whose ε after {@code rounds} rounds at rate {@code q} and {@code delta} is at most
     * {@code targetEpsilon} (bisection, to a relative 1e-4): how to choose {@code dp.noise.multiplier} for a budget.
     */
    public static double noiseMultiplierFor(double targetEpsilon, double q, long rounds, double delta) {
        if (!(targetEpsilon > 0) || Double.isInfinite(targetEpsilon)) {
            throw new IllegalArgumentException("target epsilon must be a positive finite number, got " + targetEpsilon);
        }
        check(1.0, q, rounds, delta);
        double lo = 0.0;
        double hi = 1.0;
        while (epsilon(hi, q, rounds, delta) > targetEpsilon) {
            lo = hi;
            hi *= 2;
            if (hi > 1e6) {
                throw new IllegalArgumentException("no noise multiplier up to 1e6 reaches epsilon " + targetEpsilon);
            }
        }
        while (hi - lo > 1e-4 * hi) {
            double mid = 0.5 * (lo + hi);
            if (epsilon(mid, q, rounds, delta) > targetEpsilon) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /** RDP of one round at integer order {@code alpha}: α/(2z²) for q = 1, else log(A_α)/(α−1). */
    static double rdp(double z, double q, int alpha) {
        if (q == 1.0) {
            return alpha / (2 * z * z);
        }
        double logQ = Math.log(q);
        double log1mQ = Math.log1p(-q);
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[alpha + 1];
        for (int k = 0; k <= alpha; k++) {
            terms[k] = logBinomial(alpha, k) + k * logQ + (alpha - k) * log1mQ + (k * (double) k - k) / (2 * z * z);
            max = Math.max(max, terms[k]);
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return (max + Math.log(sum)) / (alpha - 1);
    }

    private static double logBinomial(int n, int k) {
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    private static final double[] LOG_FACTORIAL = logFactorials(MAX_ORDER);

    private static double[] logFactorials(int n) {
        double[] out = new double[n + 1];
        for (int i = 2; i <= n; i++) {
            out[i] = out[i - 1] + Math.log(i);
        }
        return out;
    }

    private static double logFactorial(int n) {
        return LOG_FACTORIAL[n];
    }

    private static void check(double z, double q, long rounds, double delta) {
        if (!(z >= 0) || Double.isInfinite(z)) {
            throw new IllegalArgumentException("noise multiplier must be a non-negative number, got " + z);
        }
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("sampling rate must be in [0, 1], got " + q);
        }
        if (rounds < 0) {
            throw new IllegalArgumentException("rounds must be non-negative, got " + rounds);
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
        }
    }
}
