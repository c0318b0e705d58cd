package io.flead.driftcheck.core;

/** The standard normal distribution: CDF, two-sided tail probability and quantile, without a maths library. */
public final class NormalDistribution {
    private static final double SQRT2 = Math.sqrt(2.0);
    private static final double SQRT2PI = Math.sqrt(2.0 * Math.PI);
    private static final double P_LOW = 0.02425;
    private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01};
    private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
        3.754408661907416e+00};

    private NormalDistribution() {
    }

    /** Complementary error function; Chebyshev fit with relative error below 1.2e-7 everywhere. */
    public static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
            + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
            + t * (-0.82215223 + t * 0.17087277))))))));
        double ans = t * Math.exp(-z * z + poly);
        return x >= 0 ? ans : 2.0 - ans;
    }

    /** P(Z <= z) for a standard normal Z; 0 and 1 at the infinities. */
    public static double cdf(double z) {
        if (z == Double.NEGATIVE_INFINITY) {
            return 0.0;
        }
        if (z == Double.POSITIVE_INFINITY) {
            return 1.0;
        }
        return 0.5 * erfc(-z / SQRT2);
    }

    /** P(|Z| >= |z|), the two-sided p-value of a z statistic. */
    public static double twoSidedP(double z) {
        return Math.min(1.0, erfc(Math.abs(z) / SQRT2));
    }

    /** The z with cdf(z) = p, for 0 < p < 1 (rational approximation plus one Newton step). */
    public static double quantile(double p) {
        if (!(p > 0.0 && p < 1.0)) {
            throw new IllegalArgumentException("quantile needs 0 < p < 1, got " + p);
        }
        double x = p < P_LOW ? tail(p) : p > 1 - P_LOW ? -tail(1 - p) : central(p);
        double err = cdf(x) - p;
        return x - err * SQRT2PI * Math.exp(x * x / 2.0);
    }

    private static double tail(double p) {
        double q = Math.sqrt(-2 * Math.log(p));
        return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
    }

    private static double central(double p) {
        double q = p - 0.5;
        double r = q * q;
        return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
    }
}
