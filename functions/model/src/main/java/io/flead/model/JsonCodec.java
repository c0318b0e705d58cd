package io.flead.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * JSON encoding of the FLEAD messages (snake_case fields as in DESIGN "Contracts").
 *
 * <p>Decoding ignores unknown fields, refuses a missing or ill-typed required field with a
 * {@link MessageFormatException} that names the field, and accepts the non-numeric tokens NaN and
 * Infinity so that a poisoned update reaches the aggregator's validation instead of dying in decoding.
 */
public final class JsonCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        // models and updates are mostly doubles: parse and print them with Jackson's exact fast algorithms
        .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
        .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
        .build();

    private JsonCodec() {
    }

    public static byte[] encode(Object message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    public static String encodeToString(Object message) {
        return new String(encode(message), StandardCharsets.UTF_8);
    }

    public static <T> T decode(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw formatError(type, e);
        }
    }

    public static <T> T decode(String json, Class<T> type) {
        return decode(json.getBytes(StandardCharsets.UTF_8), type);
    }

    private static MessageFormatException formatError(Class<?> type, IOException e) {
        String name = type.getSimpleName();
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException) {
            return new MessageFormatException(name + ": " + cause.getMessage(), e);
        }
        if (e instanceof DatabindException mapping) {
            String original = mapping instanceof JsonMappingException jme ? jme.getOriginalMessage() : e.getMessage();
            String field = fieldPath((JsonMappingException) mapping);
            if (field.isEmpty()) {
                field = quotedName(original);
            }
            return new MessageFormatException(name + ": field '" + field + "': " + firstLine(original), e);
        }
        return new MessageFormatException(name + ": malformed JSON: " + firstLine(e.getMessage()), e);
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String quotedName(String message) {
        int start = message == null ? -1 : message.indexOf('\'');
        int end = start < 0 ? -1 : message.indexOf('\'', start + 1);
        return end > start ? message.substring(start + 1, end) : "?";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
