package io.flead.connect.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Replays one device file from an offset: reads records, decodes and parses them, and yields
 * {@link ReplayItem}s with their offsets, wrapping around when looping.
 */
public final class DeviceFileCursor implements Closeable {

    private final Path path;
    private final String file;
    private final String fileName;
    private final String fileDeviceId;
    private final DeviceCsvParser parser;
    private final boolean loop;
    private final LineDecoder decoder = new LineDecoder();

    private DeviceCsvReader reader;
    private ColumnPlan plan;
    private long headerEnd;
    private FileOffset offset;
    private ReplayItem pending;
    private boolean exhausted;
    private long firstTs = Long.MIN_VALUE;
    private long lastTs = Long.MIN_VALUE;

    /** A cursor over {@code path} (device id {@code fileDeviceId}, unless a column gives it) from {@code offset}. */
    public DeviceFileCursor(Path path, String fileDeviceId, FileOffset offset, DeviceCsvParser parser, boolean loop) {
        this.path = path;
        this.file = path.toString();
        this.fileName = path.getFileName().toString();
        this.fileDeviceId = fileDeviceId;
        this.parser = parser;
        this.loop = loop;
        this.offset = offset;
    }

    public String file() {
        return file;
    }

    /** The next item without consuming it, or null when the file is done. */
    public ReplayItem peek() {
        if (pending == null && !exhausted) {
            try {
                pending = read();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read device file '" + file + "': " + e.getMessage(), e);
            }
            exhausted |= pending == null;
        }
        return pending;
    }

    /** Consumes and returns the next item, or null when the file is done. */
    public ReplayItem take() {
        ReplayItem item = peek();
        pending = null;
        return item;
    }

    private ReplayItem read() throws IOException {
        if (reader == null) {
            ReplayItem headerProblem = open();
            if (headerProblem != null || plan == null) {
                exhausted = true;
                return headerProblem;
            }
        }
        while (true) {
            if (reader.next()) {
                return item();
            }
            if (!loop || !wrap()) {
                close();
                return null;
            }
        }
    }

    private ReplayItem open() throws IOException {
        try {
            reader = new DeviceCsvReader(path, 0, 1, parser.options());
        } catch (NoSuchFileException e) {
            BadRow gone = BadRow.of(fileName, 0, 0, "file vanished before it could be read", "");
            return new ReplayItem(file, fileDeviceId, 0, 0, null, gone, offset);
        }
        if (!reader.next()) {
            return null;
        }
        headerEnd = reader.endPosition();
        String text = decoder.decode(reader.bytes(), reader.length());
        BadRow problem = headerProblem(text);
        if (problem != null) {
            return new ReplayItem(file, fileDeviceId, 1, 0, null, problem, offset);
        }
        if (offset.position() > headerEnd) {
            reader.close();
            reader = new DeviceCsvReader(path, offset.position(), offset.line() + 1, parser.options());
        } else {
            offset = new FileOffset(reader.lastLine(), headerEnd, offset.pass(), offset.seqShift(), offset.tsShift());
        }
        return null;
    }

    private BadRow headerProblem(String text) {
        if (text == null || reader.overlong()) {
            return BadRow.of(fileName, 1, 1, text == null ? "invalid UTF-8 in the header" : "overlong header", "");
        }
        plan = parser.header(text);
        if (plan == null) {
            return BadRow.of(fileName, 1, 1, "header has broken quoting", text);
        }
        if (plan.indexOf(ColumnPlan.Role.TIME) < 0) {
            String column = parser.options().timeColumn();
            plan = null;
            return BadRow.of(fileName, 1, 1, "header has no time column '" + column + "'", text);
        }
        return null;
    }

    private ReplayItem item() {
        FileOffset next = new FileOffset(reader.lastLine(), reader.endPosition(), offset.pass(), offset.seqShift(), offset.tsShift());
        long line = reader.line();
        ParsedRow parsed = parse(line);
        offset = next;
        if (parsed instanceof BadRow bad) {
            return new ReplayItem(file, fileDeviceId, line + next.seqShift(), 0, null, bad, next);
        }
        DeviceRow row = (DeviceRow) parsed;
        lastTs = row.ts();
        String device = row.deviceId() != null ? row.deviceId() : fileDeviceId;
        return new ReplayItem(file, device, line + next.seqShift(), row.ts() + next.tsShift(), row, null, next);
    }

    private ParsedRow parse(long line) {
        if (reader.overlong()) {
            int column = DeviceCsvParser.columnAt(reader.bytes(), reader.length(), parser.options().delimiter());
            return BadRow.of(fileName, line, column, "overlong line: more than " + parser.options().lineMaxBytes()
                    + " bytes", decoded(reader.length()));
        }
        String text = decoder.decode(reader.bytes(), reader.length());
        if (text == null) {
            int at = decoder.errorIndex();
            int column = DeviceCsvParser.columnAt(reader.bytes(), at, parser.options().delimiter());
            return BadRow.of(fileName, line, column, "invalid UTF-8 byte 0x"
                    + Integer.toHexString(reader.bytes()[at] & 0xFF) + " at byte " + (at + 1), decoded(at));
        }
        return parser.parse(fileName, line, text, plan);
    }

    private String decoded(int validPrefix) {
        int n = Math.min(validPrefix, BadRow.RAW_MAX_CHARS);
        return new String(reader.bytes(), 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Starts the next pass; false when the file has no good row to replay. */
    private boolean wrap() throws IOException {
        long last = lastTs != Long.MIN_VALUE ? lastTs : scanTs(false);
        if (last == Long.MIN_VALUE) {
            return false;
        }
        if (firstTs == Long.MIN_VALUE) {
            firstTs = scanTs(true);
        }
        long lastLine = offset.line();
        reader.close();
        reader = new DeviceCsvReader(path, headerEnd, 2, parser.options());
        offset = LoopShift.nextPass(new FileOffset(1, headerEnd, offset.pass(), offset.seqShift(), offset.tsShift()),
                firstTs, last, lastLine);
        return true;
    }

    /** The first (or last) good event time of the file, scanning it; Long.MIN_VALUE when it has none. */
    private long scanTs(boolean first) throws IOException {
        long found = Long.MIN_VALUE;
        try (DeviceCsvReader scan = new DeviceCsvReader(path, headerEnd, 2, parser.options())) {
            while (scan.next()) {
                String text = scan.overlong() ? null : decoder.decode(scan.bytes(), scan.length());
                if (text != null && parser.parse(fileName, scan.line(), text, plan) instanceof DeviceRow row) {
                    found = row.ts();
                    if (first) {
                        return found;
                    }
                }
            }
        }
        return found;
    }

    @Override
    public void close() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                // closing a read-only channel cannot lose data
            }
        }
    }
}
