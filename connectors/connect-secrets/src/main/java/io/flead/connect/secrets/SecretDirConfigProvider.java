package io.flead.connect.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's {@code secret} config provider: {@code ${secret:NAME}} is the content of the file {@code NAME} in the
 * directory the worker names ({@code config.providers.secret.param.dir}), a trailing line break dropped. Docker mounts
 * its secrets that way ({@code /run/secrets/NAME}); {@code flead up} keeps them in {@code .flead/secrets/}. A connector
 * config names a secret, never a path: names are plain file names, so nothing outside that directory is served.
 */
public final class SecretDirConfigProvider implements ConfigProvider {
    public static final String DIR_CONFIG = "dir";
    private static final Logger LOG = LoggerFactory.getLogger(SecretDirConfigProvider.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    private Path dir;

    @Override
    public void configure(Map<String, ?> configs) {
        Object value = configs.get(DIR_CONFIG);
        if (value == null || value.toString().isBlank()) {
            throw new ConfigException(DIR_CONFIG, value, "the secrets directory is required (config.providers.<name>.param.dir)");
        }
        Path path = Path.of(value.toString());
        if (!path.isAbsolute()) {
            throw new ConfigException(DIR_CONFIG, value, "must be an absolute path");
        }
        dir = path.normalize();
    }

    /** Every secret would be too much to hand out at once: only named secrets are served. */
    @Override
    public ConfigData get(String path) {
        return new ConfigData(Map.of());
    }

    @Override
    public ConfigData get(String path, Set<String> keys) {
        Map<String, String> found = new HashMap<>();
        if (path != null && !path.isEmpty()) {
            LOG.warn("Secrets are named without a path, as ${secret:NAME}; a request with a path is not served");
            return new ConfigData(found);
        }
        for (String key : keys) {
            String secret = read(key);
            if (secret != null) {
                found.put(key, secret);
            }
        }
        return new ConfigData(found);
    }

    private String read(String name) {
        if (!isName(name)) {
            LOG.warn("Not a secret name (letters, digits, '_', '.', '-', not starting with '.' or '-'): the request is not served");
            return null;
        }
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            LOG.warn("No secret '{}' in {}", name, dir);
            return null;
        }
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            return content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        } catch (IOException e) {
            throw new ConfigException("Cannot read secret '" + name + "' in " + dir + ": " + e.getMessage());
        }
    }

    /** Whether {@code name} is a plain file name a secret may have (no separators, no '..', not hidden). */
    static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches() && !name.contains("..");
    }

    @Override
    public void close() {
    }
}
