package io.flead.connect.csv;

import static io.flead.connect.csv.CsvDeviceSourceConfig.CSV_DELIMITER;
import static io.flead.connect.csv.CsvDeviceSourceConfig.CSV_QUOTE;
import static io.flead.connect.csv.CsvDeviceSourceConfig.DEVICE_ID_COLUMN;
import static io.flead.connect.csv.CsvDeviceSourceConfig.DEVICE_ID_REGEX;
import static io.flead.connect.csv.CsvDeviceSourceConfig.ERRORS_TOPIC;
import static io.flead.connect.csv.CsvDeviceSourceConfig.INPUT_FILE_PATTERN;
import static io.flead.connect.csv.CsvDeviceSourceConfig.INPUT_PATH;
import static io.flead.connect.csv.CsvDeviceSourceConfig.REPLAY_MODE;
import static io.flead.connect.csv.CsvDeviceSourceConfig.REPLAY_RATE;
import static io.flead.connect.csv.CsvDeviceSourceConfig.TOPIC;
import static io.flead.connect.csv.CsvDeviceSourceConfig.VALUE_FORMAT;
import static io.flead.connect.csv.CsvDeviceSourceConfig.BYTE_ARRAY_CONVERTER;
import static io.flead.connect.csv.Validators.invalid;

import java.nio.file.FileSystems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Cross-field rules of the connector config, each problem reported on the key it is about. */
public final class ConfigRules {

    private ConfigRules() {
    }

    /**
     * The problems of {@code props} by key; empty when there are none.
     *
     * @param isReadableDirectory tells whether a path names a readable directory
     */
    public static Map<String, List<String>> validate(Map<String, String> props, Predicate<String> isReadableDirectory) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        checkInputPath(props, isReadableDirectory, errors);
        checkDeviceId(props, errors);
        checkRate(props, errors);
        checkGlob(props, errors);
        checkCsv(props, errors);
        checkTopics(props, errors);
        checkValueFormat(props, errors);
        return errors;
    }

    private static void checkInputPath(Map<String, String> props, Predicate<String> isDir, Map<String, List<String>> errors) {
        String path = props.get(INPUT_PATH);
        if (path != null && !path.isBlank() && !isDir.test(path)) {
            add(errors, INPUT_PATH, invalid(INPUT_PATH, path, "not a readable directory"));
        }
    }

    private static void checkDeviceId(Map<String, String> props, Map<String, List<String>> errors) {
        String column = props.getOrDefault(DEVICE_ID_COLUMN, "").trim();
        boolean regexGiven = props.containsKey(DEVICE_ID_REGEX);
        String regex = regexGiven ? props.get(DEVICE_ID_REGEX) : null;
        if (!column.isEmpty() && regex != null && !regex.isEmpty()) {
            add(errors, DEVICE_ID_COLUMN, invalid(DEVICE_ID_COLUMN, column,
                    "set either '" + DEVICE_ID_COLUMN + "' or '" + DEVICE_ID_REGEX + "', not both"));
            return;
        }
        if (column.isEmpty() && regexGiven && (regex == null || regex.isEmpty())) {
            add(errors, DEVICE_ID_REGEX, invalid(DEVICE_ID_REGEX, "",
                    "a device id source is needed: set '" + DEVICE_ID_REGEX + "' or '" + DEVICE_ID_COLUMN + "'"));
            return;
        }
        if (column.isEmpty() && regex != null) {
            checkRegex(regex, errors);
        }
    }

    private static void checkRegex(String regex, Map<String, List<String>> errors) {
        try {
            if (Pattern.compile(regex).matcher("").groupCount() < 1) {
                add(errors, DEVICE_ID_REGEX, invalid(DEVICE_ID_REGEX, regex,
                        "needs a capturing group, whose match is the device id"));
            }
        } catch (PatternSyntaxException e) {
            // reported by the key's own validator
        }
    }

    private static void checkRate(Map<String, String> props, Map<String, List<String>> errors) {
        if (!"rate".equals(props.get(REPLAY_MODE))) {
            return;
        }
        String rate = props.getOrDefault(REPLAY_RATE, "0");
        if (!Numbers.isDecimal(rate.trim()) || !(Double.parseDouble(rate.trim()) > 0)) {
            add(errors, REPLAY_RATE, invalid(REPLAY_RATE, rate,
                    "must be a positive number when '" + REPLAY_MODE + "' is 'rate'"));
        }
    }

    private static void checkGlob(Map<String, String> props, Map<String, List<String>> errors) {
        String glob = props.get(INPUT_FILE_PATTERN);
        if (glob == null || glob.isEmpty()) {
            return;
        }
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (RuntimeException e) {
            add(errors, INPUT_FILE_PATTERN, invalid(INPUT_FILE_PATTERN, glob, "not a glob: " + e.getMessage()));
        }
    }

    private static void checkCsv(Map<String, String> props, Map<String, List<String>> errors) {
        String delimiter = Validators.unescape(props.getOrDefault(CSV_DELIMITER, ","));
        String quote = Validators.unescape(props.getOrDefault(CSV_QUOTE, "\""));
        if (!quote.isEmpty() && quote.equals(delimiter)) {
            add(errors, CSV_QUOTE, invalid(CSV_QUOTE, quote, "must differ from '" + CSV_DELIMITER + "'"));
        }
    }

    private static void checkTopics(Map<String, String> props, Map<String, List<String>> errors) {
        String topic = props.getOrDefault(TOPIC, "edge-iiot-stream");
        String errorsTopic = props.getOrDefault(ERRORS_TOPIC, "edge-iiot-stream-errors");
        if (topic.equals(errorsTopic)) {
            add(errors, ERRORS_TOPIC, invalid(ERRORS_TOPIC, errorsTopic, "must differ from '" + TOPIC + "'"));
        }
    }

    private static void checkValueFormat(Map<String, String> props, Map<String, List<String>> errors) {
        String converter = props.get("value.converter");
        if ("json".equals(props.get(VALUE_FORMAT)) && !BYTE_ARRAY_CONVERTER.equals(converter)) {
            add(errors, VALUE_FORMAT, invalid(VALUE_FORMAT, "json", "needs 'value.converter'='" + BYTE_ARRAY_CONVERTER
                    + "' in the connector config, found " + (converter == null ? "none" : "'" + converter + "'")));
        }
    }

    private static void add(Map<String, List<String>> errors, String key, String message) {
        errors.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }
}
