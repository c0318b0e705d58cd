package io.flead.runtime.parity;

import io.flead.runtime.FunctionConfig;
import io.flead.runtime.StreamsAppRunner;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsBuilder;

/** Test support: starts a function's real Streams topology as its Streams app would, on a test broker and its own state dir. */
public final class StreamsShell {

  private StreamsShell() {
  }

  /**
   * Starts the app with the function's config definition, {@code settings} (the same ones its Lambda handler
   * got), no health endpoint, and short group timeouts so that closing it in a test does not wait.
   */
  public static StreamsAppRunner start(ConfigDef definition, Map<String, String> settings, Path stateDir,
      Function<FunctionConfig, Consumer<StreamsBuilder>> topology) {
    Map<String, String> overrides = new HashMap<>(settings);
    overrides.put(FunctionConfig.STATE_DIR, stateDir.toString());
    overrides.put(FunctionConfig.HEALTH_PORT, "-1");
    overrides.put("streams.session.timeout.ms", "6000");
    overrides.put("streams.heartbeat.interval.ms", "1000");
    FunctionConfig config = FunctionConfig.load(definition, Map.of(), overrides);
    return StreamsAppRunner.start(config, topology.apply(config));
  }
}
