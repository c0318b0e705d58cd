package io.flead.datagen;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Lays out a device's attack episodes (contiguous runs of one attack type), attack-like ordinary bursts
 * and label noise over its training and held-out rows.
 */
final class EpisodePlanner {

    /** Mean length of an attack episode, in rows. */
    static final double MEAN_EPISODE_ROWS = 30;
    /** Share of episodes on attacked devices that are ordinary bursts looking like an attack. */
    static final double LOOKALIKE_EPISODE_SHARE = 0.07;
    /** Mean gap, in rows, between look-alike bursts on attack-free devices. */
    static final double ATTACK_FREE_BURST_GAP = 1500;
    /** Probability that a row's label is flipped. */
    static final double LABEL_NOISE = 0.003;

    private static final List<AttackType> LOOKALIKES = List.of(AttackType.DDOS_TCP, AttackType.UPLOADING,
        AttackType.PORT_SCANNING, AttackType.VULNERABILITY_SCANNER, AttackType.PASSWORD, AttackType.DDOS_UDP);

    private EpisodePlanner() {
    }

    static TrafficPlan plan(DeviceProfile profile, int rows, SplittableRandom rng) {
        TrafficPlan plan = new TrafficPlan(rows);
        double gapMean = profile.attackFree() ? ATTACK_FREE_BURST_GAP
            : MEAN_EPISODE_ROWS * (1 - profile.attackShare()) / profile.attackShare();
        int row = (int) Randoms.exponential(rng, gapMean);
        while (row < rows) {
            int length = 3 + (int) Randoms.exponential(rng, MEAN_EPISODE_ROWS - 3);
            int end = Math.min(rows, row + length);
            if (profile.attackFree() || Randoms.chance(rng, LOOKALIKE_EPISODE_SHARE)) {
                lookalike(plan, row, end, rng);
            } else {
                attack(plan, row, end, profile.pickAttack(rng), rng);
            }
            row = end + 1 + (int) Randoms.exponential(rng, gapMean);
        }
        if (!profile.attackFree()) {
            addLabelNoise(plan, profile.attacks(), rng);
        }
        return plan;
    }

    private static void attack(TrafficPlan plan, int from, int to, AttackType type, SplittableRandom rng) {
        float severity = (float) Randoms.uniform(rng, 0.2, 1.0);
        double background = Randoms.uniform(rng, 0.01, 0.07);
        for (int r = from; r < to; r++) {
            plan.label[r] = type;
            plan.shape[r] = Randoms.chance(rng, background) ? AttackType.NORMAL : type;
            plan.severity[r] = severity;
        }
    }

    private static void lookalike(TrafficPlan plan, int from, int to, SplittableRandom rng) {
        AttackType look = Randoms.pick(rng, LOOKALIKES);
        float severity = (float) Randoms.uniform(rng, 0.0, 0.5);
        int end = Math.min(to, from + 3 + (to - from) / 2);
        for (int r = from; r < end; r++) {
            plan.shape[r] = look;
            plan.severity[r] = severity;
        }
    }

    private static void addLabelNoise(TrafficPlan plan, List<AttackType> attacks, SplittableRandom rng) {
        for (int r = 0; r < plan.rows(); r++) {
            if (Randoms.chance(rng, LABEL_NOISE)) {
                plan.label[r] = plan.label[r].isAttack() ? AttackType.NORMAL : Randoms.pick(rng, attacks);
            }
        }
    }
}
