package io.flead.model;

/** An invalid function setting; the message names the key and quotes the bad value. */
public final class SettingsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SettingsException(String key, Object value, String rule) {
        super("Invalid value '" + value + "' for setting '" + key + "': " + rule);
    }

    public static void require(boolean ok, String key, Object value, String rule) {
        if (!ok) {
            throw new SettingsException(key, value, rule);
        }
    }
}
