package io.flead.model;

/**
 * L2-regularised logistic regression on standardised features, trained by mini-batch SGD with an
 * optional FedProx proximal term mu/2 * ||theta - anchor||^2 pulling towards the global model.
 *
 * <p>Parameters are one array {@code theta} of length d+1: weights then the bias (the bias is not
 * regularised by L2). Rows are row-major in one array. The inner loops allocate nothing.
 */
public final class LogisticRegression {
    private final double learningRate;
    private final double l2;
    private final double proxMu;
    private final int batchSize;

    public LogisticRegression(double learningRate, double l2, double proxMu, int batchSize) {
        if (!(learningRate > 0) || !(l2 >= 0) || !(proxMu >= 0) || batchSize < 1) {
            throw new IllegalArgumentException("invalid SGD settings: learning rate " + learningRate + ", l2 " + l2
                + ", mu " + proxMu + ", batch " + batchSize);
        }
        this.learningRate = learningRate;
        this.l2 = l2;
        this.proxMu = proxMu;
        this.batchSize = batchSize;
    }

    /** The logistic function, computed without overflow for large |m|. */
    public static double sigmoid(double m) {
        if (m >= 0) {
            return 1.0 / (1.0 + Math.exp(-m));
        }
        double e = Math.exp(m);
        return e / (1.0 + e);
    }

    /** The margin (log-odds) theta_w . z + theta_b for the row at {@code offset}. */
    public static double margin(double[] theta, double[] z, int offset, int d) {
        double m = theta[d];
        for (int j = 0; j < d; j++) {
            m += theta[j] * z[offset + j];
        }
        return m;
    }

    /** The log loss of margin {@code m} for label y, computed without overflow as log(1 + e^-m) or log(1 + e^m). */
    public static double logLoss(double m, int y) {
        double s = y == 1 ? -m : m;
        return s > 0 ? s + Math.log(1.0 + Math.exp(-s)) : Math.log(1.0 + Math.exp(s));
    }

    /** Mean log loss of {@code theta} over {@code n} rows. */
    public static double meanLoss(double[] theta, double[] z, byte[] y, int n, int d) {
        double loss = 0;
        for (int i = 0; i < n; i++) {
            loss += logLoss(margin(theta, z, i * d, d), y[i]);
        }
        return n == 0 ? 0.0 : loss / n;
    }

    /**
     * One epoch of mini-batch SGD over the rows in {@code order}, updating {@code theta} in place (the loss
     * is not computed here; {@link #meanLoss} measures it when wanted).
     *
     * @param anchor FedProx anchor (the global parameters), length d+1; ignored when mu is 0
     * @param grad scratch of length d+1
     */
    public void epoch(double[] z, byte[] y, int[] order, int n, int d, double[] theta, double[] anchor,
                      double[] grad) {
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            java.util.Arrays.fill(grad, 0, d + 1, 0.0);
            for (int k = start; k < end; k++) {
                int i = order[k];
                accumulate(z, i * d, y[i], d, theta, grad);
            }
            step(theta, anchor, grad, d, end - start);
        }
    }

    private static void accumulate(double[] z, int offset, int y, int d, double[] theta, double[] grad) {
        double err = sigmoid(margin(theta, z, offset, d)) - y;
        for (int j = 0; j < d; j++) {
            grad[j] += err * z[offset + j];
        }
        grad[d] += err;
    }

    private void step(double[] theta, double[] anchor, double[] grad, int d, int rows) {
        double scale = 1.0 / rows;
        for (int j = 0; j < d; j++) {
            double g = grad[j] * scale + l2 * theta[j];
            if (proxMu > 0) {
                g += proxMu * (theta[j] - anchor[j]);
            }
            theta[j] -= learningRate * g;
        }
        double gb = grad[d] * scale + (proxMu > 0 ? proxMu * (theta[d] - anchor[d]) : 0.0);
        theta[d] -= learningRate * gb;
    }

    public double learningRate() {
        return learningRate;
    }

    public double l2() {
        return l2;
    }

    public double proxMu() {
        return proxMu;
    }

    public int batchSize() {
        return batchSize;
    }
}
