package io.flead.platform.up;

import io.flead.driftcheck.core.DriftSettings;
import io.flead.driftcheck.config.DriftCheckConfig;
import io.flead.driftcheck.streams.DriftCheckTopology;
import io.flead.fedavg.core.FedAvgSettings;
import io.flead.fedavg.config.FedAvgConfig;
import io.flead.fedavg.streams.FedAvgTopology;
import io.flead.localtrain.core.LocalTrainSettings;
import io.flead.localtrain.config.LocalTrainConfig;
import io.flead.localtrain.streams.LocalTrainTopology;
import io.flead.runtime.FunctionConfig;
import io.flead.runtime.StreamsAppRunner;
import io.flead.score.config.ScoreConfig;
import io.flead.score.streams.ScoreTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;

/** The four functions as Kafka Streams apps in this JVM, each with its own application id and state dir. */
public final class FunctionApps implements AutoCloseable {
    private final Map<String, StreamsAppRunner> runners = new LinkedHashMap<>();
    private DriftSettings drift = DriftSettings.DEFAULTS;

    /** One function: its config definition, how its config becomes a topology, and what {@code flead up} sets. */
    record Spec(String name, ConfigDef definition, Function<FunctionConfig, Consumer<StreamsBuilder>> topology,
                Map<String, String> overrides) {
    }

    static final String DRIFT_CHECK = "drift-check";

    private FunctionApps() {
    }

    /** The drift settings the drift-check app runs with (defaults and {@code --set drift-check:…} overrides). */
    public DriftSettings driftSettings() {
        return drift;
    }

    /**
     * The stateful functions write a per-device fold to a changelogged store on every row; a 1 s commit interval
     * with a large record cache writes each device's state about once a second instead of once per row (their
     * outputs are not latency-critical: an update or an alert one second later changes nothing).
     */
    private static final Map<String, String> BATCHED_STATE = Map.of(
        "commit.interval.ms", "1000", "streams.statestore.cache.max.bytes", Long.toString(64L << 20));

    static List<Spec> specs(UpOptions options) {
        return List.of(
            new Spec("local-train", LocalTrainConfig.definition(),
                c -> b -> LocalTrainTopology.build(b, LocalTrainConfig.settings(c)),
                localTraining(options)),
            new Spec("fedavg", FedAvgConfig.definition(), c -> b -> FedAvgTopology.build(b, FedAvgConfig.settings(c)),
                Map.of(FedAvgSettings.ROUND_SIZE, Integer.toString(options.roundSize()),
                    FedAvgSettings.MAX_STALENESS, Integer.toString(options.fleetStalenessBound()))),
            new Spec("score", ScoreConfig.definition(), c -> b -> ScoreTopology.build(b, ScoreConfig.settings(c)),
                Map.of()),
            new Spec(DRIFT_CHECK, DriftCheckConfig.definition(),
                c -> b -> DriftCheckTopology.build(b, DriftCheckConfig.settings(c)), BATCHED_STATE));
    }

    /**
     * A replayed device's window is seen once: each row trains only the update of the window it falls in. 10 epochs
     * at rate 0.5 (the offline harness's rate) let 50-row windows move the model as far as the harness's rounds do;
     * at the library defaults (3 epochs at 0.1) the models of the whole replay stay near their first versions.
     */
    private static Map<String, String> localTraining(UpOptions options) {
        Map<String, String> values = new LinkedHashMap<>(BATCHED_STATE);
        // an update leaves local-train only when its transaction commits, and the next window waits for fedavg's
        // acknowledgement of it (back-pressure): the commit interval is part of every round trip of the loop, so
        // local-train commits 4 times a second (its state still goes through the record cache)
        values.put("commit.interval.ms", "250");
        // the first update of a device carries only its window's statistics: it goes at min.rows rows, not N
        values.put(LocalTrainSettings.STATISTICS_ROWS,
            Integer.toString(Math.min(LocalTrainSettings.defaults().minRows(), options.triggerRows())));
        values.put(LocalTrainSettings.TRIGGER_ROWS, Integer.toString(options.triggerRows()));
        values.put(LocalTrainSettings.EPOCHS, "10");
        values.put(LocalTrainSettings.LEARNING_RATE, "0.5");
        return values;
    }

