package io.flead.bench.latency;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws latency CDFs, one line per number of source tasks, as an SVG file with XChart. */
final class CdfChart {
    private CdfChart() {
    }

    /** Writes the chart to {@code svg} (which must end in {@code .svg}). */
    static void write(Map<Integer, Cdf> byProducers, double rate, Path svg) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500)
            .title(String.format(java.util.Locale.ROOT, "Event in Kafka to anomaly readable, %.0f rows/s in total", rate))
            .xAxisTitle("latency (ms)").yAxisTitle("fraction of anomalies").build();
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setLegendPosition(
            org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        byProducers.forEach((n, cdf) -> chart.addSeries(n + (n == 1 ? " source task" : " source tasks"),
            cdf.latencyMs(), cdf.fraction()).setMarker(SeriesMarkers.NONE));
        Files.createDirectories(svg.toAbsolutePath().getParent());
        String name = svg.toString();
        if (!name.endsWith(".svg")) {
            throw new IllegalArgumentException("chart file '" + svg + "' must end in .svg");
        }
        // XChart appends the extension itself
        VectorGraphicsEncoder.saveVectorGraphic(chart, name.substring(0, name.length() - 4),
            VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    }
}
