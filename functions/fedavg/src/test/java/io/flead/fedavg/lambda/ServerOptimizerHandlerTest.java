package io.flead.fedavg.lambda;

import io.flead.fedavg.config.FedAvgConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.flead.fedavg.core.FedAvgSettings;
import io.flead.fedavg.core.ServerOptimizer;
import io.flead.fedavg.streams.FedAvgTopology;
import io.flead.model.Eval;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import io.flead.model.LocalModelUpdate;
import io.flead.runtime.parity.RecordingOutputs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Lambda handler keeps FedAvgM's momentum across the invocations of a warm container. */
class ServerOptimizerHandlerTest {

  private static final List<String> FEATURES = List.of("tcp.len", "tcp.flags");
  private static final long T0 = 1_763_800_000_000L;

  private static KafkaEvent batch(long baseVersion, long offset) {
    List<KafkaEvent.KafkaEventRecord> records = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      FeatureStats stats = FeatureStats.of(new double[][] {{10, 1}, {12, 0}, {11, 1}, {30, 2}}, FEATURES.size());
      long samples = baseVersion == 0 ? 0 : 4;
      double[] weights = baseVersion == 0 ? new double[FEATURES.size()] : new double[] {0.5, 0.1};
      LocalModelUpdate u = new LocalModelUpdate("u" + baseVersion + "-" + i, "dev-" + i, baseVersion, T0, samples,
          FEATURES, weights, baseVersion == 0 ? 0 : -1.0, stats, 0.3, Eval.counts(1, 0, 3, 0), null);
      KafkaEvent.KafkaEventRecord r = new KafkaEvent.KafkaEventRecord();
      r.setTopic("local-model-updates");
      r.setPartition(0);
      r.setOffset(offset + i);
      r.setTimestamp(T0 + offset + i);
      r.setTimestampType("CREATE_TIME");
      r.setKey(Base64.getEncoder().encodeToString(u.deviceId().getBytes(StandardCharsets.UTF_8)));
      r.setValue(Base64.getEncoder().encodeToString(JsonCodec.encode(u)));
      r.setHeaders(List.of());
      records.add(r);
    }
    KafkaEvent event = new KafkaEvent();
    event.setEventSource("aws:kafka");
    event.setRecords(Map.of("local-model-updates-0", records));
    return event;
  }

  @Test
  void aWarmContainerCarriesTheMomentumFromOneRoundToTheNext() {
    FedAvgConfig.Settings settings = new FedAvgConfig.Settings("local-model-updates", "global-model-updates",
        "flead", FEATURES, 1_000, FedAvgSettings.defaults().withRound(3, 10_000, 2)
            .withServer(ServerOptimizer.momentum(0.5, 0.9)));
    RecordingOutputs outputs = new RecordingOutputs();
    GlobalModel initial = GlobalModel.initial(FEATURES, T0);
    FedAvgHandler handler = new FedAvgHandler(settings, now -> initial, outputs, true, () -> T0 + 5_000);
    for (long base = 0; base <= 2; base++) {
      handler.handleRequest(batch(base, 10 * base), null);
    }

    List<GlobalModel> models = outputs.sent.stream().map(s -> JsonCodec.decode(s.value(), GlobalModel.class)).toList();
    assertThat(models).extracting(GlobalModel::version).containsExactly(1L, 2L, 3L);
    // v2 = 0.5 (0.5, 0.1, -1); then m = 0.9 (0.5, 0.1, -1) + (0.25, 0.05, -0.5) and v3 = v2 + 0.5 m
    assertThat(models.get(2).weights()).containsExactly(new double[] {0.6, 0.12}, within(1e-12));
    assertThat(models.get(2).bias()).isCloseTo(-1.2, within(1e-12));
    assertThat(models.get(2).strategy()).isEqualTo("fedavg+momentum");
  }
}
