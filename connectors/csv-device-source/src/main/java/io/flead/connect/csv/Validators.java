package io.flead.connect.csv;

import java.time.ZoneId;
import java.util.List;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** ConfigDef validators of single keys, with messages that quote the key and the bad value. */
final class Validators {

    private Validators() {
    }

    static String invalid(String key, Object value, String why) {
        return "Invalid value '" + value + "' for configuration '" + key + "': " + why;
    }

    /** Turns the escapes users type in JSON configs ('\t') into the character. */
    static String unescape(String value) {
        if (value == null) {
            return "";
        }
        return "\\t".equals(value) ? "\t" : value;
    }

    static final ConfigDef.Validator SINGLE_ASCII_CHAR = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            String v = unescape((String) value);
            if (v.length() != 1 || v.charAt(0) > 127 || v.charAt(0) == '\n' || v.charAt(0) == '\r') {
                throw new ConfigException(invalid(name, value, "must be exactly one ASCII character other than CR or LF"));
            }
        }

        @Override
        public String toString() {
            return "one ASCII character";
        }
    };

    static final ConfigDef.Validator OPTIONAL_ASCII_CHAR = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            if (value != null && !((String) value).isEmpty()) {
                SINGLE_ASCII_CHAR.ensureValid(name, value);
            }
        }

        @Override
        public String toString() {
            return "empty or one ASCII character";
        }
    };

    static final ConfigDef.Validator POSITIVE_DOUBLE = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            double d = (Double) value;
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new ConfigException(invalid(name, value, "must be a positive number"));
            }
        }

        @Override
        public String toString() {
            return "a positive number";
        }
    };

    static final ConfigDef.Validator ZONE = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                ZoneId.of((String) value);
            } catch (RuntimeException e) {
                throw new ConfigException(invalid(name, value, "must be a zone id such as 'UTC' or 'Europe/Paris'"));
            }
        }

        @Override
        public String toString() {
            return "a java.time zone id";
        }
    };

    static final ConfigDef.Validator TIME_FORMATS = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            List<String> formats = (List<String>) value;
            if (formats == null || formats.isEmpty()) {
                throw new ConfigException(invalid(name, "", "must list at least one format"));
            }
            for (String format : formats) {
                try {
                    TimeParser.format(format);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(invalid(name, format, "not a time format: " + e.getMessage()));
                }
            }
        }

        @Override
        public String toString() {
            return "'iso', 'epoch-ms', 'epoch-s' or java.time patterns";
        }
    };

    static final ConfigDef.Validator REGEX = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                java.util.regex.Pattern.compile((String) value);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new ConfigException(invalid(name, value, "not a regular expression: " + e.getDescription()));
            }
        }

        @Override
        public String toString() {
            return "a regular expression with one capturing group";
        }
    };

    /** One of {@code values}, exactly as written. */
    static ConfigDef.Validator oneOf(String... values) {
        List<String> allowed = List.of(values);
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (!allowed.contains(value)) {
                    throw new ConfigException(invalid(name, value, "must be one of " + String.join(", ", allowed)));
                }
            }

            @Override
            public String toString() {
                return allowed.toString();
            }
        };
    }

    /** A Kafka topic name; with {@code optional}, empty too. */
    static ConfigDef.Validator topicName(boolean optional) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                String topic = (String) value;
                if (optional && (topic == null || topic.isEmpty())) {
                    return;
                }
                if (topic == null || topic.isEmpty() || topic.length() > 249 || topic.equals(".") || topic.equals("..")
                        || !topic.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '_' || c == '-')) {
                    throw new ConfigException(invalid(name, value,
                            "must be a topic name of 1 to 249 ASCII letters, digits, '.', '_' or '-'"));
                }
            }

            @Override
            public String toString() {
                return optional ? "empty or a topic name" : "a topic name";
            }
        };
    }
}
