package io.flead.driftcheck.core;

import java.util.Locale;

/** What a device's window is compared against. */
public enum ReferenceMode {
    /** The device's own baseline, learnt from its first rows (for non-IID fleets). */
    DEVICE,
    /** The global model's pooled statistics and reference histogram. */
    GLOBAL;

    /** The name used in configuration. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode with this configuration name, or null when there is none. */
    public static ReferenceMode fromConfigName(String name) {
        for (ReferenceMode m : values()) {
            if (m.configName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        return null;
    }
}
