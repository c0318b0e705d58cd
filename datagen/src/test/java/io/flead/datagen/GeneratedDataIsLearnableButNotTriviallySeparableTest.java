package io.flead.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The held-out split carries attacks to find. Whether the data is learnable but not trivially separable is tested where
 * the shipped model's feature set and the rule baseline live: bench's test of the same name, on the hard generator.
 */
class GeneratedDataIsLearnableButNotTriviallySeparableTest {

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

        LogisticProbe taught = new LogisticProbe();
        taught.train(training, 3, 1);
        assertThat(taught.score(holdout).f1()).as("the same probe taught the real labels finds the attacks, so the zero"
            + " above is the labels' doing").isGreaterThan(0.5);
    }
}
