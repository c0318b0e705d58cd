package io.flead.connect.timescale.core;

import java.util.Arrays;

/** A converted number array destined for a {@code double precision[]} column. */
public record DoubleArray(double[] values) {
    @Override
    public boolean equals(Object o) {
        return o instanceof DoubleArray other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
