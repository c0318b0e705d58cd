package io.flead.bench.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.flead.bench.BenchFlags;
import io.flead.bench.Metrics;
import io.flead.driftcheck.lambda.DriftCheckHandler;
import io.flead.embedded.EmbeddedKafka;
import io.flead.fedavg.lambda.FedAvgHandler;
import io.flead.localtrain.lambda.LocalTrainHandler;
import io.flead.model.JsonCodec;
import io.flead.runtime.lambda.LambdaShell;
import io.flead.score.lambda.ScoreHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Command;

/**
 * {@code flead bench lambda}: for each function, the init time without restore hooks (the handler's constructor,
 * clients built, as at a cold start) and with them (a SnapStart restore: {@code beforeCheckpoint} closed the clients,
 * {@code afterRestore} rebuilds them), the time per record of {@code handleRequest} on warm batches against an
 * in-JVM broker, and the sizes of the Lambda artifact and of the Streams jar.
 */
public final class LambdaBench {

  private static final int BATCH = 500;
  private static final int WARM_BATCHES = 3;
  private static final int TIMED_BATCHES = 5;

  private LambdaBench() {
  }

  /** {@code flead bench lambda} takes no options. */
  @Command(name = "lambda", mixinStandardHelpOptions = true,
      description = "Each Lambda handler's init time, time per record and jar size (no options).")
  public static final class Flags {
  }

  public static void main(String[] args) throws Exception {
    BenchFlags.parse(new Flags(), args);
    Path dir = Files.createTempDirectory("flead-bench-lambda-");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir)) {
      LambdaBenchData data = new LambdaBenchData(kafka);
      Map<String, String> base = Map.of("bootstrap.servers", kafka.bootstrapServers());
      run("local-train", () -> new LocalTrainHandler(base), LocalTrainHandler::shell, data::telemetry);
      run("score", () -> new ScoreHandler(base), ScoreHandler::shell, data::telemetry);
      run("drift-check", () -> new DriftCheckHandler(base), DriftCheckHandler::shell, data::telemetry);
      Map<String, String> rounds = Map.of("bootstrap.servers", kafka.bootstrapServers(),
          "round.size", Integer.toString(BATCH), "round.min.participants", "1");
      run("fedavg", () -> new FedAvgHandler(rounds), FedAvgHandler::shell, data::updates);
    }
  }

  private static <H extends RequestHandler<KafkaEvent, Map<String, Object>>> void run(String function,
      java.util.function.Supplier<H> init, Function<H, LambdaShell> shell, Function<Integer, KafkaEvent> batches) {
    long t0 = System.nanoTime();
    H handler = init.get();
    Metrics.print("lambda.init_ms." + function + ".without_hooks", (System.nanoTime() - t0) / 1e6, "ms");
    shell.apply(handler).beforeCheckpoint(null);
    long t1 = System.nanoTime();
    shell.apply(handler).afterRestore(null);
    Metrics.print("lambda.init_ms." + function + ".with_hooks", (System.nanoTime() - t1) / 1e6, "ms");
    int batch = 0;
    for (int i = 0; i < WARM_BATCHES; i++) {
      handler.handleRequest(batches.apply(batch++), null);
    }
    long elapsed = 0;
    for (int i = 0; i < TIMED_BATCHES; i++) {
      KafkaEvent event = batches.apply(batch++);
      long start = System.nanoTime();
      handler.handleRequest(event, null);
      elapsed += System.nanoTime() - start;
    }
    Metrics.print("lambda.per_record_us." + function, elapsed / 1e3 / (TIMED_BATCHES * (double) BATCH), "us");
    Path artifact = Path.of("functions", function, "target", function + "-lambda.jar");
    Metrics.print("lambda.artifact_mb." + function, size(artifact) / 1e6, "MB");
    Path jar = Path.of("functions", function, "target", function + ".jar");
    Metrics.print("lambda.jar_mb." + function, size(jar) / (1024.0 * 1024.0), "MB");
    shell.apply(handler).close();
  }

  /** The file's size in bytes, or a negative number when it has not been built ({@code mvn package} in the function module). */
  private static double size(Path jar) {
    try {
      return Files.size(jar);
    } catch (java.io.IOException e) {
      System.err.println("flead bench lambda: no jar at '" + jar.toAbsolutePath() + "': " + e.getMessage());
      return -1;
    }
  }

  static int batchSize() {
    return BATCH;
  }

  static byte[] json(Object message) {
    return JsonCodec.encode(message);
  }
}
