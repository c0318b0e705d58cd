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
        LogisticProbe.Data data = LogisticProbe.read(report.devices().stream()
            .map(d -> dir.resolve(d.holdoutFile())).toList());
        long positives = IntStream.range(0, data.y().size()).filter(i -> data.y().get(i) == 1).count();
        assertThat(positives).as("the held-out split has attacks to find").isPositive();
    }
}
