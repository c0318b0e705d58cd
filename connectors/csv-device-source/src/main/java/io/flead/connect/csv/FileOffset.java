package io.flead.connect.csv;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How far a device file has been replayed: the last line consumed and the byte position after it, plus,
 * once {@code replay.loop} has wrapped the file, the pass number and the seq and time shifts of that pass,
 * and the identity of the file's content these positions are about.
 *
 * @param line the last line consumed (1 after the header alone)
 * @param position the byte position where the next record starts
 * @param pass the loop pass, 0 for the first
 * @param seqShift added to line numbers to make seq in this pass
 * @param tsShift added to event times in this pass, in milliseconds
 * @param identity the file's identity when a task opened it; null when unknown (an offset stored before offsets
 *                 carried it, or one set through the REST API without it)
 */
public record FileOffset(long line, long position, long pass, long seqShift, long tsShift, FileIdentity identity) {

    /** Source partition key: the file's absolute path. */
    public static final String FILE = "file";
    /** Offset key: the last line consumed. */
    public static final String LINE = "line";
    /** Offset key: the byte position after the last record consumed. */
    public static final String POSITION = "position";
    /** Offset key present once looping: the pass number. */
    public static final String PASS = "pass";
    /** Offset key present once looping: the seq shift of the pass. */
    public static final String SEQ_SHIFT = "seq_shift";
    /** Offset key present once looping: the event-time shift of the pass. */
    public static final String TS_SHIFT = "ts_shift";
    /** Offset key of the identity: the file's size when a task opened it. */
    public static final String SIZE = "size";
    /** Offset key of the identity: how many bytes at the start of the file {@link #HEAD_CRC} covers. */
    public static final String HEAD_BYTES = "head_bytes";
    /** Offset key of the identity: the CRC32C of the file's first {@link #HEAD_BYTES} bytes. */
    public static final String HEAD_CRC = "head_crc";

    private static final Set<String> KEYS = Set.of(LINE, POSITION, PASS, SEQ_SHIFT, TS_SHIFT, SIZE, HEAD_BYTES, HEAD_CRC);

    /** The start of a file: nothing consumed, identity unknown. */
    public static final FileOffset START = new FileOffset(0, 0, 0, 0, 0);

    /** An offset whose file identity is unknown. */
    public FileOffset(long line, long position, long pass, long seqShift, long tsShift) {
        this(line, position, pass, seqShift, tsShift, null);
    }

    /** This offset, about the file whose identity is {@code id}. */
    public FileOffset withIdentity(FileIdentity id) {
        return new FileOffset(line, position, pass, seqShift, tsShift, id);
    }

    /** This offset at {@code newLine} and {@code newPosition}, in the same pass of the same file. */
    public FileOffset at(long newLine, long newPosition) {
        return new FileOffset(newLine, newPosition, pass, seqShift, tsShift, identity);
    }

    /** The source partition of {@code file}. */
    public static Map<String, Object> partition(String file) {
        return Map.of(FILE, file);
    }

    /**
     * This offset as a Connect offset map; the loop keys appear only once a file has wrapped, the identity keys
     * when the identity is known.
     */
    public Map<String, Object> toMap() {
        if (identity == null) {
            return pass == 0 ? Map.of(LINE, line, POSITION, position)
                    : Map.of(LINE, line, POSITION, position, PASS, pass, SEQ_SHIFT, seqShift, TS_SHIFT, tsShift);
        }
        if (pass == 0) {
            return Map.of(LINE, line, POSITION, position, SIZE, identity.size(), HEAD_BYTES, identity.headBytes(),
                    HEAD_CRC, identity.headCrc());
        }
        return Map.of(LINE, line, POSITION, position, PASS, pass, SEQ_SHIFT, seqShift, TS_SHIFT, tsShift,
                SIZE, identity.size(), HEAD_BYTES, identity.headBytes(), HEAD_CRC, identity.headCrc());
    }

    /** The offset stored in {@code map}, or {@link #START} for null; call {@link #problem} first on foreign input. */
    public static FileOffset fromMap(Map<String, ?> map) {
        if (map == null) {
            return START;
        }
        FileIdentity identity = map.get(SIZE) instanceof Number && map.get(HEAD_BYTES) instanceof Number
                && map.get(HEAD_CRC) instanceof Number
                ? new FileIdentity(longOf(map, SIZE, 0), longOf(map, HEAD_BYTES, 0), longOf(map, HEAD_CRC, 0)) : null;
        return new FileOffset(longOf(map, LINE, 0), longOf(map, POSITION, 0), longOf(map, PASS, 0),
                longOf(map, SEQ_SHIFT, 0), longOf(map, TS_SHIFT, 0), identity);
    }

    private static long longOf(Map<String, ?> map, String key, long otherwise) {
        Object v = map.get(key);
        return v instanceof Number n ? n.longValue() : otherwise;
    }

    /** What is wrong with a partition/offset pair given to alterOffsets, or null when its shape is right. */
    public static String problem(Map<String, ?> partition, Map<String, ?> offset) {
        if (partition == null || !(partition.get(FILE) instanceof String file) || file.isEmpty() || partition.size() != 1) {
            return "source partition " + partition + " must be a map with exactly one key '" + FILE + "' holding a file path";
        }
        if (offset == null) {
            return null;
        }
        for (String key : offset.keySet()) {
            if (!KEYS.contains(key)) {
                return "offset " + offset + " for file '" + file + "' has unknown key '" + key + "'; allowed: " + KEYS;
            }
        }
        for (String key : new String[] {LINE, POSITION}) {
            if (!isInteger(offset.get(key), 0, Long.MAX_VALUE)) {
                return "offset " + offset + " for file '" + file + "' needs '" + key + "' as a non-negative integer";
            }
        }
        for (String key : new String[] {PASS, SEQ_SHIFT, TS_SHIFT}) {
            Object v = offset.get(key);
            if (v != null && !isInteger(v, Long.MIN_VALUE, Long.MAX_VALUE)) {
                return "offset " + offset + " for file '" + file + "' needs '" + key + "' as an integer";
            }
        }
        return identityProblem(file, offset);
    }

    private static String identityProblem(String file, Map<String, ?> offset) {
        Map<String, long[]> ranges = new LinkedHashMap<>();
        ranges.put(SIZE, new long[] {0, Long.MAX_VALUE});
        ranges.put(HEAD_BYTES, new long[] {0, FileIdentity.HEAD_MAX_BYTES});
        ranges.put(HEAD_CRC, new long[] {0, 0xFFFF_FFFFL});
        long present = ranges.keySet().stream().filter(offset::containsKey).count();
        if (present == 0) {
            return null;
        }
        if (present < ranges.size()) {
            return "offset " + offset + " for file '" + file + "' needs all of '" + SIZE + "', '" + HEAD_BYTES
                    + "' and '" + HEAD_CRC + "' or none of them";
        }
        for (Map.Entry<String, long[]> range : ranges.entrySet()) {
            long[] r = range.getValue();
            if (!isInteger(offset.get(range.getKey()), r[0], r[1])) {
                return "offset " + offset + " for file '" + file + "' needs '" + range.getKey() + "' as an integer from "
                        + r[0] + " to " + r[1];
            }
        }
        return null;
    }

    private static boolean isInteger(Object v, long min, long max) {
        return v instanceof Number n && !(n instanceof Double) && !(n instanceof Float) && n.longValue() >= min
                && n.longValue() <= max;
    }
}
