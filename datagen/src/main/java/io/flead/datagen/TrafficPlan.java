package io.flead.datagen;

import java.util.Arrays;

/**
 * Row-by-row plan of a device's file: the label each row carries, the traffic it looks like, and the
 * severity of the episode it belongs to. Label and look differ for background packets inside an attack,
 * for ordinary bursts that look like attacks, and for the few noisy labels.
 */
final class TrafficPlan {

    final AttackType[] label;
    final AttackType[] shape;
    final float[] severity;

    TrafficPlan(int rows) {
        label = new AttackType[rows];
        shape = new AttackType[rows];
        severity = new float[rows];
        Arrays.fill(label, AttackType.NORMAL);
        Arrays.fill(shape, AttackType.NORMAL);
    }

    int rows() {
        return label.length;
    }
}
