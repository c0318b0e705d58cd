package io.flead.connect.csv;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Replays one device file from an offset: reads records, decodes and parses them, and yields
 * {@link ReplayItem}s with their offsets, wrapping around when looping.
 *
 * <p>Hostile content becomes a {@link BadRow} and the rest flows:
 * <ul>
 * <li>A record whose quoted field spans lines is accepted only when it splits into the header's columns. One
 * that does not (it is overlong, not UTF-8, or has broken quoting or another column count), which is what a
 * stray opening quote produces, is cut back to its first line: that line alone is reported (for a stray quote:
 * unterminated quote, at the column where it opened), and the following lines are read again as records of
 * their own, so that every good row after it is replayed and every bad one is named by its own line.</li>
 * <li>A header that repeats a column name (after trimming) would make one value overwrite the other, so the
 * file is reported once (line 1, the column of the second occurrence) and not replayed.</li>
 * <li>An I/O failure (a file that cannot be opened or read) ends the file with one report naming the line it
 * was reading (1 for the header); the offset stays where it was, so a restarted task tries the file again.</li>
 * <li>A file that changed since its offset was stored ({@link FileChange}) is reported once, at line 0, and then
 * replayed from its start, skipped or left for the task to fail, as {@link FileChangedPolicy} says. Every offset
 * the cursor yields carries the file's identity as it found it on opening.</li>
 * </ul>
 */
public final class DeviceFileCursor implements Closeable {

    private final Path path;
    private final String file;
    private final String fileName;
    private final String fileDeviceId;
    private final DeviceCsvParser parser;
    private final boolean loop;
    private final FileChangedPolicy changedPolicy;
    private final LineDecoder decoder = new LineDecoder();

    private DeviceCsvReader reader;
    private ColumnPlan plan;
    private long headerEnd;
    private FileIdentity identity;
    private FileOffset offset;
    private ReplayItem pending;
    private boolean exhausted;
    private long firstTs = Long.MIN_VALUE;
    private long lastTs = Long.MIN_VALUE;

