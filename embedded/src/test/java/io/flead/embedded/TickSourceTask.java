package io.flead.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** Emits ticks from the last committed offset on; idles once {@code ticks.max} is reached. */
public class TickSourceTask extends SourceTask {

    static final Map<String, String> PARTITION = Map.of("tick", "0");
    static final String OFFSET_KEY = "n";

    private String topic;
    private long max;
    private long next;

    @Override
    public void start(Map<String, String> props) {
        AbstractConfig config = new AbstractConfig(TickSourceConnector.CONFIG, props);
        topic = config.getString(TickSourceConnector.TOPIC);
        max = config.getInt(TickSourceConnector.TICKS_MAX);
        Map<String, Object> committed = context.offsetStorageReader().offset(PARTITION);
        next = committed == null ? 0 : ((Number) committed.get(OFFSET_KEY)).longValue() + 1;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        Thread.sleep(next >= max ? 100 : 10);
        List<SourceRecord> batch = new ArrayList<>();
        for (int i = 0; i < 10 && next < max; i++, next++) {
            batch.add(new SourceRecord(PARTITION, Map.of(OFFSET_KEY, next), topic, null, null, "tick", null, Map.of("n", next)));
        }
        return batch.isEmpty() ? null : batch;
    }

    @Override
    public void stop() {
    }

    @Override
    public String version() {
        return "test";
    }
}
