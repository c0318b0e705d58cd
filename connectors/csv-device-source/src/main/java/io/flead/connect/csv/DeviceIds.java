package io.flead.connect.csv;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Derives device ids from file names with the configured regex. */
public final class DeviceIds {

    private DeviceIds() {
    }

    /** The first group of {@code regex} matched against {@code fileName}, or null when it does not match. */
    public static String fromFileName(Pattern regex, String fileName) {
        Matcher m = regex.matcher(fileName);
        if (!m.matches() || m.groupCount() < 1 || m.group(1) == null || m.group(1).isEmpty()) {
            return null;
        }
        return m.group(1);
    }
}
