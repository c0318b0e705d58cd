package io.flead.connect.csv;

/**
 * Decides when the next record may be emitted: at once ({@code max}), at a fixed rate ({@code rate}), or
 * at the original event spacing divided by a speed-up ({@code event-time}). Time is passed in.
 */
public final class ReplayPacer {

    /** Pacing modes, named as in {@code replay.mode}. */
    public enum Mode {
        MAX, RATE, EVENT_TIME;

        /** The mode named {@code name} ('max', 'rate', 'event-time'). */
        public static Mode fromConfig(String name) {
            return switch (name) {
                case "rate" -> RATE;
                case "event-time" -> EVENT_TIME;
                default -> MAX;
            };
        }
    }

    /** How far behind schedule a rate may fall before it stops catching up, in ms. */
    static final long MAX_BACKLOG_MS = 1_000;

    private final Mode mode;
    private final double perSecond;
    private final double speedup;
    private long startWall = Long.MIN_VALUE;
    private long startEvent;
    private long emitted;

    /** A pacer; {@code perSecond} is used by RATE, {@code speedup} by EVENT_TIME. */
    public ReplayPacer(Mode mode, double perSecond, double speedup) {
        this.mode = mode;
        this.perSecond = perSecond;
        this.speedup = speedup;
    }

    /** Milliseconds to wait at {@code now} before the record with event time {@code eventTs} may go; 0 for now. */
    public long delayMs(long now, long eventTs) {
        if (mode == Mode.MAX || startWall == Long.MIN_VALUE) {
            return 0;
        }
        long due = mode == Mode.RATE
                ? startWall + (long) Math.ceil(emitted * 1000.0 / perSecond)
                : startWall + (long) Math.ceil((eventTs - startEvent) / speedup);
        return Math.max(0, due - now);
    }

    /** Records that the record with event time {@code eventTs} went at {@code now}. */
    public void emitted(long now, long eventTs) {
        if (startWall == Long.MIN_VALUE) {
            startWall = now;
            startEvent = eventTs;
        }
        emitted++;
        if (mode == Mode.RATE && now - (startWall + (long) (emitted * 1000.0 / perSecond)) > MAX_BACKLOG_MS) {
            startWall = now;
            emitted = 1;
        }
    }
}
