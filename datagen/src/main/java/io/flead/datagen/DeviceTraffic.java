package io.flead.datagen;

import java.util.SplittableRandom;

/**
 * The packet stream of one device, row by row: it follows the device's episode plan, draws ordinary or
 * attack packets, advances the clock, applies drift and sets the labels. Training rows come first, then
 * held-out rows, as one continuous stream.
 */
final class DeviceTraffic {

    private final TrafficPlan plan;
    private final DeviceState state;
    private final NormalTraffic normal;
    private final AttackTraffic attacks;
    private final DriftInjector drift;
    private final PacketRow row = new PacketRow();

    DeviceTraffic(DeviceProfile profile, GeneratorConfig config) {
        int total = profile.trainingRows(config.rows()) + config.holdoutRows();
        SplittableRandom rng = new SplittableRandom(Randoms.seedFor(config.seed(), profile.number() * 2L + 1));
        this.plan = EpisodePlanner.plan(profile, total, rng);
        this.state = new DeviceState(profile.startMicros(), 49152 + rng.nextInt(16383));
        this.normal = new NormalTraffic(profile, state, rng);
        this.attacks = new AttackTraffic(profile, state, rng);
        this.drift = profile.drift() == null ? null : new DriftInjector(profile.drift(), config.driftStartRow());
    }

    /** Number of rows in the stream (training plus held-out). */
    int rows() {
        return plan.rows();
    }

    /** The row at index {@code r}; rows must be asked for in order, and the returned object is reused. */
    PacketRow next(int r) {
        AttackType shape = plan.shape[r];
        float severity = plan.severity[r];
        state.nowMicros += shape.isAttack() ? attacks.gapMicros(shape, severity) : normal.gapMicros();
        row.clear();
        row.timeMicros = state.nowMicros;
        if (shape.isAttack()) {
            attacks.fill(row, shape, severity);
        } else {
            normal.fill(row);
        }
        if (drift != null) {
            drift.apply(r, row);
        }
        AttackType label = plan.label[r];
        row.set(EdgeIiotSchema.ATTACK_LABEL, label.isAttack() ? 1 : 0);
        row.text(EdgeIiotSchema.ATTACK_TYPE, label.label());
        return row;
    }

    /** The label of row {@code r}. */
    AttackType label(int r) {
        return plan.label[r];
    }

    /** The drift applied, once its start row has been generated (null otherwise or without drift). */
    DeviceDrift drift() {
        return drift == null ? null : drift.drift();
    }
}
