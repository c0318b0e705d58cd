package io.flead.platform.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The query parameters of one request, read with bounds; every refusal is a 400 naming the parameter. */
public final class QueryParams {
    /** Device ids and feature names: letters, digits and {@code _ . : -}, at most 128 characters. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    private final Map<String, String> values;

    private QueryParams(Map<String, String> values) {
        this.values = values;
    }

    /** Parses a raw query string (null or empty: no parameters); a repeated parameter is refused. */
    public static QueryParams parse(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (values.put(name, value) != null) {
                    throw ApiException.badParameter(name, value, "given more than once");
                }
            }
        }
        return new QueryParams(values);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, null, "Malformed query string near '" + text + "': " + e.getMessage());
        }
    }

    /** Refuses any parameter not in {@code allowed}, so a typo never goes unnoticed. */
    public QueryParams allowOnly(Set<String> allowed) {
        for (String name : values.keySet()) {
            if (!allowed.contains(name)) {
                throw new ApiException(400, name, "Unknown parameter '" + name + "': expected one of "
                    + allowed.stream().sorted().toList());
            }
        }
        return this;
    }

    /** An integer within [min, max], or {@code defaultValue} when absent. */
    public int intValue(String name, int defaultValue, int min, int max) {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw ApiException.badParameter(name, v, "must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, v, "must be an integer between " + min + " and " + max);
        }
    }

    /** A name (device id, feature) matching {@link #NAME}, or null when absent. */
    public String name(String name) {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        if (!NAME.matcher(v).matches()) {
            throw ApiException.badParameter(name, v, "must be 1-128 letters, digits or _ . : -");
        }
        return v;
    }

    /** Like {@link #name} but required. */
    public String requiredName(String name) {
        String v = name(name);
        if (v == null) {
            throw new ApiException(400, name, "Missing parameter '" + name + "'");
        }
        return v;
    }

    /** Free search text of at most {@code maxLength} characters, or null when absent or blank. */
    public String text(String name, int maxLength) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        if (v.length() > maxLength) {
            throw ApiException.badParameter(name, v.substring(0, Math.min(v.length(), 40)) + "…",
                "must be at most " + maxLength + " characters");
        }
        return v.trim();
    }

    /** One of {@code choices}, or {@code defaultValue} when absent. */
    public String choice(String name, String defaultValue, List<String> choices) {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        if (!choices.contains(v)) {
            throw ApiException.badParameter(name, v, "must be one of " + choices);
        }
        return v;
    }

    /** A comma-separated list of names, at most {@code max} of them; empty when absent. */
    public List<String> names(String name, int max) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            return List.of();
        }
        List<String> list = List.of(v.split(","));
        if (list.size() > max) {
            throw ApiException.badParameter(name, v, "at most " + max + " names");
        }
        for (String item : list) {
            if (!NAME.matcher(item).matches()) {
                throw ApiException.badParameter(name, v, "'" + item + "' is not a name (letters, digits, _ . : -)");
            }
        }
        return list;
    }

    /** The raw value, or null. */
    public String raw(String name) {
        return values.get(name);
    }
}
