package io.flead.localtrain.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flead.model.ClassMoments;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import io.flead.model.SettingsException;
import io.flead.model.Standardizer;
import io.flead.model.TelemetryEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LocalTrainerTest {
    static final List<String> NAMES = List.of("a", "b");
    static final LocalTrainSettings SETTINGS = LocalTrainSettings.defaults().withFeatureNames(NAMES)
        .withTrigger(50, 60_000, 10, 200);

    final LocalTrainer trainer = new LocalTrainer(SETTINGS);
    final Random random = new Random(3);

    /** Positives have a high "a"; "b" is noise. */
    TelemetryEvent event(long seq, Integer label) {
        int y = label == null ? random.nextInt(2) : label;
        double a = (y == 1 ? 2.0 : -1.0) + random.nextGaussian() * 0.5;
        return new TelemetryEvent("dev-1", 1000 + seq, seq, Map.of("a", a, "b", random.nextGaussian()), label, null);
    }

    Integer randomLabel() {
        return random.nextInt(2);
    }

    static GlobalModel globalWithStats(double[] weights, double bias, double threshold) {
        FeatureStats stats = FeatureStats.of(new double[][] {{-1, 0}, {2, 1}, {0.5, -1}}, 2);
        return new GlobalModel(3, 3, 0, "fedavg", 5, 100, NAMES, weights, bias, stats, threshold, null, null, null);
    }

    @Test
    void whileTheBaseHasNoStatisticsTheStatisticsOnlyUpdateIsDueAtStatisticsRows() {
        LocalTrainer early = new LocalTrainer(SETTINGS.withStatisticsRows(12));
        DeviceWindow w = early.empty("dev-1");
        for (int i = 0; i < 11; i++) {
            early.add(w, event(i, randomLabel()));
        }
        GlobalModel none = GlobalModel.initial(NAMES, 0);
        assertThat(early.ready(w, 1011, none)).as("11 rows < statistics.rows").isFalse();
        early.add(w, event(11, randomLabel()));
        assertThat(early.ready(w, 1012, none)).as("12 rows, statistics only").isTrue();
        assertThat(early.ready(w, 1012, globalWithStats(new double[0], 0, 0.5)))
            .as("a base with statistics trains: it waits for trigger.rows").isFalse();
        assertThat(trainer.ready(w, 1012, none)).as("statistics.rows 0: trigger.rows as ever").isFalse();
        assertThatThrownBy(() -> SETTINGS.withStatisticsRows(SETTINGS.triggerRows() + 1))
            .hasMessageContaining(LocalTrainSettings.STATISTICS_ROWS);
    }

    @Test
    void triggersEveryNRowsOrAfterTheIntervalButNeverBelowTheMinimum() {
        DeviceWindow w = trainer.empty("dev-1");
        for (int i = 0; i < 9; i++) {
            trainer.add(w, event(i, randomLabel()));
        }
        assertThat(trainer.ready(w, 1_000_000_000L)).as("9 rows < min.rows even after the interval").isFalse();
        trainer.add(w, event(9, randomLabel()));
        assertThat(trainer.ready(w, 1000 + 59_999)).isFalse();
        assertThat(trainer.ready(w, 1000 + 60_000)).as("interval elapsed since the first row").isTrue();
        for (int i = 10; i < 49; i++) {
            trainer.add(w, event(i, randomLabel()));
        }
        assertThat(trainer.ready(w, 1049)).isFalse();
        trainer.add(w, event(49, randomLabel()));
        assertThat(trainer.ready(w, 1050)).as("50 rows").isTrue();
    }

    @Test
    void stateStaysBoundedByMaxRowsAndKeepsTheMostRecentRows() {
        DeviceWindow w = trainer.empty("dev-1");
        for (int i = 0; i < 2_000; i++) {
            trainer.add(w, event(i, randomLabel()));
        }
        assertThat(w.size()).isEqualTo(200);
        assertThat(w.allocatedRows()).isEqualTo(200);
        assertThat(w.firstSeq()).isEqualTo(1_800);
        assertThat(w.lastSeq()).isEqualTo(1_999);
        LocalModelUpdate update = trainer.finish(w, globalWithStats(new double[] {0, 0}, 0, 0.5), 5).orElseThrow();
        assertThat(update.stats().count(0)).isEqualTo(200);
        assertThat(w.size()).isZero();
        assertThat(w.allocatedRows()).isZero();
    }

    @Test
    void updateIdIsDeterministicFromDeviceBaseVersionAndSeqRange() {
        GlobalModel global = globalWithStats(new double[] {0.5, 0}, 0, 0.5);
        LocalModelUpdate first = trainWindow(new Random(9), global);
        LocalModelUpdate again = trainWindow(new Random(9), global);
        assertThat(again.updateId()).isEqualTo(first.updateId());
        assertThat(again).as("the whole update is a function of its input").isEqualTo(first);
        assertThat(first.updateId()).isEqualTo(LocalTrainer.updateId("dev-1", 3, 0, 59));
        assertThat(LocalTrainer.updateId("dev-1", 4, 0, 59)).isNotEqualTo(first.updateId());
        assertThat(LocalTrainer.updateId("dev-2", 3, 0, 59)).isNotEqualTo(first.updateId());
        assertThat(LocalTrainer.updateId("dev-1", 3, 1, 59)).isNotEqualTo(first.updateId());
    }

    private LocalModelUpdate trainWindow(Random r, GlobalModel global) {
        return trainOn(trainer, r, global);
    }

    @Test
    void evaluatesTheIncomingGlobalModelBeforeTrainingOnTheWindow() {
        // A global model that calls every row an attack: before training, every negative is a false positive.
        GlobalModel alwaysAttack = globalWithStats(new double[] {0, 0}, 10.0, 0.5);
        DeviceWindow w = trainer.empty("dev-1");
        int positives = 0;
        for (int i = 0; i < 100; i++) {
            TelemetryEvent e = event(i, randomLabel());
            positives += e.label();
            trainer.add(w, e);
        }
        LocalModelUpdate update = trainer.finish(w, alwaysAttack, 5).orElseThrow();
        assertThat(update.eval().tp()).isEqualTo(positives);
        assertThat(update.eval().fp()).isEqualTo(100 - positives);
        assertThat(update.eval().tn() + update.eval().fn()).isZero();
        assertThat(update.bias()).as("training moved the bias away from the global").isLessThan(10.0);
        assertThat(update.weights()[0]).as("learned that a high 'a' means attack").isPositive();
        assertThat(update.baseVersion()).isEqualTo(3);
    }

    @Test
    void trainingReducesTheLossOfTheGlobalModelOnTheWindow() {
        GlobalModel global = globalWithStats(new double[] {0, 0}, 0, 0.5);
        LocalModelUpdate update = trainWindow(new Random(11), global);
        assertThat(update.loss()).isLessThan(Math.log(2) * 0.8);
        assertThat(update.nSamples()).isEqualTo(60);
        assertThat(update.histogram()).isNotNull();
        assertThat(update.histogram().referenceVersion()).isEqualTo(3);
        assertThat(update.histogram().total(0)).isEqualTo(60);
    }

    @Test
    void unlabelledRowsCountForStatisticsButNotForSgd() {
        DeviceWindow w = trainer.empty("dev-1");
        for (int i = 0; i < 40; i++) {
            trainer.add(w, event(i, i < 15 ? randomLabel() : null));
        }
        LocalModelUpdate update = trainer.finish(w, globalWithStats(new double[] {0, 0}, 0, 0.5), 5).orElseThrow();
        assertThat(update.nSamples()).isEqualTo(15);
        assertThat(update.stats().count(0)).isEqualTo(40);
        assertThat(update.eval().total()).isEqualTo(15);
    }

    @Test
    void onABaseWithStatisticsButNoWeightsTheUpdateCarriesTheWindowsClassMomentsInTheModelsFeatureSpace() {
        GlobalModel statisticsOnly = globalWithStats(new double[0], 0, 0.5);
        Standardizer standardizer = Standardizer.of(statisticsOnly.stats());
        ClassMoments expected = ClassMoments.empty(2);
        DeviceWindow w = trainer.empty("dev-1");
        for (int i = 0; i < 40; i++) {
            TelemetryEvent e = event(i, i < 30 ? randomLabel() : null); // 10 unlabelled rows take no class
            trainer.add(w, e);
            if (e.label() != null) {
                double[] z = new double[2];
                standardizer.apply(new double[] {e.features().get("a"), e.features().get("b")}, 0, z, 0);
                expected.add(z, 0, e.label() == 1);
            }
        }
        LocalModelUpdate update = trainer.finish(w, statisticsOnly, 5).orElseThrow();
        assertThat(update.classMoments().positive().count(0) + update.classMoments().negative().count(0)).isEqualTo(30);
        for (int j = 0; j < 2; j++) {
            assertThat(update.classMoments().positive().mean(j)).isCloseTo(expected.positive().mean(j), within(1e-12));
            assertThat(update.classMoments().negative().m2(j)).isCloseTo(expected.negative().m2(j), within(1e-9));
        }

        DeviceWindow next = trainer.empty("dev-1");
        for (int i = 0; i < 20; i++) {
            trainer.add(next, event(i, randomLabel()));
        }
        LocalModelUpdate onWeights = trainer.finish(next, globalWithStats(new double[] {1, 0}, 0, 0.5), 6).orElseThrow();
        assertThat(onWeights.classMoments()).as("on a base with weights the moments place the next threshold")
            .isNotNull();
        assertThat(onWeights.classMoments().positive().rows() + onWeights.classMoments().negative().rows())
            .isEqualTo(20);
    }

    @Test
    void beforeAnyStatisticsExistTheUpdateCarriesOnlyTheWindowStatistics() {
        DeviceWindow w = trainer.empty("dev-1");
        for (int i = 0; i < 20; i++) {
            trainer.add(w, event(i, randomLabel()));
        }
        LocalModelUpdate update = trainer.finish(w, GlobalModel.initial(NAMES, 0), 5).orElseThrow();
        assertThat(update.nSamples()).isZero();
        assertThat(update.weights()).containsExactly(0.0, 0.0);
        assertThat(update.stats().count(1)).isEqualTo(20);
        assertThat(update.histogram()).isNull();
        assertThat(update.classMoments()).isNull();
    }

    @Test
    void missingFeaturesAreMissingInStatsAndRowsAreProjectedOntoTheGlobalFeatureOrder() {
        DeviceWindow w = trainer.empty("dev-1");
        for (int i = 0; i < 12; i++) {
            trainer.add(w, new TelemetryEvent("dev-1", i, i, Map.of("a", (double) i), 1, null));
        }
        FeatureStats stats = FeatureStats.of(new double[][] {{0, 0, 0}, {1, 1, 1}}, 3);
        GlobalModel reordered = new GlobalModel(1, 1, 0, "fedavg", 1, 1, List.of("b", "c", "a"),
            new double[0], 0, stats, 0.5, null, null, null);
        LocalModelUpdate update = trainer.finish(w, reordered, 5).orElseThrow();
        assertThat(update.featureNames()).containsExactly("b", "c", "a");
        assertThat(update.stats().count(0)).isZero();
        assertThat(update.stats().count(1)).isZero();
        assertThat(update.stats().count(2)).isEqualTo(12);
        assertThat(update.stats().mean(2)).isEqualTo(5.5);
    }

    @Test
    void finishBelowTheMinimumLeavesTheWindowAlone() {
        DeviceWindow w = trainer.empty("dev-1");
        trainer.add(w, event(0, 1));
        Optional<LocalModelUpdate> update = trainer.finish(w, GlobalModel.initial(NAMES, 0), 5);
        assertThat(update).isEmpty();
        assertThat(w.size()).isEqualTo(1);
    }

    @Test
    void fedProxKeepsTheUpdateCloserToTheGlobal() {
        GlobalModel global = globalWithStats(new double[] {-1.0, 1.0}, 0.5, 0.5);
        LocalTrainSettings plainSettings = SETTINGS.withSgd(3, 0.05, 1e-4, 0.0, 16);
        LocalTrainSettings proxSettings = SETTINGS.withSgd(3, 0.05, 1e-4, 1.0, 16);
        double plain = distance(trainOn(new LocalTrainer(plainSettings), new Random(5), global), global);
        double proximal = distance(trainOn(new LocalTrainer(proxSettings), new Random(5), global), global);
        assertThat(plain).as("local data pulls the model away from the global").isGreaterThan(0.2);
        assertThat(proximal).as("same data, rate and epochs; the proximal term (mu 1) holds it nearer")
            .isLessThan(0.8 * plain);
    }

    /** The same 60 rows for a given seed: positives have a high "a". */
    private static LocalModelUpdate trainOn(LocalTrainer t, Random r, GlobalModel global) {
        DeviceWindow w = t.empty("dev-1");
        for (int i = 0; i < 60; i++) {
            int y = r.nextInt(2);
            t.addRow(w, new double[] {y * 3 - 1 + r.nextGaussian(), r.nextGaussian()}, y, i, i);
        }
        return t.finish(w, global, 77).orElseThrow();
    }

    /** Euclidean distance between an update's parameters (weights and bias) and its global model's. */
    private static double distance(LocalModelUpdate update, GlobalModel global) {
        double sum = Math.pow(update.bias() - global.bias(), 2);
        for (int i = 0; i < update.weights().length; i++) {
            sum += Math.pow(update.weights()[i] - global.weights()[i], 2);
        }
        return Math.sqrt(sum);
    }

    @Test
    void settingsNameTheBadKey() {
        assertThatThrownBy(() -> LocalTrainSettings.defaults().withTrigger(50, 60_000, 60, 1000))
            .isInstanceOf(SettingsException.class).hasMessageContaining("'min.rows'").hasMessageContaining("'60'");
        assertThatThrownBy(() -> LocalTrainSettings.defaults().withTrigger(50, 60_000, 10, 20))
            .hasMessageContaining("'max.rows'");
        assertThatThrownBy(() -> LocalTrainSettings.defaults().withSgd(1, -1, 0, 0, 1))
            .hasMessageContaining("'learning.rate'");
    }
}
