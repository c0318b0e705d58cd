package io.flead.connect.csv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * What a task reads of a device file when it opens it, to compare with the offset stored for it: a few small reads,
 * never the rows already consumed.
 *
 * @param now the file's identity now: its size, and the CRC32C of its header and first data record
 * @param storedHeadCrc the CRC32C of as many first bytes as the stored identity covers; {@link #NO_CRC} when the
 *                      offset carries no identity or the file is shorter than that
 * @param lineStart whether the stored position starts a line (the byte before it is a line feed), or is the start
 *                  or the end of the file
 */
public record FileFacts(FileIdentity now, long storedHeadCrc, boolean lineStart) {

    /** No CRC: nothing to compare. */
    public static final long NO_CRC = -1;

    /** Reads the facts of {@code path}, whose records {@code options} delimits, for the {@code stored} offset. */
    public static FileFacts read(Path path, CsvOptions options, FileOffset stored) throws IOException {
        long headEnd = Math.min(FileIdentity.HEAD_MAX_BYTES, headEnd(path, options));
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            int nowBytes = (int) Math.min(size, headEnd);
            FileIdentity id = stored.identity();
            boolean comparable = id != null && id.headBytes() <= size;
            byte[] head = readFully(channel, 0, Math.max(nowBytes, comparable ? (int) id.headBytes() : 0));
            FileIdentity now = new FileIdentity(size, nowBytes, crc(head, nowBytes));
            long storedCrc = comparable ? crc(head, (int) id.headBytes()) : NO_CRC;
            boolean lineStart = stored.position() <= 0 || stored.position() >= size
                    || readFully(channel, stored.position() - 1, 1)[0] == '\n';
            return new FileFacts(now, storedCrc, lineStart);
        }
    }

    /** The byte position after the header and the first data record (or what of them the file holds). */
    private static long headEnd(Path path, CsvOptions options) throws IOException {
        long end = 0;
        try (DeviceCsvReader reader = new DeviceCsvReader(path, 0, 1, options)) {
            for (int record = 0; record < 2 && reader.next(); record++) {
                end = reader.endPosition();
            }
        }
        return end;
    }

    private static byte[] readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the file ended at byte " + (position + buffer.position()) + " while being read");
            }
        }
        return buffer.array();
    }

    private static long crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }
}
