package io.flead.fedavg.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.flead.fedavg.core.Aggregator;
import io.flead.fedavg.core.ModelHistory;
import io.flead.fedavg.core.RoundBuffer;
import io.flead.fedavg.core.RoundResult;
import io.flead.fedavg.config.FedAvgConfig;
import io.flead.fedavg.streams.FedAvgTopology;
import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import io.flead.model.LocalModelUpdate;
import io.flead.runtime.FunctionConfig;
import io.flead.runtime.lambda.BatchReport;
import io.flead.runtime.lambda.CompactedModelTopic;
import io.flead.runtime.lambda.DecodedRecord;
import io.flead.runtime.lambda.LambdaSettings;
import io.flead.runtime.lambda.ModelSource;
import io.flead.runtime.lambda.Outputs;
import io.flead.runtime.lambda.PublishFailedException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fedavg as a Lambda handler behind a Kafka event source mapping on {@code local-model-updates}: each
 * invocation's batch is one round (BatchSize = K, batching window = deadline), folded with the same
 * {@link Aggregator} as the Streams app on top of the newest global model (the compacted topic or this
 * container's last publication), so versions keep increasing; updates are checked on arrival against that model,
 * and each contributes its change from its own base version when this container knows it. Update ids seen by this container are
 * remembered across invocations, so a redelivered batch is rejected as duplicates and closes no round.
 * A batch with fewer than {@code min.participants} devices stays open until the next invocation.
 */
public final class FedAvgHandler implements RequestHandler<KafkaEvent, Map<String, Object>> {

  private static final Logger LOG = LoggerFactory.getLogger(FedAvgHandler.class);

  private final FedAvgConfig.Settings settings;
  private final Aggregator aggregator;
  private final ModelSource models;
  private final Outputs outputs;
  private final String deadLetterTopic;
  private final boolean reportItemFailures;
  private final LongSupplier clock;
  private RoundBuffer round;
  private GlobalModel lastPublished;
  /** The versions this container published or read, so an update's change is measured from its own base. */
  private final ModelHistory history = ModelHistory.inMemory();

  /** Builds the producer and the model reader once per container from {@code FLEAD_*} variables. */
  public FedAvgHandler() {
    this(Map.of());
  }

  /** As the Lambda runtime builds it, with {@code overrides} (keys such as {@code bootstrap.servers}) winning. */
  public FedAvgHandler(Map<String, String> overrides) {
    this(FunctionConfig.load(LambdaSettings.define(FedAvgConfig.definition()), System.getenv(), overrides));
  }

  private FedAvgHandler(FunctionConfig config) {
    this(FedAvgConfig.settings(config), kafkaModels(config), Outputs.kafka(config.clientProperties()),
        config.deadLetterTopic(), LambdaSettings.reportItemFailures(config), System::currentTimeMillis);
  }

  /** As {@link #FedAvgHandler(FedAvgConfig.Settings, ModelSource, Outputs, String, boolean, LongSupplier)}, dead-lettering to {@code <application.id>-dlq}. */
  FedAvgHandler(FedAvgConfig.Settings settings, ModelSource models, Outputs outputs, boolean reportItemFailures,
      LongSupplier clock) {
    this(settings, models, outputs, FedAvgConfig.APPLICATION_ID + "-dlq", reportItemFailures, clock);
  }

  FedAvgHandler(FedAvgConfig.Settings settings, ModelSource models, Outputs outputs, String deadLetterTopic,
      boolean reportItemFailures, LongSupplier clock) {
    this.deadLetterTopic = deadLetterTopic;
    this.settings = settings;
    this.aggregator = new Aggregator(settings.core());
    this.models = models;
    this.outputs = outputs;
    this.reportItemFailures = reportItemFailures;
    this.clock = clock;
    this.round = aggregator.empty();
  }

  /** fedavg must see its own previous model: the topic is re-read for every round (no TTL). */
  private static ModelSource kafkaModels(FunctionConfig config) {
    FedAvgConfig.Settings s = FedAvgConfig.settings(config);
    return new CompactedModelTopic(config.clientProperties(), s.globalModelTopic(), s.modelName(), s.featureNames(), 0);
  }

  @Override
  public Map<String, Object> handleRequest(KafkaEvent event, Context context) {
    BatchReport report = new BatchReport();
    long now = clock.getAsLong();
    GlobalModel current = null;
    for (DecodedRecord r : report.decode(event)) {
      LocalModelUpdate update = report.parse(r, LocalModelUpdate.class);
      if (update != null) {
        current = current != null ? current : newer(lastPublished, models.latest(now));
        aggregator.arrive(round, update, current, now, round);
      }
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("participants", round.participants());
    report.deadLetter(outputs, deadLetterTopic);
    try {
      if (round.participants() >= settings.core().minParticipants()) {
        GlobalModel closed = closeRound(now, report);
        if (closed != null) {
          extra.put("version", closed.version());
        }
      }
      report.published(outputs.flush());
    } catch (PublishFailedException e) {
      return report.failed(reportItemFailures, e);
    }
    return report.toResponse(reportItemFailures, extra);
  }

  /** Closes the round and publishes its model; on failure the round restarts so the retried batch is not a duplicate. */
  private GlobalModel closeRound(long wallClock, BatchReport report) {
    GlobalModel previous = newer(lastPublished, models.latest(wallClock));
    RoundResult result = aggregator.close(round, previous, history, Math.max(wallClock, previous.ts()));
    GlobalModel next = result.global();
    if (next == null) {
      round = result.next();
      return null;
    }
    try {
      outputs.send(settings.globalModelTopic(), settings.modelName(), JsonCodec.encode(next));
      report.published(outputs.flush());
    } catch (RuntimeException e) {
      round = aggregator.empty();
      throw e;
    }
    round = result.next();
    lastPublished = next;
    LOG.info("Round {} closed: version {}, {} participants, {} rejected", next.round(), next.version(),
        next.participants(), next.rejected().size());
    if (next.dp() != null) {
      LOG.info("Version {} spent epsilon {} at delta {} over {} noisy rounds", next.version(), next.dp().epsilon(),
          next.dp().delta(), next.dp().rounds());
    }
    return next;
  }

  private static GlobalModel newer(GlobalModel a, GlobalModel b) {
    return a == null || b.version() > a.version() ? b : a;
  }
}
