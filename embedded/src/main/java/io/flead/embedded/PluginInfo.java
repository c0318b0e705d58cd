package io.flead.embedded;

/** One entry of {@code GET /connector-plugins}: class, type (source, sink, converter…) and version. */
public record PluginInfo(String className, String type, String version) {
}
