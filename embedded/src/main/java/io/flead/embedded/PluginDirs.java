package io.flead.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds the {@code plugin.path} entry a connector module builds: {@code connectors/<name>/target/plugin}. */
public final class PluginDirs {

    private PluginDirs() {
    }

    /** The built plugin directory of {@code connectors/<connectorModule>}, found by walking up from the working directory. */
    public static Path locate(String connectorModule) {
        return locate(connectorModule, Path.of("").toAbsolutePath());
    }

    /** Like {@link #locate(String)}, walking up from {@code start}. */
    public static Path locate(String connectorModule, Path start) {
        Path root = repositoryRoot(start).orElseThrow(() -> new IllegalStateException(
                "No FLEAD repository root (a directory with pom.xml and connectors/) above " + start));
        Path moduleDir = root.resolve("connectors").resolve(connectorModule);
        if (!Files.isDirectory(moduleDir)) {
            throw new IllegalStateException("No connector module '" + connectorModule + "': " + moduleDir + " does not exist");
        }
        Path pluginDir = moduleDir.resolve("target").resolve("plugin");
        if (!Files.isDirectory(pluginDir.resolve(connectorModule))) {
            throw new IllegalStateException("Connector plugin '" + connectorModule + "' is not built: " + pluginDir.resolve(connectorModule)
                    + " does not exist; run mvn package -pl connectors/" + connectorModule);
        }
        return pluginDir;
    }

    /**
     * The plugin classes in {@code pluginPathEntry} that this JVM's classpath can load too. Connect loads the
     * classpath copy of such a plugin, so an IT meant to test the packaged plugin should assert this is empty
     * (exclude the module's own classes from the IT classpath; see the module README).
     */
    public static List<String> shadowedByClasspath(Path pluginPathEntry) {
        return PluginShadowing.shadowed(pluginPathEntry, PluginDirs.class.getClassLoader());
    }

    /** The nearest directory at or above {@code start} holding both {@code pom.xml} and {@code connectors/}. */
    static Optional<Path> repositoryRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("connectors"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}
