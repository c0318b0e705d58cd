package io.flead.driftcheck.core;

import java.util.Locale;

/** Severity of a drift alert, as written in the {@code severity} field. */
public enum Severity {
    WARN,
    ALERT;

    /** The wire name: {@code warn} or {@code alert}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
