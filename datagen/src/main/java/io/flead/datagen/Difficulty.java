package io.flead.datagen;

/**
 * How hard the generated data is to classify. {@link #STANDARD} is the demo data {@code flead up} replays and every
 * existing test expects. {@link #HARD} takes away what makes the standard data circular: every value an attack plants
 * also occurs in some ordinary traffic (which values, and how often, depends on the device kind, so "normal" differs
 * between kinds), device row counts have a long tail of small devices, and each device's mix of attack types is drawn
 * from a Dirichlet(α) over its kind's exposed attacks (label skew).
 */
public enum Difficulty {
    STANDARD,
    HARD;

    /** Parses {@code standard} or {@code hard} (any case). */
    public static Difficulty parse(String value) {
        for (Difficulty d : values()) {
            if (d.name().equalsIgnoreCase(value.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("Invalid value '" + value + "' for 'difficulty': must be standard or hard");
    }
}
