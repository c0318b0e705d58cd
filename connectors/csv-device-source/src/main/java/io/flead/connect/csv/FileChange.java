package io.flead.connect.csv;

/**
 * Tells whether a device file changed since an offset was stored for it. A file that only grew (rows appended) has
 * not changed; one that is shorter than before, starts with other bytes, or whose stored position no longer starts
 * a line was truncated, rewritten or replaced, and resuming it at the stored position would skip or tear rows.
 */
public final class FileChange {

    private FileChange() {
    }

    /**
     * What changed in the file since {@code stored} was written, or null when it did not change (or nothing was
     * stored). An offset without identity (stored by an older version) is checked against its position only.
     */
    public static String detect(FileOffset stored, FileFacts facts) {
        FileIdentity id = stored.identity();
        FileIdentity now = facts.now();
        if (stored.position() == 0 && id == null) {
            return null;
        }
        String at = "the stored position " + stored.position() + " (line " + stored.line() + ")";
        if (now.size() < stored.position()) {
            return "it is " + now.size() + " bytes, shorter than " + at;
        }
        if (id != null && now.size() < id.size()) {
            return "it shrank from " + id.size() + " to " + now.size() + " bytes";
        }
        if (id != null && facts.storedHeadCrc() != id.headCrc()) {
            return "its first " + id.headBytes() + " bytes (header and first row) differ: CRC32C "
                    + (facts.storedHeadCrc() == FileFacts.NO_CRC ? "none" : FileIdentity.hex(facts.storedHeadCrc()))
                    + ", stored " + FileIdentity.hex(id.headCrc());
        }
        if (!facts.lineStart()) {
            return at + " is not at the start of a line";
        }
        return null;
    }
}
