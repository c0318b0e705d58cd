package io.flead.connect.csv;

/** The numeric column names of one header, shared by every row's {@link FeatureMap}, with their JSON keys. */
public final class FeatureNames {

    private final String[] names;
    private final byte[][] jsonKeys;

    FeatureNames(String[] names) {
        this.names = names;
        this.jsonKeys = new byte[names.length][];
        JsonBytes json = new JsonBytes();
        for (int i = 0; i < names.length; i++) {
            byte[] quoted = json.write(java.util.Map.of(names[i], 0L)); // {"name":0}
            jsonKeys[i] = java.util.Arrays.copyOfRange(quoted, 1, quoted.length - 2); // "name":
        }
    }

    int size() {
        return names.length;
    }

    String name(int slot) {
        return names[slot];
    }

    /** The JSON text {@code "name":} of a slot. */
    byte[] jsonKey(int slot) {
        return jsonKeys[slot];
    }
}
