package io.flead.bench.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The demo devices {@code flead up} generated for a run, from datagen's {@code manifest.json}: every device, and those
 * generated with drift.
 */
record DemoManifest(Set<String> devices, Set<String> drifting) {
    /** Where {@code flead up} stages its demo devices under its work directory. */
    static final Path IN_WORK_DIR = Path.of("data", "devices", "manifest.json");

    /** The manifest of the run whose {@code flead up} work directory is {@code upWorkDir}; null when there is none. */
    static DemoManifest read(Path upWorkDir) throws IOException {
        Path file = upWorkDir.resolve(IN_WORK_DIR);
        if (!Files.exists(file)) {
            return null;
        }
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        return new DemoManifest(ids(root.path("devices")), ids(root.path("drifted_devices")));
    }

    private static Set<String> ids(JsonNode list) {
        Set<String> ids = new LinkedHashSet<>();
        list.forEach(d -> ids.add(d.path("device_id").asText()));
        return ids;
    }
}