    /**
     * A cursor over {@code path} (device id {@code fileDeviceId}, unless a column gives it) from {@code offset};
     * {@code changedPolicy} says what to do when the file changed since {@code offset} was stored.
     */
    public DeviceFileCursor(Path path, String fileDeviceId, FileOffset offset, DeviceCsvParser parser, boolean loop,
                            FileChangedPolicy changedPolicy) {
        this.path = path;
        this.file = path.toString();
        this.fileName = path.getFileName().toString();
        this.fileDeviceId = fileDeviceId;
        this.parser = parser;
        this.loop = loop;
        this.changedPolicy = changedPolicy;
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
                exhausted |= pending == null;
            } catch (IOException e) {
                pending = unreadable(e);
                exhausted = true;
                close();
            }
        }
        return pending;
    }

    /** The report of an I/O failure, at the line being read; the offset does not move past it. */
    private ReplayItem unreadable(IOException e) {
        long line = plan == null ? 1 : offset.line() + 1;
        BadRow bad = BadRow.of(fileName, line, 1, "cannot read the file: " + why(e), "");
        return new ReplayItem(file, fileDeviceId, line + offset.seqShift(), 0, null, bad, offset);
    }

    /** What went wrong, without the path the report already names (FileSystemException messages repeat it). */
    private static String why(IOException e) {
        if (e instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Consumes and returns the next item, or null when the file is done. */
    public ReplayItem take() {
        ReplayItem item = peek();
        pending = null;
        return item;
    }

    private ReplayItem read() throws IOException {
        if (reader == null) {
            ReplayItem report = open();
            if (report != null) {
                return report;
            }
        }
        if (plan == null) {
            ReplayItem headerProblem = header();
            if (plan == null) {
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

    /** Opens the file and checks it against the stored offset; returns the report of a vanished or changed file. */
    private ReplayItem open() throws IOException {
        try {
            reader = new DeviceCsvReader(path, 0, 1, parser.options());
        } catch (NoSuchFileException e) {
            exhausted = true;
            BadRow gone = BadRow.of(fileName, 0, 0, "file vanished before it could be read", "");
            return new ReplayItem(file, fileDeviceId, 0, 0, null, gone, offset);
        }
        FileFacts facts = FileFacts.read(path, parser.options(), offset);
        identity = facts.now();
        String change = FileChange.detect(offset, facts);
        return change == null ? null : changed(change);
    }

    /** Applies the policy to a file that changed and returns its report, carrying the offset the file goes on from. */
    private ReplayItem changed(String change) throws IOException {
        String reason = "file changed since its offset was stored: " + change + "; " + changedPolicy.action();
        switch (changedPolicy) {
            case RESTART -> offset = FileOffset.START.withIdentity(identity);
            case SKIP -> {
                offset = end();
                exhausted = true;
                close();
            }
            case FAIL -> {
                exhausted = true; // the offset stays: a restarted task finds the change again
                close();
            }
        }
        return ReplayItem.changed(file, fileDeviceId, BadRow.of(fileName, 0, 0, reason, ""), offset);
    }

    /** The offset at the end of the file as it is now, found by reading its records without parsing them. */
    private FileOffset end() throws IOException {
        while (reader.next()) {
            // only the line count and the end position matter
        }
        return new FileOffset(reader.lastLine(), reader.endPosition(), 0, 0, 0, identity);
    }

    /** Reads the header, then seeks to the stored position; returns the report of a header that cannot be used. */
    private ReplayItem header() throws IOException {
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
            offset = offset.withIdentity(identity);
        } else {
            offset = new FileOffset(reader.lastLine(), headerEnd, offset.pass(), offset.seqShift(), offset.tsShift(),
                    identity);
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
        int repeat = plan.firstRepeat();
        if (repeat >= 0) {
            String name = plan.name(repeat);
            int first = plan.indexOf(name) + 1;
            plan = null;
            return BadRow.of(fileName, 1, repeat + 1, "header repeats column name '" + name + "' (first in column "
                    + first + ")", text);
        }
        if (plan.indexOf(ColumnPlan.Role.TIME) < 0) {
            String column = parser.options().timeColumn();
            plan = null;
            return BadRow.of(fileName, 1, 1, "header has no time column '" + column + "'", text);
        }
        return null;
    }

    private ReplayItem item() throws IOException {
        long line = reader.line();
        ParsedRow parsed = parseRecord(reader);
        FileOffset next = offset.at(reader.lastLine(), reader.endPosition());
        offset = next;
        if (parsed instanceof BadRow bad) {
            return new ReplayItem(file, fileDeviceId, line + next.seqShift(), 0, null, bad, next);
        }
        DeviceRow row = (DeviceRow) parsed;
        lastTs = row.ts();
        String device = row.deviceId() != null ? row.deviceId() : fileDeviceId;
        return new ReplayItem(file, device, line + next.seqShift(), row.ts() + next.tsShift(), row, null, next);
    }

    /** Parses the current record of {@code r}, cutting a multi-line record that does not fit back to its first line. */
    private ParsedRow parseRecord(DeviceCsvReader r) throws IOException {
        ParsedRow parsed = parse(r);
        if (parsed instanceof BadRow && r.spansLines() && !fitsHeader(r) && r.cutToFirstLine()) {
            parsed = parse(r);
        }
        return parsed;
    }

    private boolean fitsHeader(DeviceCsvReader r) {
        String text = r.overlong() ? null : decoder.decode(r.bytes(), r.length());
        return text != null && parser.splitsInto(text, plan);
    }

    private ParsedRow parse(DeviceCsvReader r) {
        long line = r.line();
        if (r.overlong()) {
            int column = DeviceCsvParser.columnAt(r.bytes(), r.length(), parser.options().delimiter());
            return BadRow.of(fileName, line, column, "overlong line: more than " + parser.options().lineMaxBytes()
                    + " bytes", decoded(r, r.length()));
        }
        String text = decoder.decode(r.bytes(), r.length());
        if (text == null) {
            int at = decoder.errorIndex();
            int column = DeviceCsvParser.columnAt(r.bytes(), at, parser.options().delimiter());
            return BadRow.of(fileName, line, column, "invalid UTF-8 byte 0x"
                    + Integer.toHexString(r.bytes()[at] & 0xFF) + " at byte " + (at + 1), decoded(r, at));
        }
        return parser.parse(fileName, line, text, plan);
    }

    private static String decoded(DeviceCsvReader r, int validPrefix) {
        int n = Math.min(validPrefix, BadRow.RAW_MAX_CHARS);
        return new String(r.bytes(), 0, n, StandardCharsets.UTF_8);
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
        offset = LoopShift.nextPass(offset.at(1, headerEnd), firstTs, last, lastLine);
        return true;
    }

    /** The first (or last) good event time of the file, scanning it; Long.MIN_VALUE when it has none. */
    private long scanTs(boolean first) throws IOException {
        long found = Long.MIN_VALUE;
        try (DeviceCsvReader scan = new DeviceCsvReader(path, headerEnd, 2, parser.options())) {
            while (scan.next()) {
                if (parseRecord(scan) instanceof DeviceRow row) {
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
