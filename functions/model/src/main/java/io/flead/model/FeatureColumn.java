package io.flead.model;

/**
 * How one model feature is read from a telemetry column: the column's value itself ({@code tcp.len}), or an
 * indicator that is 1 when the column equals a value ({@code tcp.flags=2}) or lies in an inclusive range
 * ({@code tcp.dstport=1..1023}) and 0 otherwise, including when the column is missing.
 *
 * <p>Indicators let the linear model use categorical numeric fields (flag combinations, message types,
 * port classes), whose numeric order means nothing: SYN (2) is not "between" FIN (1) and RST (4).
 */
public record FeatureColumn(String name, String column, boolean indicator, double low, double high) {

    /** Parses a feature name; a name without {@code =} is the plain column. */
    public static FeatureColumn parse(String name) {
        int eq = name.indexOf('=');
        if (eq < 0) {
            return new FeatureColumn(name, name, false, Double.NaN, Double.NaN);
        }
        String column = name.substring(0, eq);
        String value = name.substring(eq + 1);
        int range = value.indexOf("..");
        try {
            double low = Double.parseDouble(range < 0 ? value : value.substring(0, range));
            double high = range < 0 ? low : Double.parseDouble(value.substring(range + 2));
            if (column.isEmpty() || !(low <= high)) {
                throw new NumberFormatException("empty column or empty range");
            }
            return new FeatureColumn(name, column, true, low, high);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("feature '" + name + "': expected 'column', 'column=value' or"
                + " 'column=low..high' with numbers, got '" + value + "' after '='", e);
        }
    }

    /** The feature's value from the column's raw value (null or NaN when the column is missing). */
    public double valueOf(Double raw) {
        return raw == null ? (indicator ? 0.0 : Double.NaN) : valueOf(raw.doubleValue());
    }

    /** The feature's value from the column's raw value (NaN when the column is missing). */
    public double valueOf(double raw) {
        if (!indicator) {
            return raw;
        }
        return raw >= low && raw <= high ? 1.0 : 0.0;
    }
}
