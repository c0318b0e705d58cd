package io.flead.connect.csv;

/** The seq and time shifts of the next pass when {@code replay.loop} wraps a file. */
public final class LoopShift {

    private LoopShift() {
    }

    /**
     * The offset of the next pass: seq continues after the last line, and time continues one mean
     * event spacing after the last event of the pass.
     *
     * @param current the offset at the end of the pass
     * @param firstTs the first event time of the file (unshifted)
     * @param lastTs the last event time of the file (unshifted)
     * @param lastLine the last line of the file
     */
    public static FileOffset nextPass(FileOffset current, long firstTs, long lastTs, long lastLine) {
        long span = Math.max(0, lastTs - firstTs);
        long rows = Math.max(1, lastLine - 1);
        long gap = rows > 1 ? Math.max(1, span / (rows - 1)) : 1000;
        return new FileOffset(1, current.position(), current.pass() + 1,
                current.seqShift() + lastLine, current.tsShift() + span + gap, current.identity());
    }
}
