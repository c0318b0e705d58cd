package io.flead.connect.timescale.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BinaryCopyTest {
    private static final TableTarget TARGET = new TableTarget("t", "ts", "time", List.of());
    private static final List<Column> COLUMNS = List.of(
            new Column("time", ColumnType.TIMESTAMPTZ, true, "timestamptz"),
            new Column("n", ColumnType.BIGINT, false, "int8"),
            new Column("i", ColumnType.BIGINT, false, "int4"),
            new Column("d", ColumnType.DOUBLE, false, "float8"),
            new Column("s", ColumnType.TEXT, false, "text"),
            new Column("b", ColumnType.BOOLEAN, false, "bool"),
            new Column("j", ColumnType.JSONB, false, "jsonb"),
            new Column("e", ColumnType.DOUBLE, false, "float8"));

    private static Row row(Object d, Object s) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("time", Instant.parse("2000-01-01T00:00:01.000002Z"));
        values.put("n", -2L);
        values.put("i", 7L);
        values.put("d", d);
        values.put("s", s);
        values.put("b", true);
        values.put("j", new JsonValue("{}"));
        values.put("e", NumberText.NULL);
        return new Row(new RecordRef("t", 0, 0), TARGET, values);
    }

    @Test
    void encodesTuplesInPostgresBinaryLayout() {
        ByteChunk out = new ByteChunk(16);
        BinaryCopy.header(out);
        BinaryCopy.encode(List.of(row(NumberText.of("1.5"), "é")), COLUMNS, out);
        BinaryCopy.trailer(out);
        String hex = HexFormat.of().formatHex(Arrays.copyOf(out.array(), out.length()));
        assertThat(hex).isEqualTo("5047434f50590aff0d0a00" + "00000000" + "00000000"
                + "0008" // 8 fields
                + "00000008" + "00000000000f4242" // 1,000,002 µs after 2000-01-01
                + "00000008" + "fffffffffffffffe"
                + "00000004" + "00000007"
                + "00000008" + "3ff8000000000000" // 1.5
                + "00000002" + "c3a9" // é in UTF-8
                + "00000001" + "01"
                + "00000003" + "017b7d" // jsonb version 1, then {}
                + "ffffffff" // NULL
                + "ffff");
    }

    @Test
    void onlyExactFitsAreEncodableAndOnlyKnownTypesSupported() {
        assertThat(BinaryCopy.supports(COLUMNS)).isTrue();
        assertThat(BinaryCopy.supports(List.of(new Column("u", ColumnType.TEXT, false, "uuid")))).isFalse();
        assertThat(BinaryCopy.supports(List.of(new Column("u", ColumnType.TEXT, false)))).isFalse();
        assertThat(BinaryCopy.encodable(List.of(row(NumberText.of("1.5"), "x"), row(2.5, null)), COLUMNS)).isTrue();
        assertThat(BinaryCopy.encodable(List.of(row(NumberText.of("1.5"), 3L)), COLUMNS)).as("a number into text").isFalse();
        assertThat(BinaryCopy.encodable(List.of(row("abc", "x")), COLUMNS)).as("text into float8").isFalse();
        assertThat(BinaryCopy.encodable(List.of(row(NumberText.of("1e400"), "x")), COLUMNS)).as("out of range").isFalse();
        List<Column> int8 = List.of(new Column("time", ColumnType.BIGINT, false, "int8"));
        Row timed = new Row(new RecordRef("t", 0, 0), TARGET, Map.of("time", Instant.ofEpochMilli(1_700_000_000_123L)));
        assertThat(BinaryCopy.encodable(List.of(timed), int8)).isTrue();
        ByteChunk out = new ByteChunk(16);
        BinaryCopy.encode(List.of(timed), int8, out);
        assertThat(HexFormat.of().formatHex(Arrays.copyOf(out.array(), out.length())))
                .as("a time into an int8 column is epoch milliseconds").isEqualTo("0001" + "00000008" + "0000018bcfe5687b");
        List<Column> int4 = List.of(new Column("i", ColumnType.BIGINT, false, "int4"));
        assertThat(BinaryCopy.encodable(List.of(new Row(new RecordRef("t", 0, 0), TARGET, Map.of("i", 1L << 40))), int4)).isFalse();
    }

    @Test
    void jsonNumbersBecomeTheNearestDouble() {
        SplittableRandom random = new SplittableRandom(7);
        for (int k = 0; k < 200_000; k++) {
            String text = switch (k % 4) {
                case 0 -> Double.toString(random.nextInt(0, 1_000_000) / 100.0);
                case 1 -> Long.toString(random.nextLong());
                case 2 -> "-0." + Long.toString(random.nextLong(1, Long.MAX_VALUE)).substring(1);
                default -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(-300, 300)));
            };
            NumberText n = NumberText.of(text.replace("E", "e"));
            if (n != null) {
                assertThat(n.doubleValue()).as(text).isEqualTo(Double.parseDouble(text));
            }
        }
        assertThat(NumberText.of("-0").doubleValue()).isEqualTo(-0.0);
        assertThat(NumberText.of("0.000000000000001").doubleValue()).isEqualTo(1e-15);
    }

    @Test
    void copyStatementNamesTheBinaryFormat() {
        assertThat(PostgresDialect.copyInBinary("t\"x", COLUMNS.subList(0, 2)))
                .isEqualTo("COPY \"t\"\"x\" (\"time\", \"n\") FROM STDIN WITH (FORMAT binary)");
    }
}
