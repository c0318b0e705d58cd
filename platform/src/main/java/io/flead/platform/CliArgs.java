package io.flead.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} options of a benchmark, with defaults and errors that name the flag. */
public final class BenchArgs {
    private final Map<String, String> values = new HashMap<>();

    public BenchArgs(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected '--name value' pairs, got '" + args[i] + "'");
            }
            values.put(args[i].substring(2), args[++i]);
        }
    }

    public int intValue(String name, int defaultValue) {
        String v = values.get(name);
        try {
            return v == null ? defaultValue : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid value '" + v + "' for --" + name + ": must be an integer");
        }
    }

    public String string(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }
}
