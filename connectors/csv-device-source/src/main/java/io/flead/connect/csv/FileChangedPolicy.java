package io.flead.connect.csv;

import java.util.Locale;

/** What a task does with a device file that changed since its offset was stored ({@code file.changed.policy}). */
public enum FileChangedPolicy {

    /** Replays the file from its start, as a new file. */
    RESTART("replaying it from its start"),
    /** Leaves the rows the file holds now; rows appended to it later are replayed. */
    SKIP("skipping the rows it holds now"),
    /** Stops the task, naming the file. */
    FAIL("stopping the task");

    private final String action;

    FileChangedPolicy(String action) {
        this.action = action;
    }

    /** The values {@code file.changed.policy} accepts. */
    public static final String[] CONFIG_VALUES = {"restart", "skip", "fail"};

    /** The policy a config value names. */
    public static FileChangedPolicy fromConfig(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** What the task does, for the report: {@code replaying it from its start ('file.changed.policy'=restart)}. */
    public String action() {
        return action + " ('" + CsvDeviceSourceConfig.FILE_CHANGED_POLICY + "'=" + name().toLowerCase(Locale.ROOT) + ")";
    }
}
