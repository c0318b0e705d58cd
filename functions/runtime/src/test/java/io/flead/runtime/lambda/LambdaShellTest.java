package io.flead.runtime.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flead.model.GlobalModel;
import io.flead.model.TelemetryEvent;
import io.flead.runtime.parity.RecordingOutputs;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The generic Lambda shell around a trivial core: the summary, the embedded-metric-format line and the log line. */
class LambdaShellTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long NOW = 1_763_800_000_000L;

  private final RecordingOutputs outputs = new RecordingOutputs();
  private final List<String> metrics = new ArrayList<>();
  private final LambdaShell shell = LambdaShell.of(now -> GlobalModel.initial(List.of("tcp.len"), now), outputs,
      "flead-test-dlq", true, () -> NOW).withMetrics("flead-test", metrics::add);

  /** Echoes every telemetry row's device id to {@code out}. */
  private Map<String, Object> echo(Batch batch) {
    for (DecodedRecord r : batch.records()) {
      TelemetryEvent row = batch.parse(r, TelemetryEvent.class);
      if (row != null) {
        batch.send("out", row.deviceId(), new byte[] {'1'});
      }
    }
    return Map.of("modelVersion", batch.models().latest(batch.now()).version());
  }

  @Test
  void anMskBatchIsAnsweredWithItsSummaryAndOneEmbeddedMetricLineCarryingTheRequestId() throws Exception {
    Map<String, Object> response = shell.handle(EventLoader.loadKafkaEvent("msk-event.json"), context("req-1"), this::echo);

    assertThat(response).containsEntry("records", 3).containsEntry("published", 3).containsEntry("deadLettered", 0)
        .containsEntry("modelVersion", 0L).containsEntry("batchItemFailures", List.of());
    assertThat(outputs.on("out")).extracting(RecordingOutputs.Sent::key).containsExactly("dev-001", "dev-001", "dev-002");
    assertThat(metrics).hasSize(1);
    JsonNode emf = JSON.readTree(metrics.get(0));
    JsonNode directive = emf.path("_aws").path("CloudWatchMetrics").get(0);
    assertThat(emf.path("_aws").path("Timestamp").asLong()).isEqualTo(NOW);
    assertThat(directive.path("Namespace").asText()).isEqualTo("FLEAD");
    assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"function\"]]");
    assertThat(directive.path("Metrics").findValuesAsText("Name"))
        .containsExactly("records", "published", "deadLettered", "duration");
    assertThat(directive.path("Metrics").findValuesAsText("Unit"))
        .containsExactly("Count", "Count", "Count", "Milliseconds");
    // every metric and dimension named in the directive has its value at the root, as EMF requires
    assertThat(emf.path("function").asText()).isEqualTo("flead-test");
    assertThat(emf.path("requestId").asText()).isEqualTo("req-1");
    assertThat(emf.path("records").asInt()).isEqualTo(3);
    assertThat(emf.path("published").asInt()).isEqualTo(3);
    assertThat(emf.path("deadLettered").asInt()).isEqualTo(0);
    assertThat(emf.path("duration").isNumber()).isTrue();
    assertThat(MDC.get(LambdaShell.REQUEST_ID)).isNull();
  }

  @Test
  void poisonIsDeadLetteredAndCountedInTheMetricsButNotReportedAsAFailure() throws Exception {
    KafkaEvent event = EventLoader.loadKafkaEvent("msk-event.json");
    event.getRecords().get("edge-iiot-stream-1").get(0).setValue("bm90IGpzb24=");

    Map<String, Object> response = shell.handle(event, context("req-2"), this::echo);

    assertThat(response).containsEntry("records", 3).containsEntry("published", 2).containsEntry("deadLettered", 1)
        .containsEntry("batchItemFailures", List.of());
    assertThat(outputs.on("flead-test-dlq")).extracting(RecordingOutputs.Sent::value).containsExactly("not json");
    JsonNode emf = JSON.readTree(metrics.get(0));
    assertThat(emf.path("published").asInt()).isEqualTo(2);
    assertThat(emf.path("deadLettered").asInt()).isEqualTo(1);
  }

  @Test
  void aBatchWhoseOutputsAreNotAcknowledgedIsReportedFromTheFirstRecordOfEachPartition() {
    outputs.failNextFlush();

    Map<String, Object> response = shell.handle(EventLoader.loadKafkaEvent("msk-event.json"), context("req-3"), this::echo);

    assertThat(response).containsEntry("published", 0).containsEntry("batchItemFailures", List.of(
        Map.of("itemIdentifier", Map.of("partition", "edge-iiot-stream-0", "offset", 41L)),
        Map.of("itemIdentifier", Map.of("partition", "edge-iiot-stream-1", "offset", 7L))));
  }

  @Test
  void anEmptyBatchPublishesNothingAndReportsNoFailure() {
    Map<String, Object> response = shell.handle(new KafkaEvent(), context("req-4"), this::echo);

    assertThat(response).containsEntry("records", 0).containsEntry("published", 0)
        .containsEntry("batchItemFailures", List.of());
    assertThat(outputs.sent).isEmpty();
  }

  @Test
  void aLogLineIsOneJsonObjectWithTheRequestIdOfTheInvocation() throws Exception {
    LogRecord record = new LogRecord(Level.WARNING, "Skipping poison record {0}");
    record.setParameters(new Object[] {"edge-iiot-stream-1@7"});
    record.setLoggerName("io.flead.runtime.lambda.BatchReport");
    record.setMillis(NOW);
    MDC.put(LambdaShell.REQUEST_ID, "req-5");
    String line;
    try {
      line = new JsonLogFormatter("flead-score").format(record);
    } finally {
      MDC.remove(LambdaShell.REQUEST_ID);
    }

    assertThat(line).endsWith(System.lineSeparator()).doesNotContain("\n" + "{");
    JsonNode json = JSON.readTree(line);
    assertThat(json.path("timestamp").asText()).isEqualTo("2025-11-22T08:26:40Z");
    assertThat(json.path("level").asText()).isEqualTo("WARN");
    assertThat(json.path("logger").asText()).isEqualTo("io.flead.runtime.lambda.BatchReport");
    assertThat(json.path("message").asText()).isEqualTo("Skipping poison record edge-iiot-stream-1@7");
    assertThat(json.path("requestId").asText()).isEqualTo("req-5");
    assertThat(json.path("function").asText()).isEqualTo("flead-score");
    assertThat(json.has("error")).isFalse();
  }

  private static Context context(String requestId) {
    return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
        (proxy, method, args) -> method.getName().equals("getAwsRequestId") ? requestId : null);
  }
}
