package io.flead.connect.csv;

/**
 * One thing a device file yields in replay: a good row with its key, shifted time and seq, or a bad row;
 * both carry the file offset reached after them.
 *
 * @param file the file's absolute path (the source partition)
 * @param deviceId the device id (record key)
 * @param seq the line number plus the loop shift
 * @param ts the event time plus the loop shift
 * @param row the parsed row, or null for a bad row
 * @param bad the bad row, or null for a good row
 * @param offset the offset after this item
 */
public record ReplayItem(String file, String deviceId, long seq, long ts, DeviceRow row, BadRow bad, FileOffset offset) {

    /** Whether this is a bad row. */
    public boolean isBad() {
        return bad != null;
    }
}
