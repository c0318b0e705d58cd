package io.flead.platform.grafana;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Expands a panel's SQL the way Grafana's PostgreSQL datasource does before it reaches the database: first the
 * template variables and {@code $__interval}/{@code $__interval_ms} (Grafana's front end), then the SQL macros
 * ({@code $__timeFilter}, {@code $__timeGroup}, {@code $__timeGroupAlias}, {@code $__timeFrom}, {@code $__timeTo},
 * {@code $__time}).
 */
final class GrafanaMacros {
    private static final Pattern MACRO = Pattern.compile("\\$(__[a-zA-Z]+)\\(([^)]*)\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\[\\[(\\w+)]]|\\$(\\w+)");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

    /** The dashboard's time range, the panel's interval and the selected value(s) of each template variable. */
    record QueryContext(Instant from, Instant to, long intervalMs, Map<String, List<String>> variables) {
    }

    private GrafanaMacros() {
    }

    static String expand(String sql, QueryContext ctx) {
        return expandMacros(expandVariables(sql, ctx), ctx);
    }

    /** Grafana's text form of an interval: 500ms, 10s, 5m, 2h, 1d. */
    static String intervalText(long ms) {
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        } else if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        } else if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        } else if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    static String expandVariables(String sql, QueryContext ctx) {
        String withIntervals = sql.replace("$__interval_ms", Long.toString(ctx.intervalMs()))
            .replace("$__interval", intervalText(ctx.intervalMs()));
        Matcher m = VARIABLE.matcher(withIntervals);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            List<String> values = ctx.variables().get(name);
            if (name.startsWith("__") || values == null) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(sqlStrings(values)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** How the PostgreSQL datasource formats a (multi-)value: each value a quoted SQL string, comma-separated. */
    static String sqlStrings(List<String> values) {
        return values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(","));
    }

    static String expandMacros(String sql, QueryContext ctx) {
        Matcher m = MACRO.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String[] args = m.group(2).isBlank() ? new String[0] : m.group(2).split(",");
            for (int i = 0; i < args.length; i++) {
                args[i] = args[i].trim();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(macro(m.group(1), args, ctx)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String macro(String name, String[] args, QueryContext ctx) {
        switch (name) {
            case "__time":
                return arg(name, args, 0) + " AS \"time\"";
            case "__timeFilter":
                return arg(name, args, 0) + " BETWEEN " + literal(ctx.from()) + " AND " + literal(ctx.to());
            case "__timeFrom":
                return literal(ctx.from());
            case "__timeTo":
                return literal(ctx.to());
            case "__timeGroup":
                return timeGroup(name, args);
            case "__timeGroupAlias":
                return timeGroup(name, args) + " AS \"time\"";
            default:
                throw new IllegalArgumentException("Unknown Grafana macro '$" + name + "'");
        }
    }

    private static String timeGroup(String name, String[] args) {
        long seconds = parseDuration(arg(name, args, 1).replace("'", "").replace("\"", "")).toSeconds();
        return "floor(extract(epoch from " + arg(name, args, 0) + ")/" + seconds + ")*" + seconds;
    }

    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("Invalid interval '" + text + "' in a Grafana macro: expected e.g. 10s, 5m, 1h");
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "ms":
                return Duration.ofMillis(n);
            case "s":
                return Duration.ofSeconds(n);
            case "m":
                return Duration.ofMinutes(n);
            case "h":
                return Duration.ofHours(n);
            case "d":
                return Duration.ofDays(n);
            default:
                return Duration.ofDays(7 * n);
        }
    }

    private static String arg(String name, String[] args, int i) {
        if (args.length <= i || args[i].isEmpty()) {
            throw new IllegalArgumentException("Macro '$" + name + "' needs argument " + (i + 1) + ", got "
                + args.length);
        }
        return args[i];
    }

    private static String literal(Instant t) {
        return "'" + DateTimeFormatter.ISO_INSTANT.format(t) + "'";
    }
}
