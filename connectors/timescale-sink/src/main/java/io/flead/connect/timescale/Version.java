package io.flead.connect.timescale;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The plugin version Connect reports: the jar manifest's {@code Implementation-Version} when packaged, else the
 * {@code timescale-sink.properties} the build writes from the POM (classes run from {@code target/classes}).
 */
final class Version {
    static final String RESOURCE = "timescale-sink.properties";
    private static final String VERSION = read();

    private Version() {
    }

    static String get() {
        return VERSION;
    }

    private static String read() {
        String manifest = Version.class.getPackage().getImplementationVersion();
        if (manifest != null) {
            return manifest;
        }
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE + " beside " + Version.class.getName()
                    + ": the build writes it (resource filtering)");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version");
            if (v == null || v.isBlank() || v.contains("${")) {
                throw new IllegalStateException(RESOURCE + " holds no built version: '" + v + "'");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
