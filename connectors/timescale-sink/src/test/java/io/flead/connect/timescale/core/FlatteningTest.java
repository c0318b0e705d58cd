package io.flead.connect.timescale.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlatteningTest {
    private static final TableTarget TELEMETRY = new TableTarget("telemetry", "ts", "time", List.of("device_id", "seq", "time"));
    private static final RecordRef REF = new RecordRef("edge-iiot-stream", 2, 41);
    private static final Flattening PREFIXED = Flattening.of(List.of("features"), Flattening.DEFAULT_COLUMN_FORMAT);
    private static final Flattening PLAIN = Flattening.of(List.of("features"), "${key}");
    private static final String JSON = "{\"device_id\":\"dev-1\",\"ts\":1700000000000,\"seq\":7,"
            + "\"features\":{\"tcp.len\":12.5,\"mqtt.len\":3,\"flow\":-1.5e-3,\"gap\":null},\"label\":1}";

    private static Map<String, Object> mapValue() {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("tcp.len", 12.5);
        features.put("mqtt.len", 3);
        features.put("flow", -1.5e-3);
        features.put("gap", null);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("device_id", "dev-1");
        v.put("ts", 1_700_000_000_000L);
        v.put("seq", 7L);
        v.put("features", features);
        v.put("label", 1L);
        return v;
    }

    private static Row convert(RowConverter converter, String json) {
        return converter.convert(REF, TELEMETRY, JsonObjectScanner.parse(json));
    }

    @Test
    void mapValuesFlattenToDoublesUnderPrefixedColumns() {
        Row row = new RowConverter(false, PREFIXED).convert(REF, TELEMETRY, mapValue());
        assertThat(row.values()).containsExactly(
                Map.entry("device_id", "dev-1"),
                Map.entry("time", Instant.ofEpochMilli(1_700_000_000_000L)),
                Map.entry("seq", 7L),
                Map.entry("features.tcp.len", 12.5),
                Map.entry("features.mqtt.len", 3.0),
                Map.entry("features.flow", -1.5e-3),
                Map.entry("features.gap", NumberText.NULL),
                Map.entry("label", 1L));
    }

    @Test
    void jsonTextFlattensToNumberTextAsItArrived() {
        Row row = convert(new RowConverter(false, PLAIN), JSON);
        assertThat(row.values().keySet()).containsExactly("device_id", "time", "seq", "tcp.len", "mqtt.len", "flow", "gap", "label");
        assertThat(row.values().get("tcp.len")).isInstanceOf(NumberText.class).hasToString("12.5");
        assertThat(row.values().get("mqtt.len")).hasToString("3");
        assertThat(row.values().get("flow")).hasToString("-1.5e-3");
        assertThat(row.values().get("gap")).isSameAs(NumberText.NULL);
    }

    @Test
    void bothPathsInferTheSameDoubleColumnsAndCreateSql() {
        RowConverter converter = new RowConverter(false, PREFIXED);
        for (Row row : List.of(converter.convert(REF, TELEMETRY, mapValue()), convert(converter, JSON))) {
            assertThat(PostgresDialect.createTable("telemetry", ColumnInference.infer(TELEMETRY, List.of(row))))
                    .isEqualTo("CREATE TABLE IF NOT EXISTS \"telemetry\" (\"time\" timestamptz NOT NULL, "
                            + "\"device_id\" text NOT NULL, \"seq\" bigint NOT NULL, \"features.tcp.len\" double precision, "
                            + "\"features.mqtt.len\" double precision, \"features.flow\" double precision, "
                            + "\"features.gap\" double precision, \"label\" bigint)");
        }
    }

    @Test
    void laterRecordsWithOtherKeysGetTheirOwnColumns() {
        RowConverter converter = new RowConverter(false, PREFIXED);
        convert(converter, JSON);
        Row other = convert(converter, JSON.replace("\"mqtt.len\"", "\"udp.len\"").replace("\"tcp.len\"", "\"tcp\\u002elen\""));
        assertThat(other.values().keySet()).contains("features.tcp.len", "features.udp.len").doesNotContain("features.mqtt.len");
        Row again = convert(converter, JSON);
        assertThat(again.values().keySet()).contains("features.tcp.len", "features.mqtt.len");
    }

    @Test
    void nonNumericValuesAreBadRecordsNamingFieldKeyAndValue() {
        RowConverter converter = new RowConverter(false, PREFIXED);
        assertThatThrownBy(() -> convert(converter, JSON.replace("12.5", "\"12.5x\"")))
                .isInstanceOf(ConversionException.class)
                .hasMessage("Cannot convert record edge-iiot-stream-2@41 field 'features': key 'tcp.len' has the value "
                        + "\"12.5x\", but values of a flattened object must be numbers or null");
        Map<String, Object> v = mapValue();
        ((Map<String, Object>) v.get("features")).put("mqtt.len", true);
        assertThatThrownBy(() -> converter.convert(REF, TELEMETRY, v)).isInstanceOf(ConversionException.class)
                .hasMessageContaining("field 'features': key 'mqtt.len' has the value true,");
        assertThatThrownBy(() -> convert(converter, JSON.replace("-1.5e-3", "{\"x\":1}")))
                .hasMessageContaining("key 'flow' has the value {\"x\":1},");
    }

    @Test
    void aFieldThatIsNotAnObjectIsABadRecordAndNullFlattensToNothing() {
        RowConverter converter = new RowConverter(false, PREFIXED);
        assertThatThrownBy(() -> convert(converter, "{\"ts\":1,\"features\":[1,2]}")).isInstanceOf(ConversionException.class)
                .hasMessageEndingWith("field 'features': must be an object to flatten, got '[1,2]'");
        assertThatThrownBy(() -> convert(converter, "{\"ts\":1,\"features\":\"x\"}"))
                .hasMessageEndingWith("field 'features': must be an object to flatten, got '\"x\"'");
        assertThat(convert(converter, "{\"ts\":1,\"features\":null}").values()).containsOnlyKeys("time");
        assertThat(convert(converter, "{\"ts\":1,\"features\":{}}").values()).containsOnlyKeys("time");
    }

    @Test
    void aFlattenedColumnClashingWithAFieldIsABadRecord() {
        RowConverter converter = new RowConverter(false, PLAIN);
        assertThatThrownBy(() -> convert(converter, "{\"ts\":1,\"label\":0,\"features\":{\"label\":1}}"))
                .isInstanceOf(ConversionException.class)
                .hasMessageEndingWith("field 'features': gives column 'label', which another field of the record already "
                        + "fills (check flatten.column.format)");
        assertThatThrownBy(() -> convert(converter, "{\"ts\":1,\"features\":{\"time\":1}}"))
                .hasMessageContaining("gives column 'time'");
    }

    @Test
    void malformedNestedJsonIsABadRecordAndBadNumbersAreRefused() {
        RowConverter converter = new RowConverter(false, PREFIXED);
        for (String bad : List.of("01", "1.", "-", "1e", "+1", ".5", "1.5.2", "0x10", "NaN")) {
            assertThatThrownBy(() -> converter.convert(REF, TELEMETRY,
                    Map.of("ts", 1L, "features", new JsonValue("{\"a\":" + bad + "}"))))
                    .as(bad).isInstanceOf(ConversionException.class).hasMessageContaining("field 'features'");
        }
    }

    @Test
    void hostileKeysStayQuotedColumnNames() {
        Row row = convert(new RowConverter(false, PLAIN), "{\"ts\":1,\"features\":{\"x\\\"; DROP TABLE t; --\":1}}");
        assertThat(PostgresDialect.addColumn("t", new Column("x\"; DROP TABLE t; --", ColumnType.DOUBLE, false)))
                .isEqualTo("ALTER TABLE \"t\" ADD COLUMN IF NOT EXISTS \"x\"\"; DROP TABLE t; --\" double precision");
        assertThat(row.values()).containsKey("x\"; DROP TABLE t; --");
    }

    @Test
    void columnNamesFollowTheFormat() {
        assertThat(PREFIXED.columnName("features", "tcp.len")).isEqualTo("features.tcp.len");
        assertThat(Flattening.of(List.of("f"), "${field}_${key}").columnName("features", "tcp.len")).isEqualTo("features_tcp.len");
        assertThat(PLAIN.columnName("features", "${field}")).isEqualTo("${field}");
        assertThatThrownBy(() -> Flattening.of(List.of("f"), "${field}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void numberTextAcceptsExactlyJsonNumbers() {
        for (String ok : List.of("0", "-0", "12", "12.5", "-1.5e-3", "1E+10", "123456789012345678901234567890")) {
            assertThat(NumberText.of(ok)).as(ok).hasToString(ok);
        }
        for (String bad : List.of("", "01", "1.", "-", "1e", "+1", ".5", "1.5.2", "NaN", "1 ", "\t1")) {
            assertThat(NumberText.of(bad)).as("'%s'", bad).isNull();
        }
        assertThat(NumberText.of("12.5")).isEqualTo(NumberText.of("x12.5x", 1, 5)).hasSameHashCodeAs(NumberText.of("12.5"));
        assertThat(NumberText.of("12").integral()).isTrue();
        assertThat(NumberText.of("1e2").integral()).isFalse();
    }

    @Test
    void copyWritesNumberTextVerbatimAndIntegralDoublesIntoBigint() {
        List<Column> columns = List.of(new Column("d", ColumnType.DOUBLE, false), new Column("n", ColumnType.BIGINT, false),
                new Column("s", ColumnType.TEXT, false),
                new Column("e", ColumnType.DOUBLE, false));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("d", NumberText.of("-1.5e-3"));
        values.put("n", NumberText.of("12.0"));
        values.put("s", NumberText.of("7"));
        values.put("e", NumberText.NULL);
        Row row = new Row(REF, TELEMETRY, values);
        for (CopyFormat format : CopyFormat.values()) {
            StringBuilder out = new StringBuilder();
            format.encode(List.of(row), columns, out);
            String d = String.valueOf(format.delimiter());
            assertThat(out).as(format.name()).hasToString(format == CopyFormat.CSV
                    ? "-1.5e-3,\"12\",7,\n" : "-1.5e-3" + d + "12" + d + "7" + d + "\\N\n");
        }
    }

    @Test
    void flattenFieldsReadInTheScannersPassGiveTheSameRowsAndErrors() {
        List<String> inputs = List.of(JSON, JSON.replace("\"mqtt.len\"", "\"udp\\u002elen\""), JSON,
                "{\"ts\":1,\"features\":{ \"a\" : 1 , \"b\":null }, \"x\":2}", "{\"ts\":1,\"features\":{}}",
                "{\"ts\":1,\"features\":[1]}", JSON.replace("12.5", "\"12.5x\""), JSON.replace("-1.5e-3", "{\"x\":[1,\"}\"]}"),
                "{\"ts\":1,\"label\":0,\"features\":{\"label\":1}}", "{\"ts\":1,\"features\":{\"a\":01}}",
                "{\"ts\":1,\"features\":{\"a\":1}");
        RowConverter twoPass = new RowConverter(false, PLAIN);
        RowConverter fused = new RowConverter(false, PLAIN);
        for (int i = 0; i < inputs.size(); i++) {
            String json = inputs.get(i);
            Object expected = outcome(() -> twoPass.convert(REF, TELEMETRY, JsonObjectScanner.parse(json)));
            Object actual = outcome(() -> fused.convert(REF, TELEMETRY, JsonObjectScanner.parseOrNull(json, java.util.Set.of("features"))));
            if (i >= inputs.size() - 2) {
                assertThat(List.of(expected, actual)).as(json).allSatisfy(o -> assertThat(o).asString().startsWith("malformed JSON"));
            } else {
                assertThat(actual).as(json).isEqualTo(expected);
            }
        }
    }

    private static Object outcome(java.util.function.Supplier<Row> conversion) {
        try {
            return conversion.get().values();
        } catch (RuntimeException e) {
            return e.getMessage().replaceFirst("^Cannot convert record [^ ]+ field 'features': ", "");
        }
    }
}
