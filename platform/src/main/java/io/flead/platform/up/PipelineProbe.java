package io.flead.platform.up;

import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import io.flead.model.UpdateAck;
import io.flead.model.VersionEvaluation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Samples the pipeline's topics for the live view and for tests. Every topic is written in transactions (the source
 * under exactly-once source support, the functions under exactly-once Streams), where end offsets also count
 * transaction markers and records of aborted transactions: records are counted by reading them with
 * {@code read_committed}. Replayed and refused rows are counted from a {@link ReplayStart}: rows of files that were
 * replaced since do not count for the files in place.
 */
public final class PipelineProbe implements AutoCloseable {
    private static final List<String> READ = List.of(PipelineTopics.TELEMETRY, PipelineTopics.SOURCE_ERRORS,
        PipelineTopics.GLOBAL_MODELS, PipelineTopics.LOCAL_UPDATES, PipelineTopics.ANOMALIES,
        PipelineTopics.DRIFT_ALERTS, PipelineTopics.UPDATE_ACKS);

    private static final Duration CATCH_UP = Duration.ofSeconds(3);

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> outputs;
    private final Map<String, Long> read = new java.util.HashMap<>();
    /** Per partition, the offset after the last record read: what a sink that landed everything has committed. */
    private final Map<TopicPartition, Long> dataEnd = new java.util.HashMap<>();
    private final long rowsTotal;
    private final long carriedRows;
    /** Reports on the source's error topic about a whole file (line 0: changed or vanished), not about a row. */
    private long fileReports;
    private final long startNanos = System.nanoTime();
    private final RejectionTally rejections = new RejectionTally();
    private GlobalModel latest;
    private VersionEvaluation newestEvaluation;
    private long newestEvaluationFrom = -1;
    private PipelineSnapshot previous;

    /** A probe counting every row on the topics. */
    public PipelineProbe(String bootstrap, long rowsTotal) {
        this(bootstrap, rowsTotal, ReplayStart.BEGINNING);
    }

    /** A probe counting the rows on the topics after {@code start}, plus those it carries. */
    public PipelineProbe(String bootstrap, long rowsTotal, ReplayStart start) {
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
        this.outputs = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed",
            "max.poll.records", "10000"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> all = partitions(READ).values().stream().flatMap(List::stream).toList();
        outputs.assign(all);
        outputs.seekToBeginning(all);
        start.offsets().forEach((tp, offset) -> {
            if (all.contains(tp)) {
                outputs.seek(tp, offset);
            }
        });
        READ.forEach(t -> read.put(t, 0L));
        this.rowsTotal = rowsTotal;
        this.carriedRows = start.carriedRows();
    }

    /** Reads the counts and any new global model; rates are over the time since the previous sample. */
    public PipelineSnapshot sample() throws Exception {
        readOutputs();
        long elapsed = (System.nanoTime() - startNanos) / 1_000_000;
        long rows = telemetryRecords();
        long anomalies = read.get(PipelineTopics.ANOMALIES);
        double seconds = previous == null ? elapsed / 1000.0 : (elapsed - previous.elapsedMs()) / 1000.0;
        double rowRate = rate(rows, previous == null ? 0 : previous.rowsReplayed(), seconds);
        double anomalyRate = rate(anomalies, previous == null ? 0 : previous.anomalies(), seconds);
        previous = new PipelineSnapshot(elapsed, rows, rowsTotal, errorRecords(), rowRate,
            read.get(PipelineTopics.LOCAL_UPDATES),
            modelLine(latest, newestEvaluation), rejections.sinceVersion(), anomalies, anomalyRate,
            read.get(PipelineTopics.DRIFT_ALERTS));
        return previous;
    }

    /** The newest global model seen so far, or null. */
    public GlobalModel latestModel() {
        return latest;
    }

    /** Acknowledgements on {@code fedavg-consumed} read so far: updates accepted into a version. */
    public long acceptedUpdates() {
        return rejections.accepted();
    }

    /** Acknowledgements on {@code fedavg-consumed} read so far: updates rejected on arrival. */
    public long rejectedUpdates() {
        return rejections.rejected();
    }

