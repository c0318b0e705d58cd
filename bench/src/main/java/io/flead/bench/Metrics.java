package io.flead.bench;

import java.util.Locale;

/** Prints benchmark figures as {@code metric <name> <value> <unit>} lines, the one format every bench uses. */
public final class Metrics {
    private Metrics() {
    }

    public static void print(String name, double value, String unit) {
        System.out.println(line(name, value, unit));
        System.out.flush();
    }

    static String line(String name, double value, String unit) {
        String number = value == Math.rint(value) && Math.abs(value) < 1e15
            ? Long.toString((long) value)
            : String.format(Locale.ROOT, "%.4f", value);
        return "metric " + name + " " + number + " " + unit;
    }
}
