package io.flead.localtrain.core;

import static io.flead.model.SettingsException.require;

import io.flead.model.EdgeIiotFeatures;
import java.util.List;

/**
 * Settings of local training, validated on construction (errors name the key and quote the value).
 *
 * @param triggerRows emit an update after this many new rows ({@value #TRIGGER_ROWS})
 * @param triggerIntervalMs or after this long since the window opened ({@value #TRIGGER_INTERVAL_MS})
 * @param minRows never emit on fewer rows than this ({@value #MIN_ROWS})
 * @param maxRows the window keeps at most this many most recent rows ({@value #MAX_ROWS})
 * @param epochs SGD passes over the window ({@value #EPOCHS})
 * @param learningRate SGD step size ({@value #LEARNING_RATE})
 * @param l2 L2 penalty on the weights ({@value #L2})
 * @param proxMu FedProx proximal coefficient, 0 for plain FedAvg ({@value #PROX_MU})
 * @param batchSize mini-batch size ({@value #BATCH_SIZE})
 * @param referenceHistogram whether updates carry the window's histogram for drift references ({@value #REFERENCE_HISTOGRAM})
 * @param featureNames the feature space rows are read into ({@value #FEATURE_NAMES})
 * @param statisticsRows while the global model has no statistics yet, emit at this many rows (at most trigger.rows,
 *                       never below min.rows; 0 = trigger.rows), as that update carries only the window's statistics
 *                       ({@value #STATISTICS_ROWS})
 */
public record LocalTrainSettings(int triggerRows, long triggerIntervalMs, int minRows, int maxRows, int epochs,
                                 double learningRate, double l2, double proxMu, int batchSize,
                                 boolean referenceHistogram, List<String> featureNames, int statisticsRows) {
    public static final String TRIGGER_ROWS = "trigger.rows";
    public static final String TRIGGER_INTERVAL_MS = "trigger.interval.ms";
    public static final String MIN_ROWS = "min.rows";
    public static final String MAX_ROWS = "max.rows";
    public static final String EPOCHS = "epochs";
    public static final String LEARNING_RATE = "learning.rate";
    public static final String L2 = "l2";
    public static final String PROX_MU = "prox.mu";
    public static final String BATCH_SIZE = "batch.size";
    public static final String REFERENCE_HISTOGRAM = "reference.histogram";
    public static final String FEATURE_NAMES = "feature.names";
    public static final String STATISTICS_ROWS = "statistics.rows";

    public LocalTrainSettings {
        require(triggerRows >= 1, TRIGGER_ROWS, triggerRows, "must be at least 1");
        require(triggerIntervalMs >= 1, TRIGGER_INTERVAL_MS, triggerIntervalMs, "must be at least 1");
        require(minRows >= 1 && minRows <= triggerRows, MIN_ROWS, minRows,
            "must be between 1 and " + TRIGGER_ROWS + " (" + triggerRows + ")");
        require(maxRows >= triggerRows, MAX_ROWS, maxRows, "must be at least " + TRIGGER_ROWS + " (" + triggerRows + ")");
        require(epochs >= 1, EPOCHS, epochs, "must be at least 1");
        require(learningRate > 0 && Double.isFinite(learningRate), LEARNING_RATE, learningRate, "must be a positive number");
        require(l2 >= 0 && Double.isFinite(l2), L2, l2, "must be a non-negative number");
        require(proxMu >= 0 && Double.isFinite(proxMu), PROX_MU, proxMu, "must be a non-negative number");
        require(batchSize >= 1, BATCH_SIZE, batchSize, "must be at least 1");
        require(featureNames != null && !featureNames.isEmpty(), FEATURE_NAMES, featureNames, "must list at least one feature");
        featureNames = List.copyOf(featureNames);
        require(statisticsRows >= 0 && statisticsRows <= triggerRows, STATISTICS_ROWS, statisticsRows,
            "must be between 0 and " + TRIGGER_ROWS + " (" + triggerRows + ")");
    }

    /** Settings whose statistics-only update waits for trigger.rows like any other. */
    public LocalTrainSettings(int triggerRows, long triggerIntervalMs, int minRows, int maxRows, int epochs,
                              double learningRate, double l2, double proxMu, int batchSize, boolean referenceHistogram,
                              List<String> featureNames) {
        this(triggerRows, triggerIntervalMs, minRows, maxRows, epochs, learningRate, l2, proxMu, batchSize,
            referenceHistogram, featureNames, 0);
    }

    /** The defaults: 50 rows or 60 s, at least 10 rows, at most 1,000 rows, 3 epochs of batches of 16 at rate 0.1. */
    public static LocalTrainSettings defaults() {
        return new LocalTrainSettings(50, 60_000, 10, 1_000, 3, 0.1, 1e-4, 0.0, 16, true, EdgeIiotFeatures.MODEL);
    }

    public LocalTrainSettings withTrigger(int rows, long intervalMs, int min, int max) {
        return new LocalTrainSettings(rows, intervalMs, min, max, epochs, learningRate, l2, proxMu, batchSize,
            referenceHistogram, featureNames, statisticsRows);
    }

    public LocalTrainSettings withSgd(int newEpochs, double rate, double newL2, double mu, int batch) {
        return new LocalTrainSettings(triggerRows, triggerIntervalMs, minRows, maxRows, newEpochs, rate, newL2, mu,
            batch, referenceHistogram, featureNames, statisticsRows);
    }

    public LocalTrainSettings withFeatureNames(List<String> names) {
        return new LocalTrainSettings(triggerRows, triggerIntervalMs, minRows, maxRows, epochs, learningRate, l2,
            proxMu, batchSize, referenceHistogram, names, statisticsRows);
    }

    public LocalTrainSettings withReferenceHistogram(boolean enabled) {
        return new LocalTrainSettings(triggerRows, triggerIntervalMs, minRows, maxRows, epochs, learningRate, l2,
            proxMu, batchSize, enabled, featureNames, statisticsRows);
    }

    /** These settings with the statistics-only update due at {@code rows} rows (0 = trigger.rows). */
    public LocalTrainSettings withStatisticsRows(int rows) {
        return new LocalTrainSettings(triggerRows, triggerIntervalMs, minRows, maxRows, epochs, learningRate, l2,
            proxMu, batchSize, referenceHistogram, featureNames, rows);
    }
}
