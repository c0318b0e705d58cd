package io.flead.platform.compose;

import io.flead.platform.ProjectLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml of the checkout, read with YAML anchors and merge keys resolved as Compose resolves them. */
final class ComposeFile {
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::?[-?]([^}]*))?}");

    final Path root;
    final String text;
    final Map<String, Object> doc;

    /** One bind mount: the host path (relative to the checkout) and the container path. */
    record Mount(String host, String container) {
    }

    /** One published port in short syntax: the host address, the host port and the container port. */
    record Port(String hostIp, String hostPort, String containerPort) {
    }

    private ComposeFile(Path root, String text, Map<String, Object> doc) {
        this.root = root;
        this.text = text;
        this.doc = doc;
    }

    static ComposeFile load() {
        return load("docker-compose.yml");
    }

    /** A compose file of the checkout's root, for example an overlay given with a second {@code -f}. */
    static ComposeFile load(String fileName) {
        Path root = ProjectLayout.root();
        try {
            String text = Files.readString(root.resolve(fileName));
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            return new ComposeFile(root, text, new Yaml(options).load(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) doc.get("services");
    }

    Map<String, Object> service(String name) {
        Map<String, Object> s = services().get(name);
        if (s == null) {
            throw new AssertionError("docker-compose.yml has no service '" + name + "'");
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    /** The service's environment with compose interpolation resolved to the defaults ({@code ${X:-d}} becomes d). */
    Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        map(service(service).get("environment")).forEach((k, v) -> env.put(k, withDefaults(String.valueOf(v))));
        return env;
    }

    List<Mount> mounts(String service) {
        return list(service(service).get("volumes")).stream().map(v -> withDefaults(String.valueOf(v)).split(":"))
            .map(p -> new Mount(p[0], p[1])).toList();
    }

    /** The ports the service publishes, with interpolation resolved to the defaults; an entry without a host address has "". */
    List<Port> ports(String service) {
        return list(service(service).get("ports")).stream().map(p -> withDefaults(String.valueOf(p)).split(":"))
            .map(p -> p.length == 3 ? new Port(p[0], p[1], p[2]) : new Port("", p[0], p[p.length - 1])).toList();
    }

    /** Variables the file interpolates, with their default ("" when none, null when required with :?). */
    Map<String, String> interpolatedVariables() {
        Map<String, String> vars = new LinkedHashMap<>();
        Matcher m = INTERPOLATION.matcher(text);
        while (m.find()) {
            vars.putIfAbsent(m.group(1), m.group(0).contains(":?") ? null : m.group(2) == null ? "" : m.group(2));
        }
        return vars;
    }

    static String withDefaults(String value) {
        Matcher m = INTERPOLATION.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(0).contains(":?") || m.group(2) == null
                ? "<" + m.group(1) + ">" : m.group(2)));
        }
        m.appendTail(out);
        return out.toString();
    }

    Path hostPath(Mount mount) {
        return root.resolve(mount.host()).normalize();
    }
}
