package io.flead.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} options and {@code --flag} switches of a subcommand, checked against the names it knows,
 * with errors that name the flag and quote the value.
 */
public final class CliArgs {
    private final Map<String, String> values = new LinkedHashMap<>();

    /**
     * @param args     the arguments after the subcommand
     * @param options  names taking a value
     * @param switches names taking no value
     */
    public CliArgs(String[] args, Set<String> options, Set<String> switches) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            int eq = name.indexOf('=');
            if (eq > 0) {
                put(name.substring(0, eq), name.substring(eq + 1), options);
            } else if (switches.contains(name)) {
                values.put(name, "true");
            } else if (options.contains(name)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option --" + name + " needs a value");
                }
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
    }

    /** Options only, for tools that accept any {@code --name value} pair. */
    public static CliArgs anyOptions(String[] args) {
        Set<String> names = new java.util.HashSet<>();
        for (String a : args) {
            if (a.startsWith("--")) {
                names.add(a.substring(2).split("=", 2)[0]);
            }
        }
        return new CliArgs(args, names, Set.of());
    }

    private void put(String name, String value, Set<String> options) {
        if (!options.contains(name)) {
            throw new IllegalArgumentException("unknown option --" + name);
        }
        values.put(name, value);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }

    public String string(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    public int intValue(String name, int defaultValue) {
        return (int) longValue(name, defaultValue, 0, Integer.MAX_VALUE);
    }

    public long longValue(String name, long defaultValue, long min, long max) {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(v.trim());
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException("Invalid value '" + v + "' for --" + name
                    + ": must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid value '" + v + "' for --" + name + ": must be an integer");
        }
    }

    public double doubleValue(String name, double defaultValue) {
        String v = values.get(name);
        try {
            return v == null ? defaultValue : Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid value '" + v + "' for --" + name + ": must be a number");
        }
    }

    /** Comma-separated integers, e.g. {@code --producers 1,2,3,4}. */
    public List<Integer> intList(String name, List<Integer> defaultValue) {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return java.util.Arrays.stream(v.split(",")).map(String::trim).map(Integer::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid value '" + v + "' for --" + name
                + ": must be comma-separated integers");
        }
    }
}
