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
import io.flead.runtime.FunctionConfig;
import io.flead.runtime.lambda.Batch;
import io.flead.runtime.lambda.CompactedTopicReader;
import io.flead.runtime.lambda.DecodedRecord;
import io.flead.runtime.lambda.LambdaSettings;
import io.flead.runtime.lambda.LambdaShell;
import io.flead.runtime.lambda.ModelSource;
import io.flead.runtime.lambda.Outputs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fedavg as a Lambda handler behind a Kafka event source mapping on {@code local-model-updates}, run as a single writer:
 * each invocation's batch is folded with the same {@link Aggregator} as the Streams app into the open round as last
 * committed on the handler's compacted state topic ({@link OpenRound}), checked on arrival against the newest global
 * model (read {@code read_committed} from the compacted model topic), and when the round has enough participants it
 * closes into the next version. The model and the round that follows are published in one transaction of a producer
 * with a fixed {@code transactional.id}: a new container fences every older one, so no version is published twice,
 * and the open round survives the container. Update ids seen are kept with the round, so a redelivered batch is
 * rejected as duplicates and closes no round; each update contributes its change from its own base version when this
 * container knows it.
 */
public final class FedAvgHandler implements RequestHandler<KafkaEvent, Map<String, Object>> {

  private static final Logger LOG = LoggerFactory.getLogger(FedAvgHandler.class);

  private final FedAvgConfig.Settings settings;
  private final Aggregator aggregator;
  private final LambdaShell shell;
  private final RoundStore rounds;
  private GlobalModel lastPublished;
  /** The versions this container published or read, so an update's change is measured from its own base. */
  private final ModelHistory history = ModelHistory.inMemory();

  /** Builds the transactional producer and the readers once per container from {@code FLEAD_*} variables. */
  public FedAvgHandler() {
    this(Map.of());
  }

  /** As the Lambda runtime builds it, with {@code overrides} (keys such as {@code bootstrap.servers}) winning. */
  public FedAvgHandler(Map<String, String> overrides) {
    this(LambdaShell.singleWriter(FedAvgConfig.definition(), overrides, c -> FedAvgConfig.settings(c).featureNames()));
  }

  private FedAvgHandler(LambdaShell shell) {
    this(FedAvgConfig.settings(shell.config()), shell, roundsOnTopic(shell));
  }

  /** As {@link #FedAvgHandler(FedAvgConfig.Settings, ModelSource, Outputs, String, boolean, LongSupplier)}, dead-lettering to {@code <application.id>-dlq}. */
  FedAvgHandler(FedAvgConfig.Settings settings, ModelSource models, Outputs outputs, boolean reportItemFailures,
      LongSupplier clock) {
    this(settings, models, outputs, FedAvgConfig.APPLICATION_ID + "-dlq", reportItemFailures, clock);
  }

  /** Over given clients, the open round kept in this object's memory. */
  FedAvgHandler(FedAvgConfig.Settings settings, ModelSource models, Outputs outputs, String deadLetterTopic,
      boolean reportItemFailures, LongSupplier clock) {
    this(settings, LambdaShell.of(models, outputs, deadLetterTopic, reportItemFailures, clock), RoundStore.inMemory());
  }

  private FedAvgHandler(FedAvgConfig.Settings settings, LambdaShell shell, RoundStore rounds) {
    this.settings = settings;
    this.aggregator = new Aggregator(settings.core());
    this.shell = shell;
    this.rounds = rounds;
  }

  private static RoundStore roundsOnTopic(LambdaShell shell) {
    FunctionConfig config = shell.config();
    String topic = LambdaSettings.stateTopic(config);
    return RoundStore.onTopic(shell.client(() -> new CompactedTopicReader(config.clientProperties(), topic)), topic,
        config.getString(FunctionConfig.MODEL_NAME));
  }

  @Override
  public Map<String, Object> handleRequest(KafkaEvent event, Context context) {
    return shell.handle(event, context, this::aggregate);
  }

  /** The shell: its SnapStart restore hooks and its clients. */
  public LambdaShell shell() {
    return shell;
  }

  /**
   * Folds the batch into the round as last committed, closes it when it has enough participants, and commits the new
   * model (its version the committed one's plus one) together with the round that follows, in one transaction.
   */
  private Map<String, Object> aggregate(Batch batch) {
    RoundBuffer round = rounds.load(aggregator);
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
    GlobalModel next = null;
    if (round.participants() >= settings.core().minParticipants()) {
      GlobalModel previous = newer(lastPublished, batch.models().latest(batch.now()));
      RoundResult result = aggregator.close(round, previous, history, Math.max(batch.now(), previous.ts()));
      next = result.global();
      round = result.next();
      if (next != null) {
        batch.send(settings.globalModelTopic(), settings.modelName(), JsonCodec.encode(next));
      }
    }
    int stateRecords = rounds.save(batch.outputs(), round);
    batch.report().published(batch.outputs().flush() - stateRecords);
    rounds.committed();
    if (next != null) {
      published(next);
      extra.put("version", next.version());
    }
    return extra;
  }

  private void published(GlobalModel next) {
    lastPublished = next;
    LOG.info("Round {} closed: version {}, {} participants, {} rejected", next.round(), next.version(),
        next.participants(), next.rejected().size());
    if (next.dp() != null) {
      LOG.info("Version {} spent epsilon {} at delta {} over {} noisy rounds", next.version(), next.dp().epsilon(),
          next.dp().delta(), next.dp().rounds());
    }
  }

  private static GlobalModel newer(GlobalModel a, GlobalModel b) {
    return a == null || b.version() > a.version() ? b : a;
  }
}
