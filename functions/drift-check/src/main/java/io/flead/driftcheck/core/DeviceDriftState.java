package io.flead.driftcheck.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The drift state of one device: a ring of window blocks, the Page-Hinkley fold and the alert gate.
 *
 * <p>Its size depends only on the settings and the number of features, never on the rows seen. It is
 * mutated in place by {@link DriftDetector} and owned by one device at a time.
 */
public final class DeviceDriftState {
    private final String deviceId;
    private WindowBlock[] blocks;
    private int head;
    private boolean headFull;
    private boolean checkDue;
    private final PageHinkley pageHinkley = new PageHinkley();
    private long pageHinkleyVersion = -1;
    private double latchedPh = Double.NaN;
    private long latchedPhRows;
    private AlertGate gate;
    private DeviceBaseline baseline;
    private long rowsSeen;
    private long lastRowMs;
    private int features;

    DeviceDriftState(String deviceId) {
        this.deviceId = deviceId;
    }

    public String deviceId() {
        return deviceId;
    }

    /** Rows added since the state was created. */
    public long rowsSeen() {
        return rowsSeen;
    }

    /** Number of features the window is shaped for, 0 before the first row. */
    public int featureCount() {
        return features;
    }

    /** Time of the last row added (epoch ms), for evicting idle devices; 0 before the first row. */
    public long lastRowMs() {
        return lastRowMs;
    }

    /** Bytes held by the state's arrays: bounded by the settings and the feature count. */
    public long arrayBytes() {
        long bytes = 0;
        if (blocks != null) {
            for (WindowBlock b : blocks) {
                bytes += b.arrayBytes();
            }
        }
        return bytes + (gate == null ? 0 : gate.arrayBytes()) + (baseline == null ? 0 : baseline.arrayBytes());
    }

    void shape(int features, DriftSettings s) {
        blocks = new WindowBlock[s.blocks()];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = new WindowBlock(features, s.checkEveryRows());
        }
        this.features = features;
        head = 0;
        headFull = false;
        checkDue = false;
        gate = new AlertGate(2 * features + 1);
        baseline = s.referenceMode() == ReferenceMode.DEVICE
            ? new DeviceBaseline(features, s.calibrationRows(), s.baselineRows()) : null;
    }

    /** The device's own baseline (device mode), or null. */
    DeviceBaseline baseline() {
        return baseline;
    }

    /** Whether the next row starts a block, whose frame must then be given. */
    boolean nextRowStartsBlock() {
        return headFull || blocks[head].totalRows() == 0;
    }

    /** Adds a row to the head block, rotating to the next block when the head is full. */
    /** Counts a row the device sent, whether or not it enters the window. */
    void seen(long nowMs) {
        lastRowMs = nowMs;
        rowsSeen++;
    }

    void addRow(double[] values, float[][] frame, int rowsPerBlock) {
        if (headFull) {
            head = (head + 1) % blocks.length;
            blocks[head].clear();
            headFull = false;
        }
        blocks[head].add(values, frame);
        if (blocks[head].totalRows() == rowsPerBlock) {
            headFull = true;
            checkDue = true;
        }
    }

    /** The complete blocks of the window (each holds exactly one slide of rows). */
    List<WindowBlock> completeBlocks(int rowsPerBlock) {
        List<WindowBlock> out = new ArrayList<>(blocks.length);
        for (WindowBlock b : blocks) {
            if (b.totalRows() == rowsPerBlock) {
                out.add(b);
            }
        }
        return out;
    }

    boolean shaped() {
        return gate != null;
    }

    boolean takeCheckDue() {
        boolean due = checkDue;
        checkDue = false;
        return due;
    }

    PageHinkley pageHinkley() {
        return pageHinkley;
    }

    /** Model version whose verdicts Page-Hinkley is following, -1 before the first. */
    long pageHinkleyVersion() {
        return pageHinkleyVersion;
    }

    void pageHinkleyVersion(long version) {
        pageHinkleyVersion = version;
    }

    void latchPageHinkley(double statistic, long rows) {
        latchedPh = Double.isNaN(latchedPh) ? statistic : Math.max(latchedPh, statistic);
        latchedPhRows = rows;
    }

    double latchedPageHinkley() {
        return latchedPh;
    }

    long latchedPageHinkleyRows() {
        return latchedPhRows;
    }

    void clearPageHinkleyLatch() {
        latchedPh = Double.NaN;
        latchedPhRows = 0;
    }

    AlertGate gate() {
        return gate;
    }
}
