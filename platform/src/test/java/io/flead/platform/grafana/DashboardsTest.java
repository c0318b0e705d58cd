package io.flead.platform.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flead.platform.analytics.MinuteAggregates;
import io.flead.platform.grafana.DashboardFiles.PanelQuery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard JSON files: identity, panel types, the provisioned datasource everywhere, and SQL shape. */
class DashboardsTest {
    static final String DATASOURCE_UID = "flead-timescaledb";
    static final String DATASOURCE_TYPE = "grafana-postgresql-datasource";
    static final int SCHEMA_VERSION = 39;
    static final Set<String> PANEL_TYPES = Set.of("timeseries", "table", "bargauge", "stat", "barchart",
        "state-timeline");
    static final Set<String> TABLES = Set.of("telemetry", "local_models", "global_models", "anomalies", "drift_alerts");
    /** The per-minute relations of {@link MinuteAggregates}: continuous aggregates, or date_bin views. */
    static final Set<String> MINUTE_RELATIONS = Set.of("telemetry_device_minute", "anomaly_device_minute",
        "drift_device_minute", "device_minute", "fleet_minute");
    static final Map<String, List<String>> PANELS = Map.of(
        "flead-federated-learning", List.of("Evaluated version precision, recall and F1",
            "Accepted and rejected updates per version", "Round duration", "Local training rate",
            "Top devices by updates", "Recent global models"),
        "flead-devices-anomalies", List.of("Anomalies over time", "Anomaly rate per device", "Per-device timeline",
            "Latest anomalies", "Drift alerts", "Telemetry rows per minute", "Mean anomaly score per minute"),
        "flead-pipeline", List.of("Rows per minute into each table", "Last write per table"));
    /** Panels that show the newest row of each table whatever the time range. */
    static final Set<String> UNFILTERED = Set.of("Last write per table");
    private static final Pattern FROM_TABLE = Pattern.compile("(?<!epoch )\\b(?:FROM|JOIN)\\s+([a-z_]+)\\b(?!\\s*\\()",
        Pattern.CASE_INSENSITIVE);

    @Test
    void provisionedDatasourceIsTheFleadDatabaseWithAPinnedUidAndNoLiteralPassword() {
        Map<String, Object> ds = DashboardFiles.provisionedDatasource();
        assertThat(ds).containsEntry("uid", DATASOURCE_UID).containsEntry("type", DATASOURCE_TYPE)
            .containsEntry("isDefault", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> secure = (Map<String, Object>) ds.get("secureJsonData");
        assertThat((String) secure.get("password")).matches("\\$\\{[A-Z_]+}");
        assertThat((String) ds.get("user")).matches("\\$\\{[A-Z_]+}");
    }

    @Test
    void theThreeDashboardsHaveTheirUidsSchemaVersionAndPanels() {
        Map<String, List<String>> found = new TreeMap<>();
        for (Path file : DashboardFiles.dashboardPaths()) {
            JsonNode d = DashboardFiles.read(file);
            assertThat(d.path("schemaVersion").asInt()).as(file + " schemaVersion").isEqualTo(SCHEMA_VERSION);
            List<String> titles = new ArrayList<>();
            DashboardFiles.panels(d).forEach(p -> titles.add(p.path("title").asText()));
            found.put(d.path("uid").asText(), titles);
        }
        assertThat(found).isEqualTo(new TreeMap<>(PANELS));
    }

    @Test
    void panelsUseCurrentCoreTypesUniqueIdsAndFitTheGrid() {
        for (Path file : DashboardFiles.dashboardPaths()) {
            Set<Integer> ids = new HashSet<>();
            for (JsonNode p : DashboardFiles.panels(DashboardFiles.read(file))) {
                String where = file.getFileName() + " panel '" + p.path("title").asText() + "'";
                assertThat(p.path("type").asText()).as(where).isIn(PANEL_TYPES);
                assertThat(ids.add(p.path("id").asInt())).as(where + " id unique").isTrue();
                JsonNode g = p.path("gridPos");
                assertThat(g.path("x").asInt() + g.path("w").asInt()).as(where + " width").isBetween(1, 24);
                assertThat(p.path("targets").size()).as(where + " targets").isPositive();
            }
        }
    }

    @Test
    void everyPanelTargetAndVariableUsesTheProvisionedDatasource() {
        for (Path file : DashboardFiles.dashboardPaths()) {
            JsonNode d = DashboardFiles.read(file);
            List<JsonNode> refs = new ArrayList<>();
            for (JsonNode p : DashboardFiles.panels(d)) {
                refs.add(p.path("datasource"));
                p.path("targets").forEach(t -> refs.add(t.path("datasource")));
            }
            d.path("templating").path("list").forEach(v -> refs.add(v.path("datasource")));
            for (JsonNode ref : refs) {
                assertThat(ref.path("uid").asText()).as(file.getFileName() + " datasource " + ref)
                    .isEqualTo(DATASOURCE_UID);
                assertThat(ref.path("type").asText()).as(file.getFileName() + " datasource " + ref)
                    .isEqualTo(DATASOURCE_TYPE);
            }
        }
    }

    @Test
    void queriesAreRawSqlOnTheSinkTablesOrMinuteRelationsWithoutTimescaleOnlyFunctions() {
        List<PanelQuery> queries = DashboardFiles.allQueries();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(14);
        for (PanelQuery q : queries) {
            assertThat(q.format()).as(q.label()).isIn("time_series", "table");
            assertThat(q.rawSql()).as(q.label()).isNotBlank().doesNotContainIgnoringCase("time_bucket");
            if (!UNFILTERED.contains(q.panel())) {
                assertThat(q.rawSql()).as(q.label() + " follows the dashboard's time range")
                    .containsAnyOf("$__timeFilter(time)", "$__timeFilter(bucket)");
            }
            Matcher m = FROM_TABLE.matcher(q.rawSql());
            int tables = 0;
            while (m.find()) {
                assertThat(m.group(1)).as(q.label() + " reads a sink table or a per-minute relation")
                    .isIn(union(TABLES, MINUTE_RELATIONS));
                tables++;
            }
            assertThat(tables).as(q.label() + " tables read").isPositive();
        }
    }

    @Test
    void versionQualityPanelsShowEachVersionsOwnEvaluationNotTheRoundsMixedEval() {
        for (PanelQuery q : DashboardFiles.allQueries()) {
            if (q.rawSql().contains("FROM global_models") && q.rawSql().matches("(?s).*\\bf1\\b.*")) {
                assertThat(q.rawSql()).as(q.label()).contains("'evaluation'->>'f1'").doesNotContain("eval->>");
            }
        }
    }

    @Test
    void dashboardsFilteringByDeviceDeclareTheDeviceVariable() {
        for (Path file : DashboardFiles.dashboardPaths()) {
            JsonNode d = DashboardFiles.read(file);
            boolean usesDevice = DashboardFiles.queries(file).stream().anyMatch(q -> q.rawSql().contains("$device"));
            List<String> variables = new ArrayList<>();
            d.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
            assertThat(variables).as(file.getFileName() + " variables").isEqualTo(usesDevice ? List.of("device") : List.of());
            if (usesDevice) {
                JsonNode v = d.path("templating").path("list").get(0);
                assertThat(v.path("multi").asBoolean() && v.path("includeAll").asBoolean()).as("device: multi, All").isTrue();
                assertThat(v.path("query").asText()).contains("FROM telemetry");
            }
        }
        assertThat(DashboardFiles.allQueries().stream().filter(q -> q.rawSql().contains("$device"))
            .map(PanelQuery::dashboard).distinct()).hasSize(2);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
