package io.flead.connect.timescale.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresDialectTest {
    private static final List<Column> COLUMNS = List.of(
            new Column("time", ColumnType.TIMESTAMPTZ, true),
            new Column("device_id", ColumnType.TEXT, true),
            new Column("seq", ColumnType.BIGINT, true),
            new Column("features", ColumnType.JSONB, false),
            new Column("label", ColumnType.BIGINT, false),
            new Column("weights", ColumnType.DOUBLE_ARRAY, false),
            new Column("ok", ColumnType.BOOLEAN, false),
            new Column("score", ColumnType.DOUBLE, false));
    private static final List<String> KEY = List.of("device_id", "seq", "time");

    @Test
    void createTableQuotesEveryColumnAndMarksKeysNotNull() {
        assertThat(PostgresDialect.createTable("telemetry", COLUMNS)).isEqualTo(
                "CREATE TABLE IF NOT EXISTS \"telemetry\" (\"time\" timestamptz NOT NULL, \"device_id\" text NOT NULL, "
                        + "\"seq\" bigint NOT NULL, \"features\" jsonb, \"label\" bigint, "
                        + "\"weights\" double precision[], \"ok\" boolean, \"score\" double precision)");
    }

    @Test
    void hostileFieldNameBecomesOneQuotedIdentifier() {
        Column hostile = new Column("x\"; DROP TABLE t; --", ColumnType.TEXT, false);
        assertThat(PostgresDialect.addColumn("t", hostile))
                .isEqualTo("ALTER TABLE \"t\" ADD COLUMN IF NOT EXISTS \"x\"\"; DROP TABLE t; --\" text");
    }

    @Test
    void indexesOnTimeAndNaturalKey() {
        assertThat(PostgresDialect.brinIndex("telemetry", "time"))
                .isEqualTo("CREATE INDEX IF NOT EXISTS \"telemetry_time_brin\" ON \"telemetry\" USING BRIN (\"time\")");
        assertThat(PostgresDialect.uniqueIndex("telemetry", KEY)).isEqualTo(
                "CREATE UNIQUE INDEX IF NOT EXISTS \"telemetry_key\" ON \"telemetry\" (\"device_id\", \"seq\", \"time\")");
    }

    @Test
    void longTableNamesGiveIndexNamesThatFit() {
        String table = "t".repeat(63);
        String sql = PostgresDialect.uniqueIndex(table, KEY);
        String indexName = sql.substring(sql.indexOf('"') + 1, sql.indexOf("\" ON"));
        assertThat(indexName).hasSizeLessThanOrEqualTo(63).endsWith("_key").isNotEqualTo(table);
        assertThat(PostgresDialect.uniqueIndex(table, KEY)).isEqualTo(sql);
    }

    @Test
    void hypertableByRangeWithChunkInterval() {
        assertThat(PostgresDialect.createHypertable("telemetry", "time", "1 day")).isEqualTo(
                "SELECT create_hypertable('\"telemetry\"', by_range('time', INTERVAL '1 day'), if_not_exists => TRUE)");
        assertThat(PostgresDialect.createHypertable("it's", "time", "7 days")).isEqualTo(
                "SELECT create_hypertable('\"it''s\"', by_range('time', INTERVAL '7 days'), if_not_exists => TRUE)");
    }

    @Test
    void columnstoreChunkIntervalAndRetentionStatementsUseTheCurrentApi() {
        assertThat(PostgresDialect.setChunkInterval("telemetry", "1 Day")).isEqualTo(
                "SELECT set_chunk_time_interval('\"telemetry\"', INTERVAL '1 day')");
        assertThat(PostgresDialect.enableColumnstore("telemetry", List.of("device_id"), "time")).isEqualTo(
                "ALTER TABLE \"telemetry\" SET (timescaledb.enable_columnstore = true, timescaledb.segmentby = "
                        + "'\"device_id\"', timescaledb.orderby = '\"time\" DESC')");
        assertThat(PostgresDialect.enableColumnstore("global_models", List.of(), "it's")).isEqualTo(
                "ALTER TABLE \"global_models\" SET (timescaledb.enable_columnstore = true, timescaledb.segmentby = '', "
                        + "timescaledb.orderby = '\"it''s\" DESC')");
        assertThat(PostgresDialect.addColumnstorePolicy("telemetry", "7 days")).isEqualTo(
                "CALL add_columnstore_policy('\"telemetry\"', after => INTERVAL '7 days', if_not_exists => TRUE)");
        assertThat(PostgresDialect.removeColumnstorePolicy("telemetry")).isEqualTo(
                "CALL remove_columnstore_policy('\"telemetry\"', if_exists => TRUE)");
        assertThat(PostgresDialect.addRetentionPolicy("telemetry", "90 Days")).isEqualTo(
                "SELECT add_retention_policy('\"telemetry\"', drop_after => INTERVAL '90 days', if_not_exists => TRUE)");
        assertThat(PostgresDialect.removeRetentionPolicy("telemetry")).isEqualTo(
                "SELECT remove_retention_policy('\"telemetry\"', if_exists => TRUE)");
    }

    @Test
    void intervalsAreCheckedNotConcatenated() {
        assertThatThrownBy(() -> PostgresDialect.addRetentionPolicy("t", "1 day'); DROP TABLE t; --"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid interval '1 day'); DROP");
        assertThat(PostgresDialect.isInterval("12 hours")).isTrue();
        assertThat(PostgresDialect.isInterval("soon")).isFalse();
    }

    @Test
    void copyStatementsInTextAndCsv() {
        List<Column> cols = COLUMNS.subList(0, 3);
        assertThat(PostgresDialect.copyIn("telemetry", cols, CopyFormat.TEXT))
                .isEqualTo("COPY \"telemetry\" (\"time\", \"device_id\", \"seq\") FROM STDIN");
        assertThat(PostgresDialect.copyIn("telemetry", cols, CopyFormat.CSV))
                .isEqualTo("COPY \"telemetry\" (\"time\", \"device_id\", \"seq\") FROM STDIN WITH (FORMAT csv)");
    }

    @Test
    void upsertThroughStagingTable() {
        List<Column> cols = COLUMNS.subList(0, 5);
        assertThat(PostgresDialect.createStage("flead_stage_1", "telemetry"))
                .isEqualTo("CREATE TEMP TABLE \"flead_stage_1\" (LIKE \"telemetry\" INCLUDING DEFAULTS) ON COMMIT DROP");
        assertThat(PostgresDialect.upsertFromStage("telemetry", "flead_stage_1", cols, KEY, ConflictAction.UPDATE))
                .isEqualTo("INSERT INTO \"telemetry\" (\"time\", \"device_id\", \"seq\", \"features\", \"label\") "
                        + "SELECT \"time\", \"device_id\", \"seq\", \"features\", \"label\" FROM \"flead_stage_1\" "
                        + "ON CONFLICT (\"device_id\", \"seq\", \"time\") DO UPDATE SET "
                        + "\"features\" = EXCLUDED.\"features\", \"label\" = EXCLUDED.\"label\"");
        assertThat(PostgresDialect.upsertFromStage("telemetry", "s", cols, KEY, ConflictAction.NOTHING))
                .endsWith("ON CONFLICT (\"device_id\", \"seq\", \"time\") DO NOTHING");
    }

    @Test
    void upsertWithOnlyKeyColumnsDoesNothing() {
        assertThat(PostgresDialect.upsertFromStage("t", "s", COLUMNS.subList(0, 3), KEY, ConflictAction.UPDATE))
                .endsWith("DO NOTHING");
    }

    @Test
    void offsetsTableNeverMovesBack() {
        assertThat(PostgresDialect.createOffsetsTable()).isEqualTo("CREATE TABLE IF NOT EXISTS \"flead_sink_offsets\" "
                + "(\"connector\" text NOT NULL, \"topic\" text NOT NULL, \"partition\" integer NOT NULL, "
                + "\"next_offset\" bigint NOT NULL, \"updated_at\" timestamptz NOT NULL DEFAULT now(), "
                + "PRIMARY KEY (\"connector\", \"topic\", \"partition\"))");
        assertThat(PostgresDialect.upsertOffset()).contains(
                "DO UPDATE SET \"next_offset\" = GREATEST(\"flead_sink_offsets\".\"next_offset\", EXCLUDED.\"next_offset\")");
    }

    @Test
    void offsetsSetThroughConnectsOffsetsApiMayMoveBackOrBeForgotten() {
        assertThat(PostgresDialect.setOffset()).isEqualTo("INSERT INTO \"flead_sink_offsets\" (\"connector\", \"topic\", "
                + "\"partition\", \"next_offset\") VALUES (?, ?, ?, ?) ON CONFLICT (\"connector\", \"topic\", \"partition\") "
                + "DO UPDATE SET \"next_offset\" = EXCLUDED.\"next_offset\", \"updated_at\" = now()");
        assertThat(PostgresDialect.deleteOffset()).isEqualTo("DELETE FROM \"flead_sink_offsets\" WHERE \"connector\" = ? "
                + "AND \"topic\" = ? AND \"partition\" = ?");
    }

    @Test
    void invalidIdentifiersAreRefusedWithTheName() {
        assertThatThrownBy(() -> PostgresDialect.brinIndex("", "time"))
                .hasMessage("Invalid identifier '': must not be empty");
        assertThatThrownBy(() -> new Column("a".repeat(64), ColumnType.TEXT, false))
                .hasMessageContaining("longer than 63 bytes");
        assertThatThrownBy(() -> Identifier.quote("a\0b")).hasMessageContaining("must not contain NUL");
    }

    @Test
    void statementTimeoutIsASessionSetting() {
        assertThat(PostgresDialect.setStatementTimeout(30_000)).isEqualTo("SET statement_timeout = 30000");
        assertThat(PostgresDialect.setStatementTimeout(0)).isEqualTo("SET statement_timeout = 0");
        assertThatThrownBy(() -> PostgresDialect.setStatementTimeout(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
