package io.flead.connect.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigValidationTest {

    @TempDir
    Path dir;

    private Map<String, String> valid() {
        Map<String, String> props = new HashMap<>();
        props.put("connector.class", CsvDeviceSourceConnector.class.getName());
        props.put(CsvDeviceSourceConfig.INPUT_PATH, dir.toString());
        return props;
    }

    private Map<String, List<String>> errorsOf(Map<String, String> props) {
        Config config = new CsvDeviceSourceConnector().validate(props);
        return config.configValues().stream().filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void defaultsWithAReadableDirectoryAreValid() {
        assertThat(errorsOf(valid())).isEmpty();
    }

    @Test
    void rateModeWithoutAPositiveRateIsReportedOnReplayRate() {
        Map<String, String> props = valid();
        props.put(CsvDeviceSourceConfig.REPLAY_MODE, "rate");
        props.put(CsvDeviceSourceConfig.REPLAY_RATE, "0");
        assertThat(errorsOf(props)).containsOnlyKeys("replay.rate");
        assertThat(errorsOf(props).get("replay.rate")).containsExactly(
                "Invalid value '0' for configuration 'replay.rate': must be a positive number when 'replay.mode' is 'rate'");
    }

    @Test
    void unparseableRateIsReportedOnReplayRate() {
        Map<String, String> props = valid();
        props.put(CsvDeviceSourceConfig.REPLAY_MODE, "rate");
        props.put(CsvDeviceSourceConfig.REPLAY_RATE, "abc");
        assertThat(errorsOf(props)).containsOnlyKeys("replay.rate");
        assertThat(errorsOf(props).get("replay.rate")).anyMatch(m -> m.contains("abc") && m.contains("replay.rate"));
    }

    @Test
    void regexWithoutAGroupIsReportedOnDeviceIdRegex() {
        Map<String, String> props = valid();
        props.put(CsvDeviceSourceConfig.DEVICE_ID_REGEX, "device_\\d+\\.csv");
        assertThat(errorsOf(props).get("device.id.regex")).containsExactly(
                "Invalid value 'device_\\d+\\.csv' for configuration 'device.id.regex': needs a capturing group, whose match is the device id");
    }

    @Test
    void brokenRegexAndTopicNamesAreReportedOnceOnTheirKeys() {
        Map<String, String> props = valid();
        props.put(CsvDeviceSourceConfig.DEVICE_ID_REGEX, "device_(\\d+");
        props.put(CsvDeviceSourceConfig.TOPIC, "edge iiot");
        props.put(CsvDeviceSourceConfig.ERRORS_TOPIC, "");
        Map<String, List<String>> errors = errorsOf(props);
        assertThat(errors).containsOnlyKeys("device.id.regex", "topic");
        assertThat(errors.get("device.id.regex")).singleElement().asString()
                .startsWith("Invalid value 'device_(\\d+' for configuration 'device.id.regex': not a regular expression");
        assertThat(errors.get("topic")).containsExactly("Invalid value 'edge iiot' for configuration 'topic': "
                + "must be a topic name of 1 to 249 ASCII letters, digits, '.', '_' or '-'");
    }

    @Test
    void bothDeviceIdSourcesAreReportedOnDeviceIdColumn() {
        Map<String, String> props = valid();
        props.put(CsvDeviceSourceConfig.DEVICE_ID_REGEX, "(.*)\\.csv");
        props.put(CsvDeviceSourceConfig.DEVICE_ID_COLUMN, "device");
        assertThat(errorsOf(props)).containsOnlyKeys("device.id.column");
    }

    @Test
    void neitherDeviceIdSourceIsReportedOnDeviceIdRegex() {
        Map<String, String> props = valid();
        props.put(CsvDeviceSourceConfig.DEVICE_ID_REGEX, "");
        assertThat(errorsOf(props)).containsOnlyKeys("device.id.regex");
    }

    @Test
    void deviceIdColumnAloneIsValid() {
        Map<String, String> props = valid();
        props.put(CsvDeviceSourceConfig.DEVICE_ID_COLUMN, "device");
        assertThat(errorsOf(props)).isEmpty();
    }

    @Test
    void missingDirectoryIsReportedOnInputPath() {
        Map<String, String> props = valid();
        props.put(CsvDeviceSourceConfig.INPUT_PATH, dir.resolve("nope").toString());
        assertThat(errorsOf(props).get("input.path")).containsExactly(
                "Invalid value '" + dir.resolve("nope") + "' for configuration 'input.path': not a readable directory");
    }

    @Test
    void missingInputPathIsReportedOnInputPath() {
        Map<String, String> props = valid();
        props.remove(CsvDeviceSourceConfig.INPUT_PATH);
        assertThat(errorsOf(props)).containsOnlyKeys("input.path");
    }

    @Test
    void singleKeyValidatorsQuoteKeyAndValue() {
        Map<String, String> props = valid();
        props.put(CsvDeviceSourceConfig.CSV_DELIMITER, ";;");
        props.put(CsvDeviceSourceConfig.TIME_ZONE, "Mars/Olympus");
        props.put(CsvDeviceSourceConfig.REPLAY_SPEEDUP, "-2");
        props.put(CsvDeviceSourceConfig.TIME_FORMATS, "iso,yyyy-qq-ppp");
        Map<String, List<String>> errors = errorsOf(props);
        assertThat(errors.get("csv.delimiter")).containsExactly(
                "Invalid value ';;' for configuration 'csv.delimiter': must be exactly one ASCII character other than CR or LF");
        assertThat(errors.get("time.zone")).containsExactly(
                "Invalid value 'Mars/Olympus' for configuration 'time.zone': must be a zone id such as 'UTC' or 'Europe/Paris'");
        assertThat(errors.get("replay.speedup")).containsExactly(
                "Invalid value '-2.0' for configuration 'replay.speedup': must be a positive number");
        assertThat(errors.get("time.formats")).singleElement().asString().startsWith(
                "Invalid value 'yyyy-qq-ppp' for configuration 'time.formats': not a time format");
    }

    @Test
    void quoteEqualToDelimiterAndErrorsTopicEqualToTopicAreReported() {
        Map<String, String> props = valid();
        props.put(CsvDeviceSourceConfig.CSV_QUOTE, ",");
        props.put(CsvDeviceSourceConfig.ERRORS_TOPIC, "edge-iiot-stream");
        assertThat(errorsOf(props)).containsOnlyKeys("csv.quote", "errors.topic");
    }

    @Test
    void jsonValueFormatNeedsTheByteArrayConverter() {
        Map<String, String> props = valid();
        props.put(CsvDeviceSourceConfig.VALUE_FORMAT, "json");
        assertThat(errorsOf(props).get("value.format")).containsExactly("Invalid value 'json' for configuration "
                + "'value.format': needs 'value.converter'='org.apache.kafka.connect.converters.ByteArrayConverter' "
                + "in the connector config, found none");
        props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        assertThat(errorsOf(props)).isEmpty();
    }

    @Test
    void anUnknownChangedFilePolicyIsRefusedNamingKeyAndValue() {
        Map<String, String> props = valid();
        props.put(CsvDeviceSourceConfig.FILE_CHANGED_POLICY, "rewind");
        assertThat(errorsOf(props)).containsOnlyKeys("file.changed.policy");
        assertThat(errorsOf(props).get("file.changed.policy")).containsExactly(
                "Invalid value 'rewind' for configuration 'file.changed.policy': must be one of restart, skip, fail");
        assertThatThrownBy(() -> new CsvDeviceSourceConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value 'rewind' for configuration 'file.changed.policy': must be one of restart, skip, fail");
        props.put(CsvDeviceSourceConfig.FILE_CHANGED_POLICY, "fail");
        assertThat(new CsvDeviceSourceConfig(props).fileChangedPolicy()).isEqualTo(FileChangedPolicy.FAIL);
    }

    @Test
    void startRefusesACrossFieldProblemNamingTheKey() {
        Map<String, String> props = valid();
        props.put(CsvDeviceSourceConfig.REPLAY_MODE, "rate");
        assertThatThrownBy(() -> new CsvDeviceSourceConnector().start(props))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'replay.rate'");
    }
}
