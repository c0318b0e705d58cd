package io.flead.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonCodecTest {
    static final List<String> NAMES = List.of("tcp.len", "udp.port");

    static LocalModelUpdate update() {
        FeatureStats stats = FeatureStats.of(new double[][] {{1.5, 2}, {0.1, 3}}, 2);
        ReferenceHistogram histogram = ReferenceHistogram.relativeTo(4, stats);
        histogram.add(new double[] {1.0, 7.0});
        EvalCounter counter = new EvalCounter(0.3);
        counter.add(0.7, 1);
        counter.add(-2.0, 0);
        return new LocalModelUpdate("u-1", "device_7", 4, 1_700_000_000_123L, 2, NAMES,
            new double[] {0.1 + 0.2, -1e-300}, Math.PI, stats, 0.6931471805599453, counter.toEval(), histogram);
    }

    static GlobalModel global() {
        return new GlobalModel(5, 5, 1_700_000_000_999L, "trimmed-mean", 3, 120, NAMES,
            new double[] {1.0 / 3, 2e10}, -0.25, FeatureStats.of(new double[][] {{1, 2}}, 2), 0.375,
            Eval.counts(3, 1, 10, 2), List.of(new Rejection("u-9", "nan_or_inf: weights[0] = NaN")), null);
    }

    @Test
    void roundTripsEveryMessageLosslessly() {
        LocalModelUpdate update = update();
        assertThat(JsonCodec.decode(JsonCodec.encode(update), LocalModelUpdate.class)).isEqualTo(update);
        GlobalModel global = global();
        assertThat(JsonCodec.decode(JsonCodec.encodeToString(global), GlobalModel.class)).isEqualTo(global);
        Map<String, Double> features = new LinkedHashMap<>();
        features.put("tcp.len", 12.0);
        features.put("udp.port", 0.0);
        TelemetryEvent event = new TelemetryEvent("device_1", 17L, 3L, features, null, null);
        assertThat(JsonCodec.decode(JsonCodec.encode(event), TelemetryEvent.class)).isEqualTo(event);
        Anomaly anomaly = new Anomaly("device_1", 17L, 3L, 0.93, 0.4, 5, 1,
            List.of(new FeatureContribution("tcp.len", 12.0, 3.5, 2.1)), "logistic");
        assertThat(JsonCodec.decode(JsonCodec.encode(anomaly), Anomaly.class)).isEqualTo(anomaly);
        DriftAlert alert = new DriftAlert("device_1", 17L, "tcp.len", "psi", 0.31, 0.25, "alert", 5, 500);
        assertThat(JsonCodec.decode(JsonCodec.encode(alert), DriftAlert.class)).isEqualTo(alert);
    }

    @Test
    void roundTripsTheLoopFields() {
        LocalModelUpdate u = update();
        LocalModelUpdate withRange = new LocalModelUpdate(u.updateId(), u.deviceId(), u.baseVersion(), u.ts(), u.nSamples(),
            u.featureNames(), u.weights(), u.bias(), u.stats(), u.loss(), u.eval(), u.histogram(), 51L, 100L, u.eval());
        assertThat(JsonCodec.decode(JsonCodec.encode(withRange), LocalModelUpdate.class)).isEqualTo(withRange);
        GlobalModel g = global();
        GlobalModel withEvaluation = new GlobalModel(g.version(), g.round(), g.ts(), g.strategy(), g.participants(),
            g.nSamples(), g.featureNames(), g.weights(), g.bias(), g.stats(), g.threshold(), g.eval(), g.rejected(),
            g.histogram(), new VersionEvaluation(4, 17, Eval.counts(8, 2, 80, 2)), Map.of("stale", 3L), 2L);
        String json = JsonCodec.encodeToString(withEvaluation);
        assertThat(json).contains("\"evaluation\":{\"version\":4,\"updates\":17,\"tp\":8,\"fp\":2,\"tn\":80,\"fn\":2,"
            + "\"f1\":0.8,\"precision\":0.8,\"recall\":0.8}", "\"rejected_counts\":{\"stale\":3}", "\"max_staleness\":2");
        assertThat(JsonCodec.decode(json, GlobalModel.class)).isEqualTo(withEvaluation);
        UpdateAck ack = new UpdateAck("device_7", "u-1", 4, 100L, 6L, UpdateAck.ACCEPTED, null, 17L);
        assertThat(JsonCodec.decode(JsonCodec.encode(ack), UpdateAck.class)).isEqualTo(ack);
        assertThat(ack.covers("u-1", 100)).isTrue();
        assertThat(ack.covers("u-2", 100)).isTrue();
        assertThat(ack.covers("u-2", 150)).isFalse();
    }

    @Test
    void writesTheContractFieldNames() {
        String json = JsonCodec.encodeToString(global());
        assertThat(json).contains("\"version\":5", "\"n_samples\":120", "\"feature_names\":", "\"rejected\":[{\"update_id\":\"u-9\"",
            "\"stats\":{\"count\":[1,1],\"mean\":", "\"m2\":", "\"threshold\":0.375", "\"precision\":0.75", "\"f1\":");
        String update = JsonCodec.encodeToString(update());
        assertThat(update).contains("\"update_id\":\"u-1\"", "\"device_id\":\"device_7\"", "\"base_version\":4",
            "\"eval\":{\"tp\":1,\"fp\":0,\"tn\":1,\"fn\":0", "\"loss\":");
    }

    @Test
    void decodesTheContractExampleAndIgnoresUnknownFields() {
        String json = "{\"device_id\":\"d1\",\"ts\":1,\"seq\":2,\"features\":{\"tcp.len\":3},"
            + "\"label\":1,\"attack_type\":\"DDoS_UDP\",\"extra\":{\"nested\":[1,2]}}";
        TelemetryEvent event = JsonCodec.decode(json, TelemetryEvent.class);
        assertThat(event.features()).containsEntry("tcp.len", 3.0);
        assertThat(event.label()).isEqualTo(1);
        assertThat(event.attackType()).isEqualTo("DDoS_UDP");
    }

    @Test
    void missingRequiredFieldIsNamed() {
        String json = JsonCodec.encodeToString(update()).replace("\"weights\":", "\"weightz\":");
        assertThatThrownBy(() -> JsonCodec.decode(json, LocalModelUpdate.class))
            .isInstanceOf(MessageFormatException.class).hasMessageContaining("field 'weights'");
        assertThatThrownBy(() -> JsonCodec.decode("{\"ts\":1,\"seq\":2,\"features\":{}}", TelemetryEvent.class))
            .isInstanceOf(MessageFormatException.class).hasMessageContaining("field 'device_id'");
    }

    @Test
    void illTypedFieldIsNamed() {
        assertThatThrownBy(() -> JsonCodec.decode(
            "{\"device_id\":\"d\",\"ts\":\"yesterday\",\"seq\":2,\"features\":{}}", TelemetryEvent.class))
            .isInstanceOf(MessageFormatException.class).hasMessageContaining("field 'ts'");
        assertThatThrownBy(() -> JsonCodec.decode(
            "{\"device_id\":\"d\",\"ts\":1,\"seq\":2,\"features\":{\"tcp.len\":\"x\"}}", TelemetryEvent.class))
            .isInstanceOf(MessageFormatException.class).hasMessageContaining("field 'features.tcp.len'");
        String badWeights = JsonCodec.encodeToString(global()).replace("\"weights\":[", "\"weights\":[\"a\",");
        assertThatThrownBy(() -> JsonCodec.decode(badWeights, GlobalModel.class))
            .isInstanceOf(MessageFormatException.class).hasMessageContaining("field 'weights");
        assertThatThrownBy(() -> JsonCodec.decode(
            "{\"device_id\":\"d\",\"ts\":1,\"seq\":2,\"features\":{},\"label\":7}", TelemetryEvent.class))
            .isInstanceOf(MessageFormatException.class).hasMessageContaining("field 'label'").hasMessageContaining("7");
    }

    @Test
    void nonFiniteWeightsSurviveDecodingSoValidationCanRejectThem() {
        String json = JsonCodec.encodeToString(update().withParameters(new double[] {Double.NaN, 1}, 0));
        LocalModelUpdate decoded = JsonCodec.decode(json, LocalModelUpdate.class);
        assertThat(decoded.weights()[0]).isNaN();
    }

    @Test
    void malformedJsonIsReported() {
        assertThatThrownBy(() -> JsonCodec.decode("{\"device_id\":", TelemetryEvent.class))
            .isInstanceOf(MessageFormatException.class).hasMessageContaining("TelemetryEvent");
    }
}
