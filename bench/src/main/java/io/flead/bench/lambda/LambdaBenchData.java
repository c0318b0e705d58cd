package io.flead.bench.lambda;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent.KafkaEventRecord;
import io.flead.embedded.EmbeddedKafka;
import io.flead.model.EdgeIiotFeatures;
import io.flead.model.Eval;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import io.flead.model.TelemetryEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Kafka events as a mapping would deliver them, and a global model with statistics on the broker. */
final class LambdaBenchData {

  private static final List<String> FEATURES = EdgeIiotFeatures.NUMERIC;
  private static final long T0 = 1_763_800_000_000L;
  private static final int DEVICES = 20;
  private static final int PARTITIONS = 4;

  private final Random random = new Random(42);
  private final GlobalModel model;

  LambdaBenchData(EmbeddedKafka kafka) {
    kafka.createTopic("global-model-updates", 1, Map.of("cleanup.policy", "compact"));
    // fedavg's Lambda shell keeps its open round there (LambdaSettings.STATE_TOPIC's default)
    kafka.createTopic("flead-fedavg-lambda-state", 1, Map.of("cleanup.policy", "compact"));
    for (String topic : List.of("local-model-updates", "anomalies", "drift-alerts")) {
      kafka.createTopic(topic, PARTITIONS, Map.of());
    }
    double[][] rows = new double[2_000][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = row();
    }
    model = new GlobalModel(1, 1, T0, "fedavg", 2, 0, FEATURES, new double[0], 0.0,
        FeatureStats.of(rows, FEATURES.size()), GlobalModel.PRIOR_THRESHOLD, Eval.EMPTY, List.of(), null);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
        Map.of("bootstrap.servers", kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>("global-model-updates", bytes("flead"), LambdaBench.json(model)));
    }
  }

  /** Batch {@code n} of telemetry rows, devices spread over the partitions. */
  KafkaEvent telemetry(int n) {
    List<KafkaEventRecord> records = new ArrayList<>();
    for (int i = 0; i < LambdaBench.batchSize(); i++) {
      long seq = (long) n * LambdaBench.batchSize() + i;
      String device = "dev-" + (i % DEVICES);
      Map<String, Double> features = new LinkedHashMap<>();
      double[] values = row();
      for (int j = 0; j < FEATURES.size(); j++) {
        features.put(FEATURES.get(j), values[j] + (i % 50 == 0 ? 8 : 0));
      }
      TelemetryEvent event = new TelemetryEvent(device, T0 + seq, seq, features, i % 10 == 0 ? 1 : 0, "Normal");
      records.add(record("edge-iiot-stream", i % DEVICES % PARTITIONS, seq, device, LambdaBench.json(event)));
    }
    return event(records);
  }

  /** Batch {@code n} of local updates on the model's version, each with a fresh id. */
  KafkaEvent updates(int n) {
    List<KafkaEventRecord> records = new ArrayList<>();
    for (int i = 0; i < LambdaBench.batchSize(); i++) {
      String device = "dev-" + i;
      double[] weights = new double[FEATURES.size()];
      for (int j = 0; j < weights.length; j++) {
        weights[j] = random.nextGaussian() * 0.1;
      }
      LocalModelUpdate update = new LocalModelUpdate("u-" + n + "-" + i, device, model.version() + n, T0 + n, 50,
          FEATURES, weights, -1.0, model.stats(), 0.3, Eval.counts(5, 1, 40, 4), null);
      records.add(record("local-model-updates", i % PARTITIONS, (long) n * LambdaBench.batchSize() + i, device,
          LambdaBench.json(update)));
    }
    return event(records);
  }

  private double[] row() {
    double[] r = new double[FEATURES.size()];
    for (int j = 0; j < r.length; j++) {
      r[j] = random.nextGaussian() * (1 + j % 3) + j;
    }
    return r;
  }

  private static KafkaEventRecord record(String topic, int partition, long offset, String key, byte[] value) {
    KafkaEventRecord r = new KafkaEventRecord();
    r.setTopic(topic);
    r.setPartition(partition);
    r.setOffset(offset);
    r.setTimestamp(T0 + offset);
    r.setTimestampType("CREATE_TIME");
    r.setKey(Base64.getEncoder().encodeToString(bytes(key)));
    r.setValue(Base64.getEncoder().encodeToString(value));
    r.setHeaders(List.of());
    return r;
  }

  private static KafkaEvent event(List<KafkaEventRecord> records) {
    Map<String, List<KafkaEventRecord>> byPartition = new LinkedHashMap<>();
    records.forEach(r -> byPartition.computeIfAbsent(r.getTopic() + "-" + r.getPartition(), k -> new ArrayList<>()).add(r));
    KafkaEvent event = new KafkaEvent();
    event.setEventSource("SelfManagedKafka");
    event.setRecords(byPartition);
    return event;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
