package io.flead.embedded;

import java.util.Map;

/** One source partition or sink topic-partition and its committed offset (KIP-875 REST format). */
public record ConnectorOffset(Map<String, Object> partition, Map<String, Object> offset) {
}
