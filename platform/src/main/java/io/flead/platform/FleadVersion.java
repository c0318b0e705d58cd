package io.flead.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code flead --version}: the project's version, written into the classes by the build. */
public final class FleadVersion implements IVersionProvider {
    static final String RESOURCE = "flead-version.properties";

    /** The version the build wrote, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = FleadVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classes: build with ./flead build");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"flead " + version() + " (Java " + Runtime.version() + ")"};
    }
}
