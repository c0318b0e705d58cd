package io.flead.driftcheck.lambda;

import io.flead.driftcheck.config.DriftCheckConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.flead.driftcheck.core.DriftSettings;
import io.flead.driftcheck.core.MultipleTestingCorrection;
import io.flead.driftcheck.core.ReferenceMode;
import io.flead.driftcheck.streams.DriftCheckTopology;
import io.flead.model.DriftAlert;
import io.flead.model.Eval;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import io.flead.runtime.parity.RecordingOutputs;

class DriftCheckHandlerTest {

  private static final List<String> FEATURES = List.of("tcp.len", "tcp.flags");
  private static final long T0 = 1_763_800_000_000L;
  private static final String BATCH = "lambda/drift-check-batch.json";
  /** Small windows, so that one batch of 60 rows of a device fills a window. */
  private static final DriftSettings SMALL_WINDOWS = new DriftSettings(40, 20, 0.08, 0.1, 0.25, 1e-4, 1e-3, 1e-5,
      MultipleTestingCorrection.BENJAMINI_HOCHBERG, 20, 0.01, 20.0, 20, 3_600_000L, ReferenceMode.GLOBAL, 20, 40,
      true, DriftSettings.DEFAULTS.ignoredFeatures());
  private static final DriftCheckConfig.Settings SETTINGS = new DriftCheckConfig.Settings("edge-iiot-stream",
      "global-model-updates", "drift-alerts", "flead", 60_000, 1_000, SMALL_WINDOWS);

  private final RecordingOutputs outputs = new RecordingOutputs();

  private DriftCheckHandler handler(GlobalModel model) {
    return new DriftCheckHandler(SETTINGS, now -> model, outputs, true, () -> T0);
  }

  @Test
  void aShiftedDeviceInTheBatchIsAlertedAndTheSteadyOneIsNot() {
    Map<String, Object> summary = handler(model(4)).handleRequest(EventLoader.loadKafkaEvent(BATCH), null);

    assertThat(outputs.sent).extracting(RecordingOutputs.Sent::topic).containsOnly("drift-alerts", "flead-drift-check-dlq");
    assertThat(outputs.on("drift-alerts")).isNotEmpty().allSatisfy(s -> assertThat(s.key()).isEqualTo("dev-1"));
    List<DriftAlert> alerts = outputs.on("drift-alerts").stream().map(s -> JsonCodec.decode(s.value(), DriftAlert.class)).toList();
    assertThat(alerts).allSatisfy(a -> {
      assertThat(a.feature()).isEqualTo("tcp.len");
      assertThat(a.modelVersion()).isEqualTo(4);
    });
    assertThat(summary).containsEntry("records", 92).containsEntry("devices", 2)
        .containsEntry("published", outputs.on("drift-alerts").size());
  }

  @Test
  void garbageValuesAreDeadLetteredNotReportedAsBatchItemFailures() {
    Map<String, Object> summary = handler(model(4)).handleRequest(EventLoader.loadKafkaEvent(BATCH), null);

    assertThat(summary.get("poison")).isEqualTo(List.of(Map.of("partition", "edge-iiot-stream-1", "offset", 230L),
        Map.of("partition", "edge-iiot-stream-1", "offset", 231L)));
    assertThat(summary.get("batchItemFailures")).isEqualTo(List.of());
    assertThat(outputs.on("flead-drift-check-dlq")).hasSize(2);
  }

  @Test
  void eachBatchIsItsOwnWindowSoARedeliveryRepeatsTheSameAlerts() {
    DriftCheckHandler handler = handler(model(4));
    handler.handleRequest(EventLoader.loadKafkaEvent(BATCH), null);
    List<RecordingOutputs.Sent> first = List.copyOf(outputs.sent);
    outputs.sent.clear();

    handler.handleRequest(EventLoader.loadKafkaEvent(BATCH), null);

    assertThat(outputs.sent).isEqualTo(first);
  }

  @Test
  void rowsWaitForAModelWithStatisticsInGlobalMode() {
    Map<String, Object> summary = handler(GlobalModel.initial(FEATURES, T0))
        .handleRequest(EventLoader.loadKafkaEvent(BATCH), null);

    assertThat(outputs.on("drift-alerts")).isEmpty();
    assertThat(summary).containsEntry("devices", 0).containsEntry("modelVersion", 0L);
  }

  private static GlobalModel model(long version) {
    Random r = new Random(1);
    double[][] rows = new double[20_000][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new double[] {r.nextGaussian(), r.nextGaussian()};
    }
    return new GlobalModel(version, version, T0, "fedavg", 2, 0, FEATURES, new double[0], 0.0,
        FeatureStats.of(rows, FEATURES.size()), GlobalModel.PRIOR_THRESHOLD, Eval.EMPTY, List.of(), null);
  }
}