    /** Starts every function against {@code bootstrap}; state lives under {@code stateRoot/<function>}. */
    public static FunctionApps start(String bootstrap, UpOptions options, Path stateRoot) {
        FunctionApps apps = new FunctionApps();
        List<Spec> specs = specs(options);
        for (String name : options.functionConfig().keySet()) {
            if (specs.stream().noneMatch(s -> s.name().equals(name))) {
                throw new IllegalArgumentException("Invalid value '" + name + "' for --set: no such function "
                    + "(local-train, fedavg, score, drift-check)");
            }
        }
        try {
            Map<String, Map<String, String>> settings = settings(bootstrap, options, stateRoot);
            for (Spec spec : specs) {
                FunctionConfig config = FunctionConfig.load(spec.definition(), Map.of(), settings.get(spec.name()));
                if (spec.name().equals(DRIFT_CHECK)) {
                    apps.drift = DriftCheckConfig.settings(config).core();
                }
                apps.runners.put(spec.name(), StreamsAppRunner.start(config, spec.topology().apply(config)));
            }
            return apps;
        } catch (RuntimeException e) {
            apps.close();
            throw e;
        }
    }

    /**
     * Per function name, the configuration {@code flead up} runs it with (its {@code FunctionConfig} keys and
     * {@code streams.*} pass-through): what a function's own {@code main} needs in its properties file to run as
     * {@code flead up} runs it in this JVM.
     */
    public static Map<String, Map<String, String>> settings(String bootstrap, UpOptions options, Path stateRoot) {
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        for (Spec spec : specs(options)) {
            settings.put(spec.name(), overrides(spec, options, bootstrap, stateRoot));
        }
        return settings;
    }

    /**
     * Each function's consumers are static members of its group: a {@code flead up} started again after a SIGKILL
     * takes over the killed run's memberships at once, where dynamic members would wait for the dead ones' session
     * timeout (45 s) before the first rebalance could finish.
     */
    static final String STATIC_MEMBER = FunctionConfig.STREAMS_PREFIX
        + org.apache.kafka.streams.StreamsConfig.mainConsumerPrefix("group.instance.id");

    private static Map<String, String> overrides(Spec spec, UpOptions options, String bootstrap, Path stateRoot) {
        Map<String, String> values = new LinkedHashMap<>(spec.overrides());
        values.put(STATIC_MEMBER, "flead-up-" + spec.name());
        values.putAll(options.functionConfig().getOrDefault(spec.name(), Map.of()));
        values.put(FunctionConfig.BOOTSTRAP_SERVERS, bootstrap);
        values.put(FunctionConfig.STATE_DIR, stateRoot.resolve(spec.name()).toString());
        values.put(FunctionConfig.HEALTH_PORT, "0");
        values.put(FunctionConfig.TOPICS_CREATE, "false");
        return values;
    }

    /**
     * Waits until every function's Streams app is RUNNING, however long that takes: after a crash an app may first
     * restore its state from the changelogs and wait for the transactions the crashed run left open to be aborted.
     * Every {@code every} the states waited for are reported to {@code progress}.
     *
     * @throws IllegalStateException naming the functions that are not running, when one fails
     */
    public void awaitRunning(Consumer<String> progress, Duration every) {
        long start = System.nanoTime();
        long nextReport = start + every.toNanos();
        while (true) {
            Map<String, KafkaStreams.State> states = states();
            if (states.values().stream().allMatch(s -> s == KafkaStreams.State.RUNNING)) {
                return;
            }
            if (states.values().stream().anyMatch(s -> s == KafkaStreams.State.ERROR
                || s == KafkaStreams.State.PENDING_ERROR || s == KafkaStreams.State.NOT_RUNNING)) {
                throw new IllegalStateException("Function apps not running: " + states);
            }
            if (System.nanoTime() >= nextReport) {
                nextReport += every.toNanos();
                progress.accept(String.format("waiting %d s for the functions to run: %s (restoring state, or waiting "
                    + "for transactions a killed run left open to be aborted)", (System.nanoTime() - start) / 1_000_000_000L,
                    notRunning(states)));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the function apps: " + states, e);
            }
        }
    }

    private static String notRunning(Map<String, KafkaStreams.State> states) {
        StringBuilder out = new StringBuilder();
        states.forEach((name, state) -> {
            if (state != KafkaStreams.State.RUNNING) {
                out.append(out.length() == 0 ? "" : ", ").append(name).append(' ').append(state);
            }
        });
        return out.toString();
    }

    /** Each function's Streams state, by function name. */
    public Map<String, KafkaStreams.State> states() {
        Map<String, KafkaStreams.State> states = new LinkedHashMap<>();
        runners.forEach((name, r) -> states.put(name, r.state()));
        return states;
    }

    /** Stops the functions in reverse order of start. */
    @Override
    public void close() {
        Deque<StreamsAppRunner> reverse = new ArrayDeque<>();
        runners.values().forEach(reverse::push);
        reverse.forEach(StreamsAppRunner::close);
        runners.clear();
    }
}
