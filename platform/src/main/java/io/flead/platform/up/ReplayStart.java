package io.flead.platform.up;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the replay of the demo files in place began on the topics, so that {@code flead up} counts the rows of these
 * files and not those of earlier generations still on the topics: the end offsets of the topics when files last
 * changed, on which cluster, and how many rows of the files left unchanged then had been replayed before (all of them,
 * assumed: a run cut short by a kill counts as done earlier than it is, never later).
 *
 * @param clusterId   the Kafka cluster the offsets are about; a start recorded on another cluster does not apply
 * @param offsets     per partition, the offset the count starts at; partitions not listed count from their beginning
 * @param carriedRows rows counted as replayed before these offsets
 */
public record ReplayStart(String clusterId, Map<TopicPartition, Long> offsets, long carriedRows) {

    /** Count everything from the beginning of the topics. */
    public static final ReplayStart BEGINNING = new ReplayStart("", Map.of(), 0);

    private static final String CLUSTER = "cluster.id";
    private static final String CARRIED = "carried.rows";
    private static final String OFFSET = "offset.";

    public ReplayStart {
        offsets = Map.copyOf(offsets);
    }

    /** The end offsets of {@code topics} now, with {@code carriedRows} already replayed. */
    static ReplayStart capture(Admin admin, List<String> topics, long carriedRows) {
        try {
            String cluster = admin.describeCluster().clusterId().get();
            return new ReplayStart(cluster, endOffsets(admin, topics), carriedRows);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the end offsets of " + topics, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topics + ": " + e.getCause(), e.getCause());
        }
    }

    static Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topics)
            throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) -> description.partitions()
            .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new LinkedHashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /**
     * This start, if it is about cluster {@code clusterId} and none of its offsets lies past the end offsets
     * {@code ends}; otherwise (a new broker, a topic deleted and created again) {@link #BEGINNING}.
     */
    ReplayStart validFor(String currentClusterId, Map<TopicPartition, Long> ends) {
        boolean fits = offsets.entrySet().stream().allMatch(e -> e.getValue() <= ends.getOrDefault(e.getKey(), -1L));
        return clusterId.equals(currentClusterId) && fits ? this : BEGINNING;
    }

    /** The start written to {@code file}, or {@link #BEGINNING} when there is none. */
    static ReplayStart read(Path file) {
        if (!Files.isRegularFile(file)) {
            return BEGINNING;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        try {
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith(OFFSET)) {
                    String tp = key.substring(OFFSET.length());
                    int dot = tp.lastIndexOf('.');
                    offsets.put(new TopicPartition(tp.substring(0, dot), Integer.parseInt(tp.substring(dot + 1))),
                        Long.parseLong(p.getProperty(key)));
                }
            }
            return new ReplayStart(p.getProperty(CLUSTER, ""), offsets, Long.parseLong(p.getProperty(CARRIED, "0")));
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot read " + file + " (" + e.getMessage() + "); delete it to count the "
                + "replay from the beginning of the topics", e);
        }
    }

    /** Writes this start to {@code file}. */
    void write(Path file) {
        Properties p = new Properties();
        p.setProperty(CLUSTER, clusterId);
        p.setProperty(CARRIED, Long.toString(carriedRows));
        offsets.forEach((tp, offset) -> p.setProperty(OFFSET + tp.topic() + "." + tp.partition(), Long.toString(offset)));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "Where flead up began counting the replay of the device files in place");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
