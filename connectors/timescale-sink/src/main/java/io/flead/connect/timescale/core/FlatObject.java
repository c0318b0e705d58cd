package io.flead.connect.timescale.core;

import java.util.Arrays;

/**
 * The members of a JSON object to flatten, read in the same pass as the record around it: key spans, and each
 * value as a {@link NumberText}, null, or (for anything else) its text span, for {@link ObjectFlattener} to turn into
 * cells or into a bad-record message. Nothing is copied out of the record's text.
 */
public final class FlatObject {
    private final String text;
    private int end;
    private int size;
    private int[] spans = new int[4 * 32]; // per member: key start, key end (negative: escaped), value start, value end
    private Object[] values = new Object[32];

    private FlatObject(String text) {
        this.text = text;
    }

    /** Reads the object starting at {@code start} of {@code text}; {@link #end()} is where it ends. */
    static FlatObject read(String text, int start) {
        FlatObject object = new FlatObject(text);
        JsonMembers members = new JsonMembers(text, start);
        while (members.next()) {
            object.add(members);
        }
        object.end = members.end();
        return object;
    }

    /** The position just after the object in the record's text. */
    int end() {
        return end;
    }

    private void add(JsonMembers m) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
            spans = Arrays.copyOf(spans, size * 8);
        }
        int s = size * 4;
        spans[s] = m.keyStart();
        spans[s + 1] = m.keyEnd();
        spans[s + 2] = m.valueStart();
        spans[s + 3] = m.valueEnd();
        values[size++] = switch (m.kind()) {
            case NUMBER -> m.number();
            case NULL -> NumberText.NULL;
            case OTHER -> null; // not a number: a bad record, told by valueText
        };
    }

    int size() {
        return size;
    }

    /** Whether member {@code i}'s key is exactly {@code name}, compared in place. */
    boolean keyIs(int i, String name) {
        int start = spans[i * 4];
        int end = spans[i * 4 + 1];
        return name != null && end >= 0 && end - start == name.length() && text.regionMatches(start, name, 0, name.length());
    }

    /** Member {@code i}'s key, unescaped. */
    String key(int i) {
        int start = spans[i * 4];
        int end = spans[i * 4 + 1];
        if (end >= 0) {
            return text.substring(start, end);
        }
        return JsonObjectScanner.parse("{" + text.substring(start - 1, -end) + ":0}").keySet().iterator().next();
    }

    /** Member {@code i}'s number ({@link NumberText#NULL} for null), or null when it is not a number. */
    Object value(int i) {
        return values[i];
    }

    /** Member {@code i}'s value as the JSON text it arrived as. */
    String valueText(int i) {
        return text.substring(spans[i * 4 + 2], spans[i * 4 + 3]);
    }
}
