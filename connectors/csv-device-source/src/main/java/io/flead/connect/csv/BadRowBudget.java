package io.flead.connect.csv;

/** Counts a task's bad rows and says when they pass {@code bad.rows.max}. */
public final class BadRowBudget {

    private final long max;
    private long count;

    /** A budget of {@code max} bad rows; -1 for no limit. */
    public BadRowBudget(long max) {
        this.max = max;
    }

    /** Counts {@code bad} (of device {@code key}); returns why the task must fail, or null while within budget. */
    public String add(String key, BadRow bad) {
        count++;
        if (max < 0 || count <= max) {
            return null;
        }
        return "Too many bad rows: " + count + " bad rows exceed '" + CsvDeviceSourceConfig.BAD_ROWS_MAX + "'=" + max
                + "; the last, of device '" + key + "', was " + bad.describe();
    }

    public long count() {
        return count;
    }
}
