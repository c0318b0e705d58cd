package io.flead.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.driftcheck.core.DriftDetector;
import io.flead.driftcheck.core.DriftReference;
import io.flead.driftcheck.core.DriftSettings;
import io.flead.driftcheck.config.DriftCheckConfig;
import io.flead.driftcheck.streams.DriftCheckTopology;
import io.flead.model.DriftAlert;
import io.flead.model.Eval;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.TelemetryEvent;
import io.flead.platform.up.FunctionApps;
import io.flead.platform.up.UpOptions;
import io.flead.runtime.FleadSerdes;
import io.flead.runtime.FunctionConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's drift check against the drift-check function as {@code flead up} runs it, on the same rows. */
class DriftProbeTest {
    private static final List<String> FEATURES = List.of("tcp.len", "tcp.flags");
    private static final long T0 = 1_763_800_000_000L;
    private static final long ROW_MS = 100;

    @TempDir
    Path dir;

    /** What {@code flead up --set drift-check:drift.window.rows=300} runs drift-check with. */
    private FunctionConfig runningDriftCheck() {
        UpOptions options = UpOptions.parse(new String[] {"--work-dir", dir.toString(),
            "--set", "drift-check:drift.window.rows=300"}, Map.of());
        Map<String, String> settings = FunctionApps.settings("unused:9092", options, dir.resolve("streams"))
            .get("drift-check");
        return FunctionConfig.load(DriftCheckConfig.definition(), Map.of(), settings);
    }

    @Test
    void theProbeAndTheRunningFunctionJudgeADeviceAlike() {
        FunctionConfig config = runningDriftCheck();
        DriftSettings drift = DriftCheckConfig.settings(config).core();
        assertThat(drift.windowRows()).isEqualTo(300);
        // a device unlike the fleet (tcp.len near 5 where the fleet's is near 0) whose tcp.flags steps up by 1σ
        Random random = new Random(11);
        List<TelemetryEvent> rows = new ArrayList<>();
        for (int seq = 0; seq < 1_500; seq++) {
            double step = seq >= 1_100 ? 1.0 : 0.0;
            rows.add(new TelemetryEvent("dev-1", T0 + seq * ROW_MS, seq,
                Map.of("tcp.len", 5.0 + random.nextGaussian(), "tcp.flags", random.nextGaussian() + step), 0, "Normal"));
        }
        GlobalModel model = fleetModel();

        List<DriftAlert> function = runFunction(config, model, rows);
        List<DriftProbe.FeatureVerdict> probe = DriftProbe.check(new DriftDetector(drift),
            DriftReference.forMode(model, drift.referenceMode()), "dev-1",
            rows.stream().map(r -> new DriftProbe.Row(r.features(), false)).toList());

        Set<String> functionAlerts = function.stream()
            .filter(a -> a.severity().equals("alert") && !a.method().equals("page_hinkley"))
            .map(a -> a.feature() + "/" + a.method()).collect(Collectors.toSet());
        Set<String> probeAlerts = new java.util.HashSet<>();
        for (DriftProbe.FeatureVerdict v : probe) {
            if (v.meanShift().verdict().equals(DriftProbe.ALERT)) {
                probeAlerts.add(v.feature() + "/mean_shift");
            }
            if (v.psi().verdict().equals(DriftProbe.ALERT)) {
                probeAlerts.add(v.feature() + "/psi");
            }
        }
        assertThat(functionAlerts).contains("tcp.flags/mean_shift");
        assertThat(probeAlerts).isEqualTo(functionAlerts);
        DriftProbe.FeatureVerdict len = probe.get(FEATURES.indexOf("tcp.len"));
        assertThat(len.verdict()).isEqualTo(DriftProbe.OK);
        assertThat(len.n()).isEqualTo(300);
        DriftAlert last = function.stream().filter(a -> a.feature().equals("tcp.flags") && a.method().equals("mean_shift"))
            .reduce((a, b) -> b).orElseThrow();
        assertThat(last.windowN()).isEqualTo(probe.get(FEATURES.indexOf("tcp.flags")).n());
    }

    private List<DriftAlert> runFunction(FunctionConfig config, GlobalModel model, List<TelemetryEvent> rows) {
        StreamsBuilder builder = new StreamsBuilder();
        DriftCheckTopology.build(builder, DriftCheckConfig.settings(config));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "drift-probe-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props, Instant.ofEpochMilli(T0))) {
            TestInputTopic<String, GlobalModel> models = driver.createInputTopic(config.topic(FunctionConfig.TOPIC_GLOBAL_MODELS),
                new StringSerializer(), FleadSerdes.globalModel().serializer());
            TestInputTopic<String, TelemetryEvent> telemetry = driver.createInputTopic(
                config.topic(FunctionConfig.TOPIC_TELEMETRY), new StringSerializer(), FleadSerdes.telemetry().serializer());
            TestOutputTopic<String, DriftAlert> alerts = driver.createOutputTopic(config.topic(FunctionConfig.TOPIC_DRIFT_ALERTS),
                new StringDeserializer(), FleadSerdes.driftAlert().deserializer());
            models.pipeInput(config.getString(FunctionConfig.MODEL_NAME), model, T0);
            rows.forEach(r -> telemetry.pipeInput(r.deviceId(), r, r.ts()));
            return alerts.readValuesToList();
        }
    }

    /** The fleet's model: both features standard normal, no weights yet. */
    private static GlobalModel fleetModel() {
        Random r = new Random(1);
        double[][] rows = new double[20_000][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {r.nextGaussian(), r.nextGaussian()};
        }
        return new GlobalModel(3, 3, T0, "fedavg", 2, 0, FEATURES, new double[0], 0.0,
            FeatureStats.of(rows, FEATURES.size()), GlobalModel.PRIOR_THRESHOLD, Eval.EMPTY, List.of(), null);
    }
}
