package io.flead.platform.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The latest latency CDF that {@code flead bench latency} left ({@code latency-cdf.svg} and {@code latency-cdf.csv}). */
final class BenchResource {
    static final String SVG = "latency-cdf.svg";
    static final String CSV = "latency-cdf.csv";
    static final int MAX_CSV_LINES = 5_000;

    private final Path dir;

    BenchResource(Path dir) {
        this.dir = dir;
    }

    Object latency(Request r) throws IOException {
        r.query().allowOnly(Set.of());
        Map<String, Object> answer = new LinkedHashMap<>();
        Path svg = dir.resolve(SVG);
        Path csv = dir.resolve(CSV);
        answer.put("available", Files.isRegularFile(svg) || Files.isRegularFile(csv));
        answer.put("svg", Files.isRegularFile(svg) ? "/api/bench/latency/cdf.svg" : null);
        answer.put("modified", Files.isRegularFile(csv) ? Files.getLastModifiedTime(csv).toInstant().toString()
            : Files.isRegularFile(svg) ? Files.getLastModifiedTime(svg).toInstant().toString() : null);
        answer.put("csv", Files.isRegularFile(csv) ? csvLines(csv) : List.of());
        return answer;
    }

    Object svg(Request r) throws IOException {
        r.query().allowOnly(Set.of());
        Path svg = dir.resolve(SVG);
        if (!Files.isRegularFile(svg)) {
            throw ApiException.notFound(null, "No latency CDF yet: run ./flead bench latency");
        }
        return new Router.Raw("image/svg+xml", Files.readAllBytes(svg));
    }

    private static List<List<String>> csvLines(Path csv) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (var lines = Files.lines(csv)) {
            lines.limit(MAX_CSV_LINES).filter(l -> !l.isBlank()).forEach(l -> rows.add(List.of(l.split(",", -1))));
        }
        return rows;
    }
}
