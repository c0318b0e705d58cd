package io.flead.platform.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flead.platform.ProjectLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** The provisioned Grafana files of the checkout: the datasource uid and the dashboards with their panel queries. */
final class DashboardFiles {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One query of one panel. */
    record PanelQuery(String dashboard, String panel, String panelType, String refId, String format, String rawSql) {
        String label() {
            return dashboard + " / " + panel + " / " + refId;
        }
    }

    private DashboardFiles() {
    }

    static Path grafanaDir() {
        return ProjectLayout.root().resolve("grafana");
    }

    static List<Path> dashboardPaths() {
        try (Stream<Path> files = Files.list(grafanaDir().resolve("dashboards"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path dashboard) {
        try {
            return JSON.readTree(dashboard.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot parse " + dashboard, e);
        }
    }

    /** The first datasource of grafana/provisioning/datasources/*.yaml. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> provisionedDatasource() {
        Path dir = grafanaDir().resolve("provisioning").resolve("datasources");
        try (Stream<Path> files = Files.list(dir)) {
            Path file = files.filter(p -> p.toString().endsWith(".yaml")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no datasource YAML in " + dir));
            Map<String, Object> doc = new Yaml().load(Files.readString(file));
            return ((List<Map<String, Object>>) doc.get("datasources")).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            panels.add(p);
            p.path("panels").forEach(panels::add);
        }
        return panels;
    }

    static List<PanelQuery> queries(Path file) {
        JsonNode dashboard = read(file);
        List<PanelQuery> queries = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode t : panel.path("targets")) {
                queries.add(new PanelQuery(dashboard.path("title").asText(), panel.path("title").asText(),
                    panel.path("type").asText(), t.path("refId").asText(), t.path("format").asText(),
                    t.path("rawSql").asText()));
            }
        }
        return queries;
    }

    static List<PanelQuery> allQueries() {
        return dashboardPaths().stream().flatMap(p -> queries(p).stream()).toList();
    }
}
