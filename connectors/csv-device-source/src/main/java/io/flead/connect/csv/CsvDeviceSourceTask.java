package io.flead.connect.csv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Replays the device files assigned to it, resuming each from its committed line and byte position unless the file
 * changed since (then {@code file.changed.policy} decides).
 */
public final class CsvDeviceSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(CsvDeviceSourceTask.class);
    private static final long IDLE_SLEEP_MS = 200;
    private static final long MAX_PACING_SLEEP_MS = 100;
    private static final int MAX_OPEN_FILES = 1_000;

    private CsvDeviceSourceConfig config;
    private ReplaySchedule schedule;
    private ReplayPacer pacer;
    private RecordMapper mapper;
    private BadRowBudget budget;
    /** Why the task must fail ({@code file.changed.policy=fail}); it does once the report of it is committed. */
    private volatile String failure;
    private volatile boolean failureDue;
    private final Object lock = new Object();
    private volatile boolean stopping;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new CsvDeviceSourceConfig(props);
        List<String> files = config.taskFiles();
        Map<String, FileOffset> offsets = committedOffsets(files);
        DeviceCsvParser parser = new DeviceCsvParser(config.csvOptions());
        Pattern idRegex = config.deviceIdRegex().isEmpty() ? null : Pattern.compile(config.deviceIdRegex());
        schedule = new ReplaySchedule(files, file -> cursor(file, offsets.getOrDefault(file, FileOffset.START), parser, idRegex), MAX_OPEN_FILES,
                config.orderByTime());
        pacer = new ReplayPacer(config.replayMode(), config.taskRateShare(), config.speedup());
        mapper = new RecordMapper(config.topic(), config.errorsTopic(), config.jsonValues());
        budget = new BadRowBudget(config.badRowsMax());
        LOG.info("CSV device source task started with {} files, {} of them resuming", files.size(), offsets.size());
        long unknown = offsets.values().stream().filter(o -> o.identity() == null).count();
        if (unknown > 0) {
            LOG.info("{} of the files resume from offsets that carry no file identity (stored by an older version or set "
                    + "through the REST API): they are checked against their stored position only", unknown);
        }
    }

    private Map<String, FileOffset> committedOffsets(List<String> files) {
        List<Map<String, Object>> partitions = files.stream().map(FileOffset::partition).toList();
        Map<String, FileOffset> offsets = new HashMap<>();
        context.offsetStorageReader().offsets(partitions).forEach((partition, offset) -> {
            if (offset != null && FileOffset.problem(partition, offset) == null) {
                offsets.put((String) partition.get(FileOffset.FILE), FileOffset.fromMap(offset));
            }
        });
        return offsets;
    }

    private DeviceFileCursor cursor(String file, FileOffset offset, DeviceCsvParser parser, Pattern idRegex) {
        Path path = Path.of(file);
        String deviceId = idRegex == null ? null : DeviceIds.fromFileName(idRegex, path.getFileName().toString());
        return new DeviceFileCursor(path, deviceId, offset, parser, config.loop(), config.fileChangedPolicy());
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        synchronized (lock) {
            return stopping ? null : pollBatch();
        }
    }

    private List<SourceRecord> pollBatch() throws InterruptedException {
        if (failureDue) {
            throw new ConnectException(failure);
        }
        if (failure != null) {
            Thread.sleep(IDLE_SLEEP_MS); // waiting for commit(): failing before would abort the report's transaction
            return null;
        }
        List<SourceRecord> out = new ArrayList<>(Math.min(config.batchSize(), 4096));
        long wait = fill(out, System.currentTimeMillis());
        if (!out.isEmpty()) {
            LOG.debug("Polled {} records", out.size());
            return out;
        }
        Thread.sleep(wait > 0 ? Math.min(wait, MAX_PACING_SLEEP_MS) : IDLE_SLEEP_MS);
        return null;
    }

    /** Adds due items to {@code out}; returns how long to wait for the next one (0 when the batch is full or all is done). */
    private long fill(List<SourceRecord> out, long now) {
        while (out.size() < config.batchSize() && !stopping) {
            ReplayItem item = schedule.peek();
            if (item == null) {
                return 0;
            }
            if (item.fileChanged()) {
                schedule.take();
                reportChange(item, out);
                if (failure != null) {
                    return 0; // the report goes out with this batch, the task fails once it is committed
                }
                continue;
            }
            if (item.isBad()) {
                schedule.take();
                reportBad(item, out);
                continue;
            }
            long wait = pacer.delayMs(now, item.ts());
            if (wait > 0) {
                return wait;
            }
            schedule.take();
            pacer.emitted(now, item.ts());
            out.add(mapper.data(item));
        }
        return 0;
    }

    private void reportBad(ReplayItem item, List<SourceRecord> out) {
        BadRow bad = item.bad();
        try (MDC.MDCCloseable device = MDC.putCloseable("device", item.deviceId())) {
            LOG.warn("Skipping bad row of device '{}': {}", item.deviceId(), bad.describe());
        }
        String failure = budget.add(item.deviceId(), bad);
        if (failure != null) {
            throw new ConnectException(failure);
        }
        SourceRecord error = mapper.error(item);
        if (error != null) {
            out.add(error);
        }
    }

    /** Logs and reports a changed file; with {@code file.changed.policy=fail}, arms the failure. */
    private void reportChange(ReplayItem item, List<SourceRecord> out) {
        String reason = item.bad().reason();
        LOG.warn("{}: {}", item.file(), reason);
        SourceRecord error = mapper.error(item);
        if (error != null) {
            out.add(error);
        }
        if (config.fileChangedPolicy() == FileChangedPolicy.FAIL) {
            failure = item.file() + ": " + reason + ". To go on, move the file away, reset its offset (PATCH "
                    + "/connectors/{name}/offsets) or set '" + CsvDeviceSourceConfig.FILE_CHANGED_POLICY
                    + "' to 'restart' or 'skip'";
            failureDue = error == null;
        }
    }

    /**
     * Called by the worker once the records polled so far are committed (with exactly-once support, when their
     * transaction is; otherwise after an offset flush): a failure waiting for its report to be written is now due.
     */
    @Override
    public void commit() {
        if (failure != null) {
            failureDue = true;
        }
    }

    @Override
    public void stop() {
        stopping = true;
        synchronized (lock) {
            if (schedule != null) {
                schedule.close();
            }
        }
        LOG.info("CSV device source task stopped; {} bad rows skipped", budget == null ? 0 : budget.count());
    }
}
