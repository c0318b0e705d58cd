package io.flead.bench.quality;

/** The drifts the suite injects into a generator device, each named as its delay metric. */
public enum DriftKind {
    /** Non-zero values of one feature shifted by half their standard deviation. */
    STEP_0_5_SIGMA("step_0_5sigma"),
    /** The same by one standard deviation. */
    STEP_1_SIGMA("step_1sigma"),
    /** A shift growing linearly to one standard deviation over {@link DriftInjections#RAMP_ROWS} rows. */
    RAMP("ramp"),
    /** Non-zero values spread twice as far from their mean (variance x4), the mean unchanged. */
    VARIANCE("variance"),
    /** Unlabelled rows of an attack type the device and the model never saw, in a share of the rows. */
    NEW_ATTACK("new_attack");

    private final String metricName;

    DriftKind(String metricName) {
        this.metricName = metricName;
    }

    public String metricName() {
        return metricName;
    }
}
