package io.flead.datagen;

/**
 * A number of devices given either as a count ({@code 12}) or as a percentage of the fleet ({@code 5%}).
 */
public record DeviceShare(double value, boolean percent) {

    /** No devices. */
    public static final DeviceShare NONE = new DeviceShare(0, false);

    public DeviceShare {
        if (!Double.isFinite(value) || value < 0 || (percent && value > 100) || (!percent && value != Math.rint(value))) {
            throw new IllegalArgumentException("Invalid device share '" + text(value, percent)
                + "': must be a whole count >= 0 or a percentage between 0% and 100%");
        }
    }

    /** Parses {@code 12} or {@code 5%} (also {@code 2.5%}); the message quotes the bad text. */
    public static DeviceShare parse(String text) {
        String trimmed = text.trim();
        boolean percent = trimmed.endsWith("%");
        String number = percent ? trimmed.substring(0, trimmed.length() - 1).trim() : trimmed;
        double value;
        try {
            value = percent ? Double.parseDouble(number) : Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid device share '" + text
                + "': must be a whole count (12) or a percentage (5%)");
        }
        return new DeviceShare(value, percent);
    }

    /** A count of devices. */
    public static DeviceShare count(int devices) {
        return new DeviceShare(devices, false);
    }

    /** A percentage of the fleet. */
    public static DeviceShare percentOf(double percent) {
        return new DeviceShare(percent, true);
    }

    /** The number of devices out of {@code fleet}: percentages round to nearest, counts are capped at the fleet. */
    public int resolve(int fleet) {
        long devices = percent ? Math.round(fleet * value / 100.0) : (long) value;
        return (int) Math.min(devices, fleet);
    }

    @Override
    public String toString() {
        return text(value, percent);
    }

    private static String text(double value, boolean percent) {
        String number = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        return percent ? number + "%" : number;
    }
}
