package io.flead.fedavg.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.flead.fedavg.config.FedAvgConfig;
import io.flead.fedavg.core.Aggregator;
import io.flead.fedavg.core.ModelHistory;
import io.flead.fedavg.core.RoundBuffer;
import io.flead.fedavg.core.RoundResult;
import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import io.flead.model.LocalModelUpdate;
import io.flead.runtime.lambda.Batch;
import io.flead.runtime.lambda.DecodedRecord;
import io.flead.runtime.lambda.LambdaShell;
import io.flead.runtime.lambda.ModelSource;
import io.flead.runtime.lambda.Outputs;
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
  private final LambdaShell shell;
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
    this(LambdaShell.deployed(FedAvgConfig.definition(), overrides, c -> FedAvgConfig.settings(c).featureNames(), false));
  }

  private FedAvgHandler(LambdaShell shell) {
    this(FedAvgConfig.settings(shell.config()), shell);
  }

  /** As {@link #FedAvgHandler(FedAvgConfig.Settings, ModelSource, Outputs, String, boolean, LongSupplier)}, dead-lettering to {@code <application.id>-dlq}. */
  FedAvgHandler(FedAvgConfig.Settings settings, ModelSource models, Outputs outputs, boolean reportItemFailures,
      LongSupplier clock) {
    this(settings, models, outputs, FedAvgConfig.APPLICATION_ID + "-dlq", reportItemFailures, clock);
  }

  FedAvgHandler(FedAvgConfig.Settings settings, ModelSource models, Outputs outputs, String deadLetterTopic,
      boolean reportItemFailures, LongSupplier clock) {
    this(settings, LambdaShell.of(models, outputs, deadLetterTopic, reportItemFailures, clock));
  }

  private FedAvgHandler(FedAvgConfig.Settings settings, LambdaShell shell) {
    this.settings = settings;
    this.aggregator = new Aggregator(settings.core());
    this.shell = shell;
    this.round = aggregator.empty();
  }

  @Override
  public Map<String, Object> handleRequest(KafkaEvent event, Context context) {
    return shell.handle(event, context, this::aggregate);
  }

  private Map<String, Object> aggregate(Batch batch) {
    GlobalModel current = null;
    for (DecodedRecord r : batch.records()) {
      LocalModelUpdate update = batch.parse(r, LocalModelUpdate.class);
      if (update != null) {
        current = current != null ? current : newer(lastPublished, batch.models().latest(batch.now()));
        aggregator.arrive(round, update, current, batch.now(), round);
      }
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("participants", round.participants());
    if (round.participants() >= settings.core().minParticipants()) {
      GlobalModel closed = closeRound(batch);
      if (closed != null) {
        extra.put("version", closed.version());
      }
    }
    return extra;
  }

  /** Closes the round and publishes its model; on failure the round restarts so the retried batch is not a duplicate. */
  private GlobalModel closeRound(Batch batch) {
    GlobalModel previous = newer(lastPublished, batch.models().latest(batch.now()));
    RoundResult result = aggregator.close(round, previous, history, Math.max(batch.now(), previous.ts()));
    GlobalModel next = result.global();
    if (next == null) {
      round = result.next();
      return null;
    }
    try {
      batch.send(settings.globalModelTopic(), settings.modelName(), JsonCodec.encode(next));
      batch.report().published(batch.outputs().flush());
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
