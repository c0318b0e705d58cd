package io.flead.runtime.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.flead.runtime.FunctionConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.config.ConfigDef;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The Lambda shell every function shares: decode the Kafka event, hand the batch to the function's core, dead-letter
 * its poison, publish, and report (the summary, one embedded-metric-format line, the request id in the logs). It owns
 * the container's Kafka clients (the output producer and the reader of the compacted model topic), and as a CRaC
 * resource closes them before a SnapStart snapshot and rebuilds them after each restore, so that restored execution
 * environments never share a connection or a producer identity.
 */
public final class LambdaShell implements Resource {

  /** The MDC key of the Lambda request id, as the structured log layout names it. */
  public static final String REQUEST_ID = "AWSRequestId";
  private static final Logger LOG = LoggerFactory.getLogger(LambdaShell.class);

  private final String function;
  private final FunctionConfig config;
  private final RestorableClient<Outputs> outputs;
  private final RestorableClient<ModelSource> models;
  private final String deadLetterTopic;
  private final boolean reportItemFailures;
  private final LongSupplier clock;
  private final Consumer<String> metricsOut;
  private final List<RestorableClient<?>> extraClients = new ArrayList<>();

  private LambdaShell(String function, FunctionConfig config, RestorableClient<Outputs> outputs,
      RestorableClient<ModelSource> models, String deadLetterTopic, boolean reportItemFailures, LongSupplier clock,
      Consumer<String> metricsOut) {
    this.function = function;
    this.config = config;
    this.outputs = outputs;
    this.models = models;
    this.deadLetterTopic = deadLetterTopic;
    this.reportItemFailures = reportItemFailures;
    this.clock = clock;
    this.metricsOut = metricsOut;
  }

  /**
   * The shell of a deployed handler: the function's keys plus the Lambda shell's, from {@code FLEAD_*} variables with
   * {@code overrides} winning; clients built now (a cold start pays for them in its init phase) and restore hooks
   * registered.
   *
   * @param initialFeatures the feature space of the version-0 model, before any global model exists
   * @param cacheModel whether a warm container reuses the model it read for {@code lambda.model.ttl.ms} (fedavg must
   *        not: it re-reads the topic for every round)
   */
  public static LambdaShell deployed(ConfigDef definition, Map<String, String> overrides,
      Function<FunctionConfig, List<String>> initialFeatures, boolean cacheModel) {
    return deployed(definition, overrides, initialFeatures, cacheModel, false);
  }

  /**
   * The shell of a single writer (fedavg): as {@link #deployed(ConfigDef, Map, Function, boolean)} with the model
   * re-read for every batch, and outputs published in one transaction per batch by a producer with a fixed
   * {@code transactional.id} ({@link TransactionalOutputs}), so that a new container fences every older one.
   */
  public static LambdaShell singleWriter(ConfigDef definition, Map<String, String> overrides,
      Function<FunctionConfig, List<String>> initialFeatures) {
    return deployed(definition, overrides, initialFeatures, false, true);
  }

  private static LambdaShell deployed(ConfigDef definition, Map<String, String> overrides,
      Function<FunctionConfig, List<String>> initialFeatures, boolean cacheModel, boolean transactional) {
    FunctionConfig config = FunctionConfig.load(LambdaSettings.define(definition), System.getenv(), overrides);
    LambdaLogging.install(config.applicationId());
    List<String> features = initialFeatures.apply(config);
    long ttl = cacheModel ? LambdaSettings.modelTtlMs(config) : 0;
    Map<String, Object> clients = config.clientProperties();
    LambdaShell shell = new LambdaShell(config.applicationId(), config,
        RestorableClient.built(() -> transactional
            ? new TransactionalOutputs(clients, LambdaSettings.transactionalId(config))
            : Outputs.kafka(clients)),
        RestorableClient.built(() -> new CompactedModelTopic(clients,
            config.topic(FunctionConfig.TOPIC_GLOBAL_MODELS), config.getString(FunctionConfig.MODEL_NAME), features, ttl)),
        config.deadLetterTopic(), LambdaSettings.reportItemFailures(config), System::currentTimeMillis,
        metricsOut());
    shell.outputs.get();
    shell.models.get();
    Core.getGlobalContext().register(shell);
    return shell;
  }

