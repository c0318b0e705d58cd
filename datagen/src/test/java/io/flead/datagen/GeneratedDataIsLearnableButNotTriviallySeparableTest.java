package io.flead.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A logistic regression on the z-scored numeric columns of 100 devices' training files, scored on their
 * held-out files, should do well but not perfectly: attacks overlap with ordinary traffic by design.
 */
class GeneratedDataIsLearnableButNotTriviallySeparableTest {

    @Test
    void logisticRegressionReachesAnF1AroundNinetyButNotOne(@TempDir Path dir) throws Exception {
        GenerationReport report = DeviceDataGenerator.generate(GeneratorConfig.defaults().withDevices(100)
            .withRows(1000).withHoldoutRows(200).withSeed(42), dir);
        List<Path> training = report.devices().stream().map(d -> dir.resolve(d.trainingFile())).toList();
        List<Path> holdout = report.devices().stream().map(d -> dir.resolve(d.holdoutFile())).toList();

        LogisticProbe probe = new LogisticProbe();
        probe.train(LogisticProbe.read(training), 10, 1);
        LogisticProbe.Data test = LogisticProbe.read(holdout);
        LogisticProbe.Score score = probe.score(test);

        assertThat(score.tp() + score.fn()).as("held-out attack rows").isGreaterThan(2000);
        assertThat(score.f1()).as(score.toString()).isBetween(0.80, 0.97);
        assertThat(score.precision()).as(score.toString()).isLessThan(0.995);
        assertThat(score.recall()).as(score.toString()).isLessThan(0.99);
        Map<String, Double> flagged = probe.flaggedByType(test);
        assertThat(flagged.get("Normal")).as("false-positive rate").isBetween(0.001, 0.08);
        long wellDetected = flagged.entrySet().stream()
            .filter(e -> !e.getKey().equals("Normal") && e.getValue() > 0.6).count();
        assertThat(wellDetected).as("attack types mostly detected: " + flagged).isGreaterThanOrEqualTo(9);
    }

    @Test
    void aModelThatOnlyPredictsNormalScoresZero(@TempDir Path dir) throws Exception {
        GenerationReport report = DeviceDataGenerator.generate(GeneratorConfig.defaults().withDevices(20)
            .withRows(200).withHoldoutRows(50), dir);
        LogisticProbe.Data training = LogisticProbe.read(report.devices().stream()
            .map(d -> dir.resolve(d.trainingFile())).toList());
        LogisticProbe.Data holdout = LogisticProbe.read(report.devices().stream()
            .map(d -> dir.resolve(d.holdoutFile())).toList());
        LogisticProbe.Data allNormal = new LogisticProbe.Data(training.x(),
            training.y().stream().map(y -> 0).toList(), training.type());
        LogisticProbe probe = new LogisticProbe();
        probe.train(allNormal, 3, 1);

        LogisticProbe.Score score = probe.score(holdout);

        long positives = IntStream.range(0, holdout.y().size()).filter(i -> holdout.y().get(i) == 1).count();
        assertThat(positives).as("the held-out split has attacks to find").isPositive();
        assertThat(score.tp() + score.fp()).as("a model taught only normal traffic flags nothing: " + score).isZero();
        assertThat(score.fn()).isEqualTo(positives);
        assertThat(score.recall()).isZero();
        assertThat(score.f1()).isZero();
    }
}
