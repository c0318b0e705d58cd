package io.flead.connect.csv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.FileOffsetBackingStore;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.apache.kafka.connect.storage.OffsetStorageReaderImpl;
import org.apache.kafka.connect.storage.OffsetStorageWriter;

/**
 * Runs the real {@link CsvDeviceSourceTask} with the offset storage of a standalone Connect worker: the offsets of
 * every polled record go through the worker's {@link OffsetStorageWriter} and its JSON converters into its
 * file-backed store, then the task hears of the commit, and a task started later reads them back through
 * {@link OffsetStorageReaderImpl}, as after a worker restart. No broker is involved: records are collected as polled.
 */
final class StandaloneTaskRun implements AutoCloseable {

    private static final String NAMESPACE = "csv-device-source";

    private final FileOffsetBackingStore store;
    private final JsonConverter keyConverter = converter(true);
    private final JsonConverter valueConverter = converter(false);

    /** What one task did until its files were done or it failed. */
    record Outcome(List<SourceRecord> records, RuntimeException failure) {

        List<SourceRecord> on(String topic) {
            return records.stream().filter(r -> r.topic().equals(topic)).toList();
        }
    }

    StandaloneTaskRun(Path offsetsFile) {
        store = new FileOffsetBackingStore(keyConverter);
        // the store only reads the offsets file name; the broker address is required by the config, never contacted
        store.configure(new StandaloneConfig(Map.of("bootstrap.servers", "localhost:9", "key.converter", JsonConverter.class.getName(),
                "value.converter", JsonConverter.class.getName(),
                StandaloneConfig.OFFSET_STORAGE_FILE_FILENAME_CONFIG, offsetsFile.toString())));
        store.start();
    }

    private static JsonConverter converter(boolean isKey) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), isKey);
        return converter;
    }

    /** Starts a task on the one task config the connector makes of {@code props}, polls until it is done, stops it. */
    Outcome run(Map<String, String> props) throws Exception {
        return run(props, true);
    }

    /** As {@link #run(Map)}; without {@code commits}, as a worker whose commits never complete. */
    Outcome run(Map<String, String> props, boolean commits) throws Exception {
        CsvDeviceSourceConnector connector = new CsvDeviceSourceConnector();
        Map<String, String> connectorProps = new HashMap<>(props);
        connectorProps.put(CsvDeviceSourceConfig.INPUT_RESCAN_INTERVAL_MS, "0");
        connector.start(connectorProps);
        Map<String, String> taskProps = connector.taskConfigs(1).get(0);
        connector.stop();

        CsvDeviceSourceTask task = new CsvDeviceSourceTask();
        OffsetStorageWriter writer = new OffsetStorageWriter(store, NAMESPACE, keyConverter, valueConverter);
        List<SourceRecord> records = new ArrayList<>();
        try (OffsetStorageReaderImpl reader = new OffsetStorageReaderImpl(store, NAMESPACE, keyConverter, valueConverter)) {
            task.initialize(context(taskProps, reader));
            task.start(taskProps);
            for (List<SourceRecord> batch = task.poll(); batch != null; batch = task.poll()) {
                records.addAll(batch);
                if (!commits) {
                    continue;
                }
                batch.forEach(r -> writer.offset(r.sourcePartition(), r.sourceOffset()));
                if (writer.beginFlush(10, TimeUnit.SECONDS)) {
                    writer.doFlush((error, ignored) -> { }).get(10, TimeUnit.SECONDS);
                }
                task.commit();
            }
            return new Outcome(records, null);
        } catch (RuntimeException e) {
            return new Outcome(records, e);
        } finally {
            task.stop();
        }
    }

    private static SourceTaskContext context(Map<String, String> taskProps, OffsetStorageReader reader) {
        return new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return taskProps;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return reader;
            }

            @Override
            public PluginMetrics pluginMetrics() {
                return null;
            }
        };
    }

    @Override
    public void close() {
        store.stop();
    }
}
