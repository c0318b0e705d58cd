package io.flead.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.datagen.DeviceDataGenerator;
import io.flead.datagen.GeneratorConfig;
import io.flead.model.EdgeIiotFeatures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArmTuningTest {
    @TempDir
    Path dir;

    @Test
    void everyArmTriesTheSameGridOnValidationRowsAndKeepsItsBest() {
        DeviceDataGenerator.generate(GeneratorConfig.defaults().withDevices(15).withRows(300).withHoldoutRows(50)
            .withSeed(5).withThreads(1), dir);
        FleetData data = FleetData.load(dir, EdgeIiotFeatures.MODEL);
        HarnessConfig base = HarnessConfig.defaults().withRounds(4).withThreads(1).withSeed(5);
        ArmTuning.Choice choice = ArmTuning.tune(data, DeviceKinds.read(dir), base);

        int grid = ArmTuning.RATES.length * ArmTuning.EPOCH_FACTORS.length;
        assertThat(choice.trials()).hasSize(3 * grid);
        for (String arm : List.of("centralized", "federated", "local_only")) {
            List<ArmTuning.Trial> own = choice.trials().stream().filter(t -> t.arm().equals(arm)).toList();
            assertThat(own).hasSize(grid);
            assertThat(own).allSatisfy(t -> assertThat(t.validationF1()).isBetween(0.0, 1.0));
        }
        ArmTuning.Trial central = best(choice, "centralized");
        ArmTuning.Trial federated = best(choice, "federated");
        ArmTuning.Trial local = best(choice, "local_only");
        // each arm's chosen configuration carries its best trial's rate and its own epochs, the rest as the base
        assertThat(choice.centralized().learningRate()).isEqualTo(central.rate());
        assertThat(choice.centralized().centralEpochs()).isEqualTo(central.epochs());
        assertThat(choice.federated().learningRate()).isEqualTo(federated.rate());
        assertThat(choice.federated().localEpochs()).isEqualTo(federated.epochs());
        assertThat(choice.localOnly().learningRate()).isEqualTo(local.rate());
        assertThat(choice.localOnly().localOnlyEpochs()).isEqualTo(local.epochs());
        assertThat(choice.federated().rounds()).isEqualTo(base.rounds());
        assertThat(choice.describe()).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("tuned "));
    }

    private static ArmTuning.Trial best(ArmTuning.Choice choice, String arm) {
        List<ArmTuning.Trial> own = choice.trials().stream().filter(t -> t.arm().equals(arm)).toList();
        double max = own.stream().mapToDouble(ArmTuning.Trial::validationF1).max().orElseThrow();
        ArmTuning.Trial best = ArmTuning.best(own);
        assertThat(best.validationF1()).isEqualTo(max);
        return best;
    }
}
