package io.flead.bench.quality;

/**
 * Knobs of the quality harness. The same SGD settings (learning rate, batch, L2) serve every arm.
 *
 * @param rounds federated rounds (the first one only pools statistics)
 * @param localEpochs SGD epochs per device per round
 * @param centralEpochs SGD epochs of the centralised arm over all training rows
 * @param localOnlyEpochs SGD epochs of each device alone in the local-only arm
 * @param attackShare share of devices that scale their updates in the attack arms
 * @param attackScale the factor they scale their weights and bias by
 * @param trimBeta trimmed-mean beta of the robust arm
 * @param clipNorm fixed delta clipping norm of the robust arm (0: only the adaptive median-norm clip)
 * @param participation share of the devices drawn (seeded) to train in each round
 * @param threads devices trained in parallel within a round
 */
public record HarnessConfig(int rounds, int localEpochs, int centralEpochs, int localOnlyEpochs, double learningRate,
                            int batchSize, double l2, double attackShare, double attackScale, double trimBeta,
                            double clipNorm, double participation, int threads, long seed) {

    /**
     * 30 rounds of 2 local epochs at rate 0.5 in batches of 32, every device in every round. Two local epochs
     * rather than five: on non-IID devices longer local runs drift towards each device's own optimum, and
     * the global F1 then swings by a point from one round to the next.
     */
    public static HarnessConfig defaults() {
        return new HarnessConfig(30, 2, 5, 10, 0.5, 32, 1e-4, 0.2, 1000, 0.2, 0.0, 1.0, 2, 42);
    }

    public HarnessConfig withParticipation(double value) {
        return new HarnessConfig(rounds, localEpochs, centralEpochs, localOnlyEpochs, learningRate, batchSize, l2,
            attackShare, attackScale, trimBeta, clipNorm, value, threads, seed);
    }

    public HarnessConfig withRounds(int value) {
        return new HarnessConfig(value, localEpochs, centralEpochs, localOnlyEpochs, learningRate, batchSize, l2,
            attackShare, attackScale, trimBeta, clipNorm, participation, threads, seed);
    }

    public HarnessConfig withThreads(int value) {
        return new HarnessConfig(rounds, localEpochs, centralEpochs, localOnlyEpochs, learningRate, batchSize, l2,
            attackShare, attackScale, trimBeta, clipNorm, participation, value, seed);
    }

    public HarnessConfig withSgd(int epochs, double rate, int batch, double penalty) {
        return new HarnessConfig(rounds, epochs, centralEpochs, localOnlyEpochs, rate, batch, penalty,
            attackShare, attackScale, trimBeta, clipNorm, participation, threads, seed);
    }

    public HarnessConfig withSeed(long value) {
        return new HarnessConfig(rounds, localEpochs, centralEpochs, localOnlyEpochs, learningRate, batchSize, l2,
            attackShare, attackScale, trimBeta, clipNorm, participation, threads, value);
    }

    public HarnessConfig withRobust(double beta, double clip) {
        return new HarnessConfig(rounds, localEpochs, centralEpochs, localOnlyEpochs, learningRate, batchSize, l2,
            attackShare, attackScale, beta, clip, participation, threads, seed);
    }
}
