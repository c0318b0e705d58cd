package io.flead.bench.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flead.datagen.DeviceDataGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Each device's kind, from a datagen output's manifest; empty when the directory has none. */
public final class DeviceKinds {
    private DeviceKinds() {
    }

    public static Map<String, String> read(Path dir) {
        Path manifest = dir.resolve(DeviceDataGenerator.MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return Map.of();
        }
        try {
            Map<String, String> kinds = new TreeMap<>();
            for (JsonNode device : new ObjectMapper().readTree(manifest.toFile()).path("devices")) {
                kinds.put(device.path("device_id").asText(), device.path("kind").asText());
            }
            return kinds;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest, e);
        }
    }

    /** The kind the new-kind split leaves out for a seed: the distinct kinds in name order, taken in turn by seed. */
    public static String heldOut(Map<String, String> kinds, long seed) {
        List<String> distinct = kinds.values().stream().distinct().sorted().toList();
        return distinct.get((int) Math.floorMod(seed, (long) distinct.size()));
    }
}
