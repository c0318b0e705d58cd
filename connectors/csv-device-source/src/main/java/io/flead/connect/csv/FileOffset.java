package io.flead.connect.csv;

import java.util.Map;
import java.util.Set;

/**
 * How far a device file has been replayed: the last line consumed and the byte position after it, plus,
 * once {@code replay.loop} has wrapped the file, the pass number and the seq and time shifts of that pass.
 *
 * @param line the last line consumed (1 after the header alone)
 * @param position the byte position where the next record starts
 * @param pass the loop pass, 0 for the first
 * @param seqShift added to line numbers to make seq in this pass
 * @param tsShift added to event times in this pass, in milliseconds
 */
public record FileOffset(long line, long position, long pass, long seqShift, long tsShift) {

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

    private static final Set<String> KEYS = Set.of(LINE, POSITION, PASS, SEQ_SHIFT, TS_SHIFT);

    /** The start of a file: nothing consumed. */
    public static final FileOffset START = new FileOffset(0, 0, 0, 0, 0);

    /** The source partition of {@code file}. */
    public static Map<String, Object> partition(String file) {
        return Map.of(FILE, file);
    }

    /** This offset as a Connect offset map; the loop keys appear only once a file has wrapped. */
    public Map<String, Object> toMap() {
        if (pass == 0) {
            return Map.of(LINE, line, POSITION, position);
        }
        return Map.of(LINE, line, POSITION, position, PASS, pass, SEQ_SHIFT, seqShift, TS_SHIFT, tsShift);
    }

    /** The offset stored in {@code map}, or {@link #START} for null; call {@link #problem} first on foreign input. */
    public static FileOffset fromMap(Map<String, ?> map) {
        if (map == null) {
            return START;
        }
        return new FileOffset(longOf(map, LINE, 0), longOf(map, POSITION, 0), longOf(map, PASS, 0),
                longOf(map, SEQ_SHIFT, 0), longOf(map, TS_SHIFT, 0));
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
            if (!(offset.get(key) instanceof Number n) || n instanceof Double || n instanceof Float || n.longValue() < 0) {
                return "offset " + offset + " for file '" + file + "' needs '" + key + "' as a non-negative integer";
            }
        }
        for (String key : new String[] {PASS, SEQ_SHIFT, TS_SHIFT}) {
            Object v = offset.get(key);
            if (v != null && (!(v instanceof Number) || v instanceof Double || v instanceof Float)) {
                return "offset " + offset + " for file '" + file + "' needs '" + key + "' as an integer";
            }
        }
        return null;
    }
}
