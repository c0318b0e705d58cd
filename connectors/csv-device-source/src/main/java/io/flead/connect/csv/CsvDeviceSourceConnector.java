package io.flead.connect.csv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.util.ConnectorUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Connect source connector replaying device CSV files in order into the {@code edge-iiot-stream} topic.
 *
 * <p>The connector lists the input directory, splits the files across tasks, and lists it again every
 * {@code input.rescan.interval.ms} on its own thread, asking Connect to reconfigure the tasks when the set of
 * files changed; tasks never list the directory.
 */
public final class CsvDeviceSourceConnector extends SourceConnector {

    private static final Logger LOG = LoggerFactory.getLogger(CsvDeviceSourceConnector.class);

    private Map<String, String> props;
    private CsvDeviceSourceConfig config;
    private FileDiscovery discovery;
    private volatile List<String> files = List.of();
    private FileMonitor monitor;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        this.config = new CsvDeviceSourceConfig(props);
        Map<String, List<String>> problems = ConfigRules.validate(props, CsvDeviceSourceConnector::isReadableDirectory);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.values().iterator().next().get(0));
        }
        String regex = config.deviceIdRegex();
        discovery = new FileDiscovery(Path.of(config.inputPath()), config.recursive(), config.filePattern(),
                regex.isEmpty() ? null : Pattern.compile(regex));
        files = discovery.list();
        LOG.info("CSV device source found {} files in {}", files.size(), config.inputPath());
        if (config.rescanIntervalMs() > 0) {
            monitor = new FileMonitor(discovery, config.rescanIntervalMs(), this::onFilesChanged, files);
            monitor.start();
        }
    }

    private void onFilesChanged(List<String> current) {
        LOG.info("CSV device source now sees {} files (was {}); reconfiguring tasks", current.size(), files.size());
        files = current;
        context().requestTaskReconfiguration();
    }

    @Override
    public Class<? extends Task> taskClass() {
        return CsvDeviceSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<String> current = files;
        if (current.isEmpty()) {
            return List.of();
        }
        List<List<String>> groups = ConnectorUtils.groupPartitions(current, Math.min(maxTasks, current.size()));
        List<Map<String, String>> configs = new ArrayList<>(groups.size());
        double share = config.rate() / groups.size();
        for (List<String> group : groups) {
            Map<String, String> task = new HashMap<>(props);
            task.put(CsvDeviceSourceConfig.TASK_FILES, String.join("\n", group));
            task.put(CsvDeviceSourceConfig.TASK_RATE_SHARE, Double.toString(share));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        if (monitor != null) {
            monitor.shutdown();
            monitor = null;
        }
    }

    @Override
    public ConfigDef config() {
        return CsvDeviceSourceConfig.configDef();
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        Map<String, List<String>> problems = ConfigRules.validate(connectorConfigs,
                CsvDeviceSourceConnector::isReadableDirectory);
        for (ConfigValue value : result.configValues()) {
            for (String message : problems.getOrDefault(value.name(), List.of())) {
                value.addErrorMessage(message);
            }
        }
        return result;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.UNSUPPORTED;
    }

    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            String problem = FileOffset.problem(entry.getKey(), entry.getValue());
            if (problem != null) {
                throw new ConnectException("Cannot alter offsets: " + problem);
            }
        }
        return true;
    }

    static boolean isReadableDirectory(String path) {
        try {
            Path p = Path.of(path);
            return Files.isDirectory(p) && Files.isReadable(p);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
