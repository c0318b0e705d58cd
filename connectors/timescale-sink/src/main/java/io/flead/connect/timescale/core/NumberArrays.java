package io.flead.connect.timescale.core;

import java.util.Optional;

/** Recognises raw JSON arrays of numbers (such as model weights) for {@code double precision[]} columns. */
final class NumberArrays {
    private NumberArrays() {
    }

    /** The numbers of {@code json} when it is a non-empty array holding only numbers. */
    static Optional<DoubleArray> parse(JsonValue json) {
        String text = json.json().trim();
        if (text.length() < 3 || text.charAt(0) != '[' || text.charAt(text.length() - 1) != ']') {
            return Optional.empty();
        }
        String[] parts = text.substring(1, text.length() - 1).split(",", -1);
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            if (part.isEmpty() || !(Character.isDigit(part.charAt(0)) || part.charAt(0) == '-')) {
                return Optional.empty();
            }
            try {
                values[i] = Double.parseDouble(part);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new DoubleArray(values));
    }
}