    private static double rate(long now, long before, double seconds) {
        return seconds <= 0 ? 0 : (now - before) / seconds;
    }

    /** The newest global model seen so far and the newest version evaluation any model carried (null for none). */
    static PipelineSnapshot.ModelLine modelLine(GlobalModel m, VersionEvaluation newestEvaluation) {
        if (m == null || m.version() == 0) {
            return null;
        }
        return new PipelineSnapshot.ModelLine(m.version(), m.round(), m.participants(), m.rejectedCounts(),
            m.maxStaleness(), newestEvaluation);
    }

    private void onModel(GlobalModel m) {
        latest = latest == null || m.version() >= latest.version() ? m : latest;
        rejections.onVersion(m);
        if (m.evaluation() != null && m.version() >= newestEvaluationFrom) {
            newestEvaluation = m.evaluation();
            newestEvaluationFrom = m.version();
        }
    }

    /**
     * Reads what is new, until the consumer has reached the end of every partition (or {@link #CATCH_UP} has passed):
     * a sample after a restart or a burst then counts everything, instead of whatever the first fetches brought.
     */
    private void readOutputs() {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        Map<TopicPartition, Long> ends = outputs.endOffsets(outputs.assignment());
        var records = outputs.poll(Duration.ofMillis(50));
        while (true) {
            for (ConsumerRecord<byte[], byte[]> r : records) {
                read.merge(r.topic(), 1L, Long::sum);
                dataEnd.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max);
                if (r.value() == null) {
                    continue; // a tombstone on a compacted topic
                }
                if (r.topic().equals(PipelineTopics.GLOBAL_MODELS)) {
                    onModel(JsonCodec.decode(r.value(), GlobalModel.class));
                } else if (r.topic().equals(PipelineTopics.UPDATE_ACKS)) {
                    rejections.add(JsonCodec.decode(r.value(), UpdateAck.class));
                } else if (r.topic().equals(PipelineTopics.SOURCE_ERRORS) && isFileReport(r.value())) {
                    fileReports++;
                }
            }
            boolean caughtUp = ends.entrySet().stream().allMatch(e -> outputs.position(e.getKey()) >= e.getValue());
            if (caughtUp || System.nanoTime() > deadline) {
                return;
            }
            records = outputs.poll(Duration.ofMillis(50));
        }
    }

    private long telemetryRecords() {
        return carriedRows + read.get(PipelineTopics.TELEMETRY);
    }

    /** Reports on the source's error topic about rows: rows that will never reach the telemetry topic. */
    private long errorRecords() {
        return read.get(PipelineTopics.SOURCE_ERRORS) - fileReports;
    }

    /** Whether a report of the source's error topic is about a whole file (line 0) rather than a row. */
    static boolean isFileReport(byte[] report) {
        try {
            return JsonCodec.decode(report, Map.class).get("line") instanceof Number line && line.longValue() == 0;
        } catch (RuntimeException e) {
            return false; // not a report of the source: counted as a row, as before
        }
    }

    /**
     * Whether each sink (its consumer group, by the topics it reads) has committed every record read so far: the sink
     * commits the offsets of what it has written to the database, so then the database holds everything the topics do.
     * Offsets are compared with the record after the last one read, not with end offsets, which under transactions
     * also count the commit markers.
     */
    public boolean sinksCaughtUp(Map<String, List<String>> topicsByGroup) throws Exception {
        for (Map.Entry<String, List<String>> sink : topicsByGroup.entrySet()) {
            Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(sink.getKey()).partitionsToOffsetAndMetadata().get();
            for (Map.Entry<TopicPartition, Long> end : dataEnd.entrySet()) {
                if (sink.getValue().contains(end.getKey().topic())) {
                    var at = committed.get(end.getKey());
                    if (at == null || at.offset() < end.getValue()) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private Map<String, List<TopicPartition>> partitions(List<String> topics) {
        try {
            return admin.describeTopics(topics).allTopicNames().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().partitions().stream()
                    .map(p -> new TopicPartition(e.getKey(), p.partition())).toList()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + topics, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot describe topics " + topics + ": " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        outputs.close();
        admin.close();
    }
}
