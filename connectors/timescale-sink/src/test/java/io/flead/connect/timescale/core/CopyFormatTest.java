package io.flead.connect.timescale.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CopyFormatTest {
    private static final TableTarget TARGET = new TableTarget("t", "ts", "time", List.of());
    private static final List<Column> COLUMNS = List.of(
            new Column("time", ColumnType.TIMESTAMPTZ, true),
            new Column("s", ColumnType.TEXT, false),
            new Column("j", ColumnType.JSONB, false),
            new Column("n", ColumnType.BIGINT, false));

    private static Row row(Object s, Object j, Object n) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("time", Instant.ofEpochMilli(1_700_000_000_123L));
        values.put("s", s);
        values.put("j", j);
        values.put("n", n);
        return new Row(new RecordRef("t", 0, 0), TARGET, values);
    }

    private static String encode(CopyFormat format, Row... rows) {
        StringBuilder out = new StringBuilder();
        format.encode(List.of(rows), COLUMNS, out);
        return out.toString();
    }

    @Test
    void textFormatEscapesTabsNewlinesAndBackslashes() {
        String line = encode(CopyFormat.TEXT, row("a\tb\nc\rd\\e \"q\" 'x' é ✓ 😀", null, 7L));
        assertThat(line).isEqualTo("2023-11-14 22:13:20.123000+00:00\ta\\tb\\nc\\rd\\\\e \"q\" 'x' é ✓ 😀\t\\N\t7\n");
    }

    @Test
    void textFormatEscapesJsonBackslashes() {
        Object json = new JsonValue(JsonText.write(Map.of("k", "a\"b\\c\nd")));
        assertThat(encode(CopyFormat.TEXT, row(null, json, null)))
                .isEqualTo("2023-11-14 22:13:20.123000+00:00\t\\N\t{\"k\":\"a\\\\\"b\\\\\\\\c\\\\nd\"}\t\\N\n");
    }

    @Test
    void textFormatKeepsBackslashNAsDataNotNull() {
        assertThat(encode(CopyFormat.TEXT, row("\\N", null, null))).contains("\t\\\\N\t");
    }

    @Test
    void csvQuotesEverythingAndLeavesNullUnquoted() {
        String line = encode(CopyFormat.CSV, row("a,\"b\"\nc", null, 1L), row("", null, null));
        assertThat(line).isEqualTo("\"2023-11-14 22:13:20.123000+00:00\",\"a,\"\"b\"\"\nc\",,\"1\"\n"
                + "\"2023-11-14 22:13:20.123000+00:00\",\"\",,\n");
    }

    @Test
    void csvKeepsEndOfDataMarkerQuoted() {
        assertThat(encode(CopyFormat.CSV, row("\\.", null, null))).contains(",\"\\.\",");
    }

    @Test
    void valuesFollowTheColumnType() {
        List<Column> cols = List.of(new Column("a", ColumnType.DOUBLE_ARRAY, false),
                new Column("b", ColumnType.JSONB, false), new Column("c", ColumnType.BIGINT, false),
                new Column("d", ColumnType.TEXT, false), new Column("e", ColumnType.JSONB, false));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("a", new DoubleArray(new double[] {1.5, -2, Double.NaN}));
        values.put("b", "plain text");
        values.put("c", 42.0);
        values.put("d", new DoubleArray(new double[] {1}));
        values.put("e", new DoubleArray(new double[] {Double.POSITIVE_INFINITY}));
        StringBuilder out = new StringBuilder();
        CopyFormat.TEXT.encode(List.of(new Row(new RecordRef("t", 0, 0), TARGET, values)), cols, out);
        assertThat(out).hasToString("{1.5,-2.0,NaN}\t\"plain text\"\t42\t[1.0]\t[null]\n");
    }

    @Test
    void aTimeIntoAnExistingBigintColumnIsEpochMillis() {
        StringBuilder out = new StringBuilder();
        CopyFormat.TEXT.encode(List.of(row("a", null, Instant.ofEpochMilli(1_700_000_000_123L))), COLUMNS, out);
        assertThat(out).hasToString("2023-11-14 22:13:20.123000+00:00\ta\t\\N\t1700000000123\n");
    }
}
