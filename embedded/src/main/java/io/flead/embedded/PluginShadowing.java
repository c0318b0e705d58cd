package io.flead.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds Connect plugins in a {@code plugin.path} entry whose classes are also on the JVM's classpath:
 * Connect then loads the classpath copy, so a test would not exercise the packaged plugin directory.
 */
final class PluginShadowing {

    private static final String SERVICES = "META-INF/services/org.apache.kafka.";

    private PluginShadowing() {
    }

    /** Plugin classes declared in the jars under {@code pluginPathEntry} that {@code classpath} can also load. */
    static List<String> shadowed(Path pluginPathEntry, ClassLoader classpath) {
        List<String> shadowed = new ArrayList<>();
        for (Path jar : jars(pluginPathEntry)) {
            for (String className : declaredPlugins(jar)) {
                if (classpath.getResource(className.replace('.', '/') + ".class") != null) {
                    shadowed.add(className);
                }
            }
        }
        return shadowed;
    }

    /** The jars of a plugin.path entry: top-level jars and the jars of each plugin sub-directory. */
    private static List<Path> jars(Path entry) {
        if (!Files.isDirectory(entry)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(entry, 2)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list plugin directory " + entry, e);
        }
    }

    private static List<String> declaredPlugins(Path jar) {
        List<String> classes = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith(SERVICES) && !entry.isDirectory()) {
                    classes.addAll(serviceLines(file, entry));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read plugin jar " + jar + ": " + e.getMessage(), e);
        }
        return classes;
    }

    private static List<String> serviceLines(JarFile file, JarEntry entry) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(file.getInputStream(entry), StandardCharsets.UTF_8))) {
            return reader.lines()
                    .map(line -> line.replaceAll("#.*", "").trim())
                    .filter(line -> !line.isEmpty())
                    .toList();
        }
    }
}
