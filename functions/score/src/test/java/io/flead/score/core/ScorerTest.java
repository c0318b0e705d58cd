package io.flead.score.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flead.model.Anomaly;
import io.flead.model.FeatureContribution;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.LogisticRegression;
import io.flead.model.TelemetryEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScorerTest {
    static final List<String> NAMES = List.of("a", "b", "c");
    /** Each feature has mean 0 and standard deviation 1. */
    static final FeatureStats STATS = FeatureStats.of(new double[][] {{-1, -1, -1}, {1, 1, 1}}, 3);

    final Scorer scorer = new Scorer(new ScoreSettings(2));

    static TelemetryEvent event(double a, double b, Double c) {
        Map<String, Double> features = new HashMap<>();
        features.put("a", a);
        features.put("b", b);
        if (c != null) {
            features.put("c", c);
        }
        return new TelemetryEvent("dev-1", 5, 9, features, 1, null);
    }

    static GlobalModel model(double[] weights, double bias, double threshold) {
        return new GlobalModel(7, 7, 0, "fedavg", 3, 100, NAMES, weights, bias, STATS, threshold, null, null, null);
    }

    @Test
    void logisticScoreAgainstTheModelThresholdWithTopContributions() {
        GlobalModel model = model(new double[] {2.0, -0.5, 0.1}, -1.0, 0.55);
        Optional<Anomaly> anomaly = scorer.score(event(1.5, 2.0, null), model);
        double p = LogisticRegression.sigmoid(2.0 * Math.log1p(1.5) - 0.5 * Math.log1p(2.0) - 1.0);
        assertThat(anomaly).isPresent();
        Anomaly a = anomaly.get();
        assertThat(a.score()).isCloseTo(p, within(1e-12));
        assertThat(a.threshold()).isEqualTo(0.55);
        assertThat(a.modelVersion()).isEqualTo(7);
        assertThat(a.method()).isEqualTo("logistic");
        assertThat(a.label()).isEqualTo(1);
        assertThat(a.seq()).isEqualTo(9);
        assertThat(a.topFeatures()).extracting(FeatureContribution::feature).containsExactly("a", "b");
        assertThat(a.topFeatures().get(1).contribution()).isCloseTo(-0.5 * Math.log1p(2.0), within(1e-12));
        assertThat(a.topFeatures().get(1).z()).as("reported z is the plain z-score").isCloseTo(2.0, within(1e-12));
        assertThat(scorer.score(event(1.0, 2.0, null), model)).as("p = 0.46 < 0.55").isEmpty();
    }

    @Test
    void aRowInTheModelsOrderScoresAsItsEvent() {
        GlobalModel model = model(new double[] {2.0, -0.5, 0.1}, -1.0, 0.55);
        Anomaly fromEvent = scorer.score(event(1.5, 2.0, null), model).orElseThrow();
        Anomaly fromRow = scorer.score("dev-1", 5, 9, 1, new double[] {1.5, 2.0, Double.NaN}, model).orElseThrow();
        assertThat(fromRow).isEqualTo(fromEvent);
        assertThat(scorer.score("dev-1", 5, 9, null, new double[] {1.0, 2.0, Double.NaN}, model)).isEmpty();
        GlobalModel version0 = GlobalModel.initial(NAMES, 0);
        assertThat(scorer.score("dev-1", 5, 9, null, new double[] {90, 90, 90}, version0)).as("not scorable").isEmpty();
    }

    @Test
    void thresholdComesFromTheModelNotAConstant() {
        GlobalModel strict = model(new double[] {1, 0, 0}, 0, 0.95);
        GlobalModel lenient = model(new double[] {1, 0, 0}, 0, 0.6);
        TelemetryEvent e = event(1.0, 0, 0.0);
        assertThat(scorer.score(e, strict)).isEmpty();
        assertThat(scorer.score(e, lenient)).isPresent();
    }

    @Test
    void beforeTheFirstTrainedModelTheMaxZRuleDecidesWithTheLargestZFirst() {
        GlobalModel statsOnly = new GlobalModel(1, 1, 0, "fedavg", 3, 0, NAMES, new double[0], 0, STATS, 0.5,
            null, null, null);
        Anomaly a = scorer.score(event(0.5, -3.0, 2.6), statsOnly).orElseThrow();
        assertThat(a.method()).isEqualTo("max_z");
        assertThat(a.score()).isCloseTo(3.0, within(1e-12));
        assertThat(a.threshold()).isEqualTo(2.5);
        assertThat(a.topFeatures()).extracting(FeatureContribution::feature).containsExactly("b", "c");
        assertThat(scorer.score(event(2.4, -2.4, null), statsOnly)).as("2.4 <= 2.5").isEmpty();
    }

    @Test
    void withoutAnyStatisticsNothingIsScorable() {
        GlobalModel initial = GlobalModel.initial(NAMES, 0);
        assertThat(scorer.evaluate(event(100, 100, 100.0), initial).method()).isEqualTo("not_scorable");
        assertThat(scorer.score(event(100, 100, 100.0), initial)).isEmpty();
    }

    @Test
    void missingFeaturesAreImputedWithTheMeanAndReportedAsNull() {
        GlobalModel model = model(new double[] {0, 0, 5}, 0, 0.5);
        Score s = scorer.evaluate(event(0, 0, null), model);
        assertThat(s.margin()).isZero();
        Anomaly a = scorer.score(event(0, 0, null), model).orElseThrow();
        assertThat(a.topFeatures()).hasSize(2);
        assertThat(a.topFeatures()).filteredOn(f -> f.feature().equals("c")).allMatch(f -> f.value() == null);
    }

    @Test
    void settingsNameTheBadKey() {
        assertThatThrownBy(() -> new ScoreSettings(-1)).hasMessageContaining("'top.features'").hasMessageContaining("'-1'");
    }
}
