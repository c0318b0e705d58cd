package io.flead.connect.timescale.core;

import java.nio.charset.StandardCharsets;

/** A PostgreSQL identifier (table, column or index name), validated and always emitted quoted. */
public final class Identifier {
    /** PostgreSQL truncates names past NAMEDATALEN - 1 bytes; longer names are refused, not silently cut. */
    public static final int MAX_BYTES = 63;

    private Identifier() {
    }

    /** Returns {@code name} as a double-quoted identifier, or throws naming what was wrong with it. */
    public static String quote(String name) {
        validate(name);
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** Throws {@link IllegalArgumentException} when {@code name} cannot be a PostgreSQL identifier. */
    public static void validate(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Invalid identifier '" + name + "': must not be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Invalid identifier '" + name.replace("\0", "\\0") + "': must not contain NUL");
        }
        // at most 3 UTF-8 bytes per char: short names need no byte count
        if (name.length() * 3 > MAX_BYTES && name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("Invalid identifier '" + name + "': longer than " + MAX_BYTES + " bytes");
        }
    }

    /** Whether {@code name} is a valid identifier. */
    public static boolean isValid(String name) {
        try {
            validate(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A derived object name (index, staging table) that fits in {@link #MAX_BYTES}, deterministic for its inputs. */
    public static String derived(String base, String suffix) {
        String name = base + "_" + suffix;
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return name;
        }
        String hash = String.format("%08x", name.hashCode());
        StringBuilder prefix = new StringBuilder();
        int budget = MAX_BYTES - suffix.length() - hash.length() - 2;
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            int bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (budget - bytes < 0) {
                break;
            }
            budget -= bytes;
            prefix.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        return prefix + "_" + hash + "_" + suffix;
    }

    /** {@code text} as a single-quoted SQL string literal. */
    public static String literal(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Invalid SQL literal: must not contain NUL");
        }
        return "'" + text.replace("'", "''") + "'";
    }
}
