package io.flead.connect.csv;

/**
 * What a stored offset remembers of its file's content, to tell a file that only grew from one that was truncated,
 * rewritten or replaced under the same name: its size when a task opened it and a CRC32C of its first bytes.
 *
 * @param size the file's size in bytes when a task opened it
 * @param headBytes how many bytes at the start of the file {@code headCrc} covers: the header and the first data
 *                  record (at most {@link #HEAD_MAX_BYTES}), or what of them the file held
 * @param headCrc the CRC32C of those bytes
 */
public record FileIdentity(long size, long headBytes, long headCrc) {

    /** The most bytes the head covers. */
    public static final int HEAD_MAX_BYTES = 64 * 1024;

    /** A short description for reports: {@code size 1200 bytes, first 96 bytes CRC32C 1a2b3c4d}. */
    public String describe() {
        return "size " + size + " bytes, first " + headBytes + " bytes CRC32C " + hex(headCrc);
    }

    static String hex(long crc) {
        return String.format("%08x", crc);
    }
}
