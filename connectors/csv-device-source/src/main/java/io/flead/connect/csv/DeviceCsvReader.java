package io.flead.connect.csv;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the records of one CSV file as raw bytes from a byte position, tracking exact byte positions and
 * line numbers so that a restart can seek instead of re-reading.
 *
 * <p>A record ends at a LF outside quotes (a CR before it is dropped), so quoted fields may hold line
 * breaks; such a record keeps the number of the line it starts on. A record longer than
 * {@code lineMaxBytes} is cut at its next LF, quotes or not, and reported as overlong. A UTF-8 BOM at
 * the start of the file is skipped.
 *
 * <p>A record that spans lines can be cut back to its first line ({@link #cutToFirstLine()}), the reader
 * then going on from the line after it: that is how a stray opening quote is kept from swallowing the
 * rows that follow it (the rule is {@link DeviceFileCursor}'s).
 */
public final class DeviceCsvReader implements Closeable {

    private static final int BUFFER_BYTES = 16 * 1024;
    private static final int NONE = Integer.MIN_VALUE;
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private final int delimiter;
    private final int quote;
    private final int escape;
    private final int maxBytes;

    private byte[] record = new byte[1024];
    private int length;
    private boolean overlong;
    private long position;
    private long nextLine;
    private long recordLine;
    private long recordEnd;
    private int firstBreak;
    private long firstBreakEnd;
    private boolean eof;

    /** Opens {@code file} at byte {@code position}, whose line number is {@code line} (1-based). */
    public DeviceCsvReader(Path file, long position, long line, CsvOptions options) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.delimiter = options.delimiter();
        this.quote = options.quote() == null ? NONE : options.quote();
        this.escape = options.escape() == null ? NONE : options.escape();
        this.maxBytes = options.lineMaxBytes();
        this.position = position;
        this.nextLine = line;
        try {
            channel.position(position);
            buffer.limit(0);
            if (position == 0) {
                skipBom();
            }
        } catch (IOException e) {
            channel.close(); // a directory opens, then fails its first read
            throw e;
        }
    }

    private void skipBom() throws IOException {
        if (fill() && buffer.remaining() >= 3 && buffer.get(0) == (byte) 0xEF && buffer.get(1) == (byte) 0xBB
                && buffer.get(2) == (byte) 0xBF) {
            buffer.position(3);
            position = 3;
        }
    }

    /** Reads the next record; false at end of file. */
    public boolean next() throws IOException {
        length = 0;
        overlong = false;
        firstBreak = -1;
        recordLine = nextLine;
        if (!fill()) {
            return false;
        }
        int state = FIELD_START;
        boolean escaped = false;
        while (true) {
            if (!buffer.hasRemaining() && !fill()) {
                nextLine++;
                break;
            }
            byte b = buffer.get();
            position++;
            if (b == '\n') {
                nextLine++;
                if (overlong || (state != QUOTED && !escaped)) {
                    break; // a LF ends the record unless quoted or escaped, as commons-csv reads it
                }
                if (firstBreak < 0) {
                    firstBreak = length;
                    firstBreakEnd = position;
                }
            }
            append(b);
            if (escaped) {
                escaped = false;
            } else if (b == escape) {
                escaped = true;
            } else {
                state = step(state, b);
            }
        }
        if (length > 0 && record[length - 1] == '\r' && !overlong) {
            length--;
        }
        recordEnd = position;
        return true;
    }

    /**
     * Cuts the current record back to its first line (without its line break) and moves the reader to the line
     * after it, which the next {@link #next()} reads; false, changing nothing, when the record has one line.
     */
    public boolean cutToFirstLine() throws IOException {
        if (firstBreak < 0) {
            return false;
        }
        length = firstBreak > 0 && record[firstBreak - 1] == '\r' ? firstBreak - 1 : firstBreak;
        overlong = false;
        nextLine = recordLine + 1;
        position = firstBreakEnd;
        recordEnd = firstBreakEnd;
        firstBreak = -1;
        channel.position(position);
        buffer.limit(0);
        eof = false;
        return true;
    }

    private int step(int state, byte b) {
        switch (state) {
            case FIELD_START:
                return b == quote ? QUOTED : b == delimiter ? FIELD_START : UNQUOTED;
            case UNQUOTED:
                return b == delimiter ? FIELD_START : UNQUOTED;
            case QUOTED:
                return b == quote ? QUOTE_IN_QUOTED : QUOTED;
            default:
                return b == quote ? QUOTED : b == delimiter ? FIELD_START : UNQUOTED;
        }
    }

    private void append(byte b) {
        if (length >= maxBytes) {
            overlong = true;
            return;
        }
        if (length == record.length) {
            byte[] bigger = new byte[Math.min(maxBytes, record.length * 2)];
            System.arraycopy(record, 0, bigger, 0, length);
            record = bigger;
        }
        record[length++] = b;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (buffer.hasRemaining()) {
            return true;
        }
        buffer.clear();
        int n = channel.read(buffer);
        buffer.flip();
        if (n <= 0) {
            eof = true;
            return false;
        }
        return true;
    }

    /** The bytes of the current record (valid up to {@link #length()}, without its line break). */
    public byte[] bytes() { return record; }

    /** The number of bytes of the current record kept (at most {@code lineMaxBytes}). */
    public int length() { return length; }

    /** Whether the current record was longer than {@code lineMaxBytes} and was cut. */
    public boolean overlong() { return overlong; }

    /** Whether the current record holds a line break (a quoted field spanning lines). */
    public boolean spansLines() { return firstBreak >= 0; }

    /** The line the current record starts on. */
    public long line() { return recordLine; }

    /** The last line the current record covers. */
    public long lastLine() { return nextLine - 1; }

    /** The byte position just after the current record (where the next one starts). */
    public long endPosition() { return recordEnd; }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
