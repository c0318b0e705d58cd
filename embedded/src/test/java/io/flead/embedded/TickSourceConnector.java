package io.flead.embedded;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/** A test source plugin on the classpath: emits {@code {"n":0}} … {@code {"n":ticks.max-1}} to one topic, resumably. */
public class TickSourceConnector extends SourceConnector {

    static final String TOPIC = "topic";
    static final String TICKS_MAX = "ticks.max";
    static final ConfigDef CONFIG = new ConfigDef()
            .define(TOPIC, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    ConfigDef.Importance.HIGH, "Topic the ticks go to.")
            .define(TICKS_MAX, ConfigDef.Type.INT, 100, ConfigDef.Range.atLeast(1),
                    ConfigDef.Importance.MEDIUM, "Number of ticks to emit before going idle.");

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return TickSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        return true;
    }

    @Override
    public String version() {
        return "test";
    }
}
