package io.flead.bench.quality;

import io.flead.fedavg.core.Aggregator;
import io.flead.fedavg.core.FedAvgSettings;
import io.flead.fedavg.core.RoundBuffer;
import io.flead.fedavg.core.UpdateValidator;
import io.flead.localtrain.core.LocalTrainer;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import io.flead.model.Rejection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a round of real updates mixed with poisoned ones (NaN, Inf, wrong dimension, a duplicate, a stale
 * base version) and records which were rejected, with which reason, and whether the round completed.
 */
public final class PoisonCheck {
    /** Expected rejection code per poisoned update id, and what the aggregator answered. */
    public record Result(Map<String, String> expectedCodes, Map<String, String> reasons, int honest,
                         int participants, long newVersion) {
        /** True when every poisoned update was rejected with the expected code and every honest one kept. */
        public boolean allRejectedWithReasons() {
            return expectedCodes.entrySet().stream().allMatch(e ->
                reasons.getOrDefault(e.getKey(), "").startsWith(e.getValue()));
        }

        public boolean roundCompleted() {
            return participants == honest;
        }
    }

    private PoisonCheck() {
    }

    public static Result run(FleetData data, HarnessConfig config, GlobalModel global) {
        FedAvgSettings settings = FedAvgSettings.defaults().withBounds(2, 1e6, 10_000);
        Aggregator aggregator = new Aggregator(settings.withRound(100, 60_000, 1));
        LocalTrainer trainer = new LocalTrainer(FederatedArm.trainSettings(data, config));
        long now = (global.round() + 1) * 60_000L;
        List<LocalModelUpdate> honest = new ArrayList<>();
        for (int i = 0; i < Math.min(5, data.train().size()); i++) {
            honest.add(FederatedArm.trainDevice(trainer, data.train().get(i), global, now));
        }
        LocalModelUpdate template = honest.get(0);
        Map<String, String> expected = new LinkedHashMap<>();
        double[] nan = template.weights().clone();
        nan[0] = Double.NaN;
        List<LocalModelUpdate> poison = List.of(
            poisoned(template, "poison-nan", nan, template.bias(), template.baseVersion()),
            poisoned(template, "poison-inf", template.weights(), Double.POSITIVE_INFINITY, template.baseVersion()),
            poisoned(template, "poison-dim", Arrays.copyOf(template.weights(), template.weights().length - 1),
                template.bias(), template.baseVersion()),
            poisoned(template, "poison-stale", template.weights(), template.bias(), global.version() - 3),
            template);
        expected.put("poison-nan", UpdateValidator.NON_FINITE);
        expected.put("poison-inf", UpdateValidator.NON_FINITE);
        expected.put("poison-dim", UpdateValidator.WRONG_DIMENSION);
        expected.put("poison-stale", UpdateValidator.STALE);
        expected.put(template.updateId(), UpdateValidator.DUPLICATE);
        RoundBuffer buffer = aggregator.empty();
        for (LocalModelUpdate u : honest) {
            aggregator.add(buffer, u, now);
        }
        for (LocalModelUpdate u : poison) {
            aggregator.add(buffer, u, now);
        }
        GlobalModel next = aggregator.close(buffer, global, now).global();
        Map<String, String> reasons = new LinkedHashMap<>();
        for (Rejection r : next.rejected()) {
            reasons.merge(r.updateId(), r.reason(), (a, b) -> a + "; " + b);
        }
        return new Result(expected, reasons, honest.size(), next.participants(), next.version());
    }

    /** A copy of {@code template} from its own device (so "latest per device" does not hide it). */
    private static LocalModelUpdate poisoned(LocalModelUpdate t, String id, double[] weights, double bias, long base) {
        return new LocalModelUpdate(id, id, base, t.ts(), t.nSamples(), t.featureNames(), weights, bias, t.stats(),
            t.loss(), t.eval(), t.histogram());
    }
}
