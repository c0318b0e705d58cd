package io.flead.fedavg.core;

import java.util.Locale;

/** How the clients' parameter deltas are combined into the global delta. */
public enum Strategy {
    /** Mean weighted by n_samples times the staleness weight (1+tau)^-0.5. */
    FEDAVG("fedavg"),
    /** Coordinate-wise mean after dropping the beta fraction of lowest and highest values. */
    TRIMMED_MEAN("trimmed-mean"),
    /** Coordinate-wise median. */
    MEDIAN("median"),
    /**
     * (Multi-)Krum: the mean of the updates whose squared distances to their m - f - 2 nearest neighbours sum least
     * ({@code krum.byzantine} = f, {@code krum.select} of them; see {@link Defences}).
     */
    KRUM("krum");

    private final String configName;

    Strategy(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** The strategy named {@code name} (fedavg, trimmed-mean, median, krum), or an error naming the key. */
    public static Strategy parse(String key, String name) {
        for (Strategy s : values()) {
            if (s.configName.equals(name == null ? null : name.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new io.flead.model.SettingsException(key, name, "must be one of fedavg, trimmed-mean, median, krum");
    }
}
