package io.flead.connect.csv;

/**
 * One thing a device file yields in replay: a good row with its key, shifted time and seq, or a bad row (a report
 * about a row or the whole file); both carry the file offset reached after them.
 *
 * @param file the file's absolute path (the source partition)
 * @param deviceId the device id (record key)
 * @param seq the line number plus the loop shift
 * @param ts the event time plus the loop shift
 * @param row the parsed row, or null for a bad row
 * @param bad the bad row, or null for a good row
 * @param offset the offset after this item
 * @param fileChanged whether {@code bad} reports a file that changed since its offset was stored (not a bad row)
 */
public record ReplayItem(String file, String deviceId, long seq, long ts, DeviceRow row, BadRow bad, FileOffset offset,
                         boolean fileChanged) {

    /** A good row, or a report that is not about a changed file. */
    public ReplayItem(String file, String deviceId, long seq, long ts, DeviceRow row, BadRow bad, FileOffset offset) {
        this(file, deviceId, seq, ts, row, bad, offset, false);
    }

    /** The report of a file that changed since its offset was stored; {@code offset} is where the file goes on. */
    public static ReplayItem changed(String file, String deviceId, BadRow report, FileOffset offset) {
        return new ReplayItem(file, deviceId, 0, 0, null, report, offset, true);
    }

    /** Whether this is a bad row. */
    public boolean isBad() {
        return bad != null;
    }
}
