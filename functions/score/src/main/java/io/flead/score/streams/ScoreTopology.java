package io.flead.score.streams;

import io.flead.score.config.ScoreConfig;
import io.flead.score.config.ScoreConfig.Settings;
import io.flead.model.Anomaly;
import io.flead.model.EdgeIiotFeatures;
import io.flead.model.GlobalModel;
import io.flead.runtime.FeatureOrder;
import io.flead.runtime.FleadSerdes;
import io.flead.runtime.LatestGlobalModel;
import io.flead.runtime.TelemetryRow;
import io.flead.runtime.TelemetryRowReader;
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

  private ScoreTopology() {
  }

  public static void build(StreamsBuilder builder, Settings settings) {
    LatestGlobalModel.declare(builder, settings.globalModelTopic(), GLOBAL_MODEL_STORE);
    TelemetryRowReader rows = TelemetryRowReader.derived(EdgeIiotFeatures.MODEL);
    builder.stream(settings.telemetryTopic(), Consumed.with(Serdes.String(), TelemetryRowReader.serde(rows)))
        .process(() -> new ScoreProcessor(settings, rows))
        .to(settings.anomaliesTopic(), Produced.with(Serdes.String(), FleadSerdes.anomaly()));
  }

  /** Scores one row with the current model and forwards it when anomalous. */
  static final class ScoreProcessor implements Processor<String, TelemetryRow, String, Anomaly> {
    private final Settings settings;
    private final Scorer scorer;
    private final FeatureOrder order;
    private ProcessorContext<String, Anomaly> context;
    private LatestGlobalModel models;

    ScoreProcessor(Settings settings, TelemetryRowReader rows) {
      this.settings = settings;
      this.order = new FeatureOrder(rows);
      this.scorer = new Scorer(settings.core());
    }

    @Override
    public void init(ProcessorContext<String, Anomaly> context) {
      this.context = context;
      this.models = LatestGlobalModel.in(context, GLOBAL_MODEL_STORE, settings.modelName(), EdgeIiotFeatures.MODEL);
    }

    @Override
    public void process(Record<String, TelemetryRow> record) {
      TelemetryRow row = record.value();
      if (row != null) {
        GlobalModel model = models.current(record.timestamp());
        double[] features = order.of(row, settings.telemetryTopic(), model.featureNames());
        scorer.score(row.deviceId(), row.ts(), row.seq(), row.labelOrNull(), features, model)
            .ifPresent(anomaly -> context.forward(record.withKey(row.deviceId()).withValue(anomaly)));
      }
    }
  }
}
