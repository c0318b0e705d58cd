package io.flead.bench.quality;

import java.util.Locale;

/**
 * The attacks of the quality bench's attack section. The first two poison the attackers' training rows, the others
 * the updates they send.
 */
public enum AttackKind {
    /** Attack rows labelled normal and normal rows labelled attack. */
    LABEL_FLIP(true),
    /** Each attack row also sent with a trigger value on one feature and labelled normal. */
    BACKDOOR(true),
    /** The update's weights and bias negated. */
    SIGN_FLIP(false),
    /** The update's change from the global model multiplied by 10, kept under the norm bound. */
    IN_BOUND_SCALE(false),
    /** The update claims 10^6 samples. */
    INFLATION(false),
    /** Window statistics and class moments with means of 10^6 and variances of 10^12. */
    STATS_POISON(false),
    /** The evaluation histogram adds 10x the window's rows as attacks at the lowest margin, to drag the threshold. */
    HIST_POISON(false),
    /** Every attacker sends the same update (their mean change, reversed and doubled) with 0.1% noise. */
    SYBIL(false);

    private final boolean dataPoisoning;

    AttackKind(boolean dataPoisoning) {
        this.dataPoisoning = dataPoisoning;
    }

    public boolean dataPoisoning() {
        return dataPoisoning;
    }

    /** The name in metric names ({@code sign_flip}). */
    public String metricName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
