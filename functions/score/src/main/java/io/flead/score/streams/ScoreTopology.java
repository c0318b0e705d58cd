package io.flead.score.streams;

import io.flead.model.Anomaly;
import io.flead.model.EdgeIiotFeatures;
import io.flead.model.TelemetryEvent;
import io.flead.runtime.FleadSerdes;
import io.flead.runtime.LatestGlobalModel;
import io.flead.score.core.ScoreSettings;
import io.flead.score.core.Scorer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * score as a Streams topology: every telemetry row is scored with the latest global model (a
 * GlobalKTable of {@code global-model-updates}); rows found anomalous go to {@code anomalies}
 * carrying the model version. Stateless apart from the global table.
 */
public final class ScoreTopology {

  public static final String GLOBAL_MODEL_STORE = "score-global-model";

  /** What the topology needs to know. */
  public record Settings(String telemetryTopic, String globalModelTopic, String anomaliesTopic, String modelName,
                         ScoreSettings core) {
  }

  private ScoreTopology() {
  }

  public static void build(StreamsBuilder builder, Settings settings) {
    LatestGlobalModel.declare(builder, settings.globalModelTopic(), GLOBAL_MODEL_STORE);
    builder.stream(settings.telemetryTopic(), Consumed.with(Serdes.String(), FleadSerdes.telemetry()))
        .process(() -> new ScoreProcessor(settings))
        .to(settings.anomaliesTopic(), Produced.with(Serdes.String(), FleadSerdes.anomaly()));
  }

  /** Scores one row with the current model and forwards it when anomalous. */
  static final class ScoreProcessor implements Processor<String, TelemetryEvent, String, Anomaly> {
    private final Settings settings;
    private final Scorer scorer;
    private ProcessorContext<String, Anomaly> context;
    private LatestGlobalModel models;

    ScoreProcessor(Settings settings) {
      this.settings = settings;
      this.scorer = new Scorer(settings.core());
    }

    @Override
    public void init(ProcessorContext<String, Anomaly> context) {
      this.context = context;
      this.models = LatestGlobalModel.in(context, GLOBAL_MODEL_STORE, settings.modelName(), EdgeIiotFeatures.MODEL);
    }

    @Override
    public void process(Record<String, TelemetryEvent> record) {
      TelemetryEvent event = record.value();
      if (event != null) {
        scorer.score(event, models.current(record.timestamp()))
            .ifPresent(anomaly -> context.forward(record.withKey(event.deviceId()).withValue(anomaly)));
      }
    }
  }
}