  /**
   * A further Kafka client of the handler (fedavg's reader of its state topic), built now and, like the shell's own,
   * closed before a snapshot and rebuilt after a restore.
   */
  public <T extends AutoCloseable> Supplier<T> client(Supplier<T> factory) {
    RestorableClient<T> client = RestorableClient.built(factory);
    client.get();
    extraClients.add(client);
    return client::get;
  }

  /** Inside Lambda the metrics line goes to standard output, where CloudWatch reads it; elsewhere to the DEBUG log. */
  private static Consumer<String> metricsOut() {
    return System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null ? System.out::println : line -> LOG.debug("{}", line);
  }

  /** This shell writing its embedded-metric-format lines to {@code metricsOut} instead. */
  public LambdaShell withMetrics(String function, Consumer<String> metricsOut) {
    return new LambdaShell(function, config, outputs, models, deadLetterTopic, reportItemFailures, clock, metricsOut);
  }

  /** A shell over given clients (tests and embedding): no restore hooks, no metrics line. */
  public static LambdaShell of(ModelSource models, Outputs outputs, String deadLetterTopic, boolean reportItemFailures,
      LongSupplier clock) {
    return new LambdaShell("flead", null, RestorableClient.given(outputs), RestorableClient.given(models),
        deadLetterTopic, reportItemFailures, clock, line -> { });
  }

  /** The loaded configuration of a deployed shell (null for {@link #of}). */
  public FunctionConfig config() {
    return config;
  }

  /** One invocation: the batch through {@code core}, then dead letters and outputs published, then the summary. */
  public Map<String, Object> handle(KafkaEvent event, Context context, BatchCore core) {
    long started = System.nanoTime();
    String requestId = context == null ? null : context.getAwsRequestId();
    if (requestId != null) {
      MDC.put(REQUEST_ID, requestId);
    }
    try {
      Map<String, Object> response = run(event, core);
      double durationMs = (System.nanoTime() - started) / 1e6;
      metricsOut.accept(InvocationMetrics.of(function, requestId, response, durationMs, clock.getAsLong()).toEmf());
      LOG.debug("Batch of {} records: {} published, {} dead-lettered", response.get("records"),
          response.get("published"), response.get("deadLettered"));
      return response;
    } finally {
      MDC.remove(REQUEST_ID);
    }
  }

  private Map<String, Object> run(KafkaEvent event, BatchCore core) {
    BatchReport report = new BatchReport();
    Outputs out = outputs.get();
    Batch batch = new Batch(report.decode(event), report, out, models.get(), clock.getAsLong());
    Map<String, Object> extra;
    try {
      extra = new LinkedHashMap<>(core.process(batch));
      report.deadLetter(out, deadLetterTopic);
      report.published(out.flush());
    } catch (PublishFailedException e) {
      return report.failed(reportItemFailures, e);
    }
    return report.toResponse(reportItemFailures, extra);
  }

  /** Closes the Kafka clients: a snapshot must not carry their connections or the producer's identity. */
  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    LOG.info("Closing the Kafka clients before the snapshot");
    outputs.close();
    models.close();
    extraClients.forEach(RestorableClient::close);
  }

  /** Builds fresh Kafka clients: each restored environment gets its own producer identity and connections. */
  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    outputs.get();
    models.get();
    extraClients.forEach(RestorableClient::get);
    LOG.info("Kafka clients rebuilt after the restore");
  }

  /** How many output producers this shell built (one at a cold start, one more after each restore). */
  public int producersBuilt() {
    return outputs.builds();
  }

  /** Closes the clients (end of a test or of an embedding). */
  public void close() {
    outputs.close();
    models.close();
    extraClients.forEach(RestorableClient::close);
  }
}
