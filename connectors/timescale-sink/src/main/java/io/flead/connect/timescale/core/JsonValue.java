package io.flead.connect.timescale.core;

/** A converted value destined for a jsonb column, held as its JSON text. */
public record JsonValue(String json) {
}
