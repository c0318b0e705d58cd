package io.flead.connect.timescale.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoreRulesTest {
    @Test
    void bisectionIsolatesEveryBadItemAndWritesTheRestInOrder() {
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            items.add(i);
        }
        List<Integer> written = new ArrayList<>();
        List<Integer> bad = Bisection.isolate(items, part -> {
            if (part.contains(13) || part.contains(14) || part.contains(99)) {
                return false;
            }
            written.addAll(part);
            return true;
        });
        assertThat(bad).containsExactly(13, 14, 99);
        assertThat(written).hasSize(97).isSorted().doesNotContain(13, 14, 99);
    }

    @Test
    void bisectionOfAGoodBatchIsOneAttempt() {
        int[] attempts = {0};
        assertThat(Bisection.isolate(List.of(1, 2, 3), part -> ++attempts[0] > 0)).isEmpty();
        assertThat(attempts[0]).isEqualTo(1);
    }

    @Test
    void sqlStatesAreClassified() {
        assertThat(SqlFailure.of("08006")).isEqualTo(SqlFailure.TRANSIENT);
        assertThat(SqlFailure.of("08001")).isEqualTo(SqlFailure.TRANSIENT);
        assertThat(SqlFailure.of("40001")).isEqualTo(SqlFailure.TRANSIENT);
        assertThat(SqlFailure.of("40P01")).isEqualTo(SqlFailure.TRANSIENT);
        assertThat(SqlFailure.of("57P01")).isEqualTo(SqlFailure.TRANSIENT);
        assertThat(SqlFailure.of(null)).isEqualTo(SqlFailure.TRANSIENT);
        assertThat(SqlFailure.of("23505")).isEqualTo(SqlFailure.DUPLICATE_KEY);
        assertThat(SqlFailure.of("23502")).isEqualTo(SqlFailure.BAD_DATA);
        assertThat(SqlFailure.of("22P02")).isEqualTo(SqlFailure.BAD_DATA);
        assertThat(SqlFailure.of("42501")).isEqualTo(SqlFailure.FATAL);
        assertThat(SqlFailure.of("42P01")).isEqualTo(SqlFailure.FATAL);
    }

    @Test
    void programLimitsAreBadRecordsForTheDeadLetterQueueNotAStop() {
        // index row too large (a ~3 KB natural-key value), too many columns, jsonb nested too deeply, row too big
        for (String state : List.of("54000", "54011", "54001", "54023")) {
            assertThat(SqlFailure.of(state)).as(state).isEqualTo(SqlFailure.BAD_DATA);
        }
    }

    @Test
    void aStatementCancelledByStatementTimeoutIsRetried() {
        assertThat(SqlFailure.of("57014")).isEqualTo(SqlFailure.TRANSIENT);
    }

    @Test
    void credentialsInUrlsAreMasked() {
        assertThat(UrlMask.mask("jdbc:postgresql://bob:s3cret@db:5432/flead?password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://***@db:5432/flead?password=***&ssl=true");
        assertThat(UrlMask.mask("jdbc:postgresql://db/flead?user=bob&password=x")).isEqualTo(
                "jdbc:postgresql://db/flead?user=***&password=***");
        assertThat(UrlMask.maskIn("cannot reach jdbc:postgresql://db/x?password=p now", "jdbc:postgresql://db/x?password=p"))
                .isEqualTo("cannot reach jdbc:postgresql://db/x?password=*** now");
    }

    @Test
    void dedupKeepsTheLastRowPerKey() {
        TableTarget t = new TableTarget("t", "ts", "time", List.of("id"));
        Row a1 = new Row(new RecordRef("t", 0, 0), t, Map.of("id", 1L, "v", "old"));
        Row b = new Row(new RecordRef("t", 0, 1), t, Map.of("id", 2L, "v", "b"));
        Row a2 = new Row(new RecordRef("t", 0, 2), t, Map.of("id", 1L, "v", "new"));
        assertThat(RowDedup.lastPerKey(List.of(a1, b, a2), List.of("id"))).containsExactly(b, a2);
    }

    @Test
    void inferenceWidensTypesAndPutsTimeFirst() {
        TableTarget t = new TableTarget("t", "ts", "time", List.of("id", "time"));
        Row r1 = new Row(new RecordRef("t", 0, 0), t, map("id", 1L, "x", 1L, "y", null, "time", java.time.Instant.EPOCH));
        Row r2 = new Row(new RecordRef("t", 0, 1), t, map("id", 2L, "x", 2.5, "z", true, "time", java.time.Instant.EPOCH));
        assertThat(ColumnInference.infer(t, List.of(r1, r2))).containsExactly(
                new Column("time", ColumnType.TIMESTAMPTZ, true),
                new Column("id", ColumnType.BIGINT, true),
                new Column("x", ColumnType.DOUBLE, false),
                new Column("y", ColumnType.TEXT, false),
                new Column("z", ColumnType.BOOLEAN, false));
        assertThat(ColumnInference.missing(t, List.of(r2), Map.of("time", ColumnType.TIMESTAMPTZ, "id", ColumnType.BIGINT)))
                .containsExactly(new Column("x", ColumnType.DOUBLE, false), new Column("z", ColumnType.BOOLEAN, false));
    }

    @Test
    void routerUsesOverridesThenTheFormat() {
        TableRouter router = new TableRouter("raw_${topic}", Map.of("edge-iiot-stream", "telemetry"),
                Map.of("telemetry", List.of("device_id", "seq", "time")), List.of("id"),
                Map.of("telemetry", "event_ms"), "ts", "time");
        assertThat(router.route("edge-iiot-stream"))
                .isEqualTo(new TableTarget("telemetry", "event_ms", "time", List.of("device_id", "seq", "time")));
        assertThat(router.route("other.topic")).isEqualTo(new TableTarget("raw_other.topic", "ts", "time", List.of("id")));
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
