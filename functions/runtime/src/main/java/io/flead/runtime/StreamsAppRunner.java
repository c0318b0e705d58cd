package io.flead.runtime;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one function's topology as a Kafka Streams app: topics, Streams, health endpoint, failure
 * policy and shutdown. {@link #start} returns a running app that {@link #close} stops without
 * exiting the JVM (tests, {@code flead up}); {@link #runUntilShutdown} is what a {@code main} calls.
 *
 * <p>Metrics: Kafka Streams registers its own metrics with the platform MBean server (JMX domain
 * {@code kafka.streams}, e.g. {@code kafka.streams:type=stream-thread-metrics,thread-id=*}
 * process-rate/commit-latency-avg, plus {@code kafka.producer}/{@code kafka.consumer}); read them
 * with {@code jconsole <pid>}, or remotely after starting the JVM with
 * {@code -Dcom.sun.management.jmxremote.port=9999 -Dcom.sun.management.jmxremote.authenticate=false
 * -Dcom.sun.management.jmxremote.ssl=false}.
 */
public final class StreamsAppRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamsAppRunner.class);

  private final FunctionConfig config;
  private final KafkaStreams streams;
  private final HealthServer health;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ThreadFailures failures;

  private StreamsAppRunner(FunctionConfig config, Topology topology) {
    this.config = config;
    Properties props = config.streamsProperties();
    this.streams = new KafkaStreams(topology, props);
    StreamThreadExceptionResponse policy =
        StreamThreadExceptionResponse.valueOf(config.getString(FunctionConfig.UNCAUGHT_EXCEPTION_POLICY));
    this.failures = new ThreadFailures(config.getInt(FunctionConfig.HEALTH_FAILURES_MAX),
        config.getLong(FunctionConfig.HEALTH_FAILURES_WINDOW_MS), System::currentTimeMillis);
    streams.setUncaughtExceptionHandler(e -> {
      failures.record(e);
      LOG.error("Stream thread of {} failed; policy {}", config.applicationId(), policy, e);
      return policy;
    });
    streams.setStateListener((now, before) -> onStateChange(now, before));
    int port = config.healthPort();
    this.health = port < 0 ? null : HealthServer.start(config.healthBindAddress(), port, streams::state,
        failures::problem);
  }

  /**
   * Creates the topics when configured to, builds the topology and starts Streams.
   *
   * @param topology adds the function's processing to the builder
   */
  public static StreamsAppRunner start(FunctionConfig config, Consumer<StreamsBuilder> topology) {
    if (config.getBoolean(FunctionConfig.TOPICS_CREATE)) {
      try (Admin admin = Admin.create(config.clientProperties())) {
        TopicSpecs.prepare(admin, config);
      }
    }
    StreamsBuilder builder = new StreamsBuilder();
    topology.accept(builder);
    Topology built = builder.build(config.streamsProperties());
    LOG.info("Starting {} with state dir {}: {}", config.applicationId(), config.stateDir(), built.describe());
    StreamsAppRunner runner = new StreamsAppRunner(config, built);
    runner.streams.start();
    return runner;
  }

  /**
   * Starts the app, stops it gracefully on SIGTERM, and returns when Streams has stopped.
   *
   * @return true when it stopped cleanly, false when it stopped in ERROR
   */
  public static boolean runUntilShutdown(FunctionConfig config, Consumer<StreamsBuilder> topology)
      throws InterruptedException {
    StreamsAppRunner runner = start(config, topology);
    Runtime.getRuntime().addShutdownHook(new Thread(runner::close, config.applicationId() + "-shutdown"));
    runner.stopped.await();
    boolean clean = runner.state() != KafkaStreams.State.ERROR;
    runner.close();
    return clean;
  }

  private void onStateChange(KafkaStreams.State now, KafkaStreams.State before) {
    LOG.info("{} state {} -> {}", config.applicationId(), before, now);
    if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
      stopped.countDown();
    }
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** The running Streams client, for interactive queries and metrics. */
  public KafkaStreams streams() {
    return streams;
  }

  /** The bound health port, or -1 when the endpoint is disabled. */
  public int healthPort() {
    return health == null ? -1 : health.port();
  }

  /** Closes Streams (committing and leaving the group) within the shutdown timeout, then the health endpoint. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Duration timeout = Duration.ofMillis(config.shutdownTimeoutMs());
    if (!streams.close(timeout)) {
      LOG.warn("{} did not close within {} ('{}')", config.applicationId(), timeout, FunctionConfig.SHUTDOWN_TIMEOUT_MS);
    }
    if (health != null) {
      health.close();
    }
    stopped.countDown();
  }
}
