package io.flead.driftcheck.core;

/** A drift setting with a bad value; the message names the key and quotes the value. */
public final class InvalidDriftSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String key;

    public InvalidDriftSettingException(String key, Object value, String rule) {
        super("Invalid value '" + value + "' for configuration '" + key + "': " + rule);
        this.key = key;
    }

    /** The configuration key whose value is wrong. */
    public String key() {
        return key;
    }
}
