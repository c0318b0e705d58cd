package io.flead.runtime;

import java.util.Locale;
import java.util.Map;

/**
 * Points Log4j 2 at the functions' default configuration unless one was given, and chooses the log layout: text (the
 * default) or JSON, one object per line ({@code FLEAD_LOG_FORMAT=json}, for containers). A {@code main} calls it
 * first, before any logger exists. It deliberately has no logger of its own.
 */
public final class LoggingDefaults {

  static final String PROPERTY = "log4j2.configurationFile";
  static final String DEFAULT = "classpath:flead-function-log4j2.xml";
  /** The system property the Log4j configurations read to choose the layout: {@code text} or {@code json}. */
  public static final String FORMAT_PROPERTY = "flead.log.format";
  /** The environment variable that asks for a layout. */
  public static final String FORMAT_ENV = "FLEAD_LOG_FORMAT";
  /** The system property naming the app in JSON lines ({@code app}). */
  public static final String APP_PROPERTY = "flead.app";

  /** The log layouts. */
  public enum Format { text, json }

  private LoggingDefaults() {
  }

  /** The functions' configuration unless one was given; the layout of {@code FLEAD_LOG_FORMAT}. */
  public static void apply() {
    if (System.getProperty(PROPERTY) == null && System.getenv("LOG4J_CONFIGURATION_FILE") == null) {
      System.setProperty(PROPERTY, DEFAULT);
    }
    useFormat(format(null, System.getenv()), false);
  }

  /** As {@link #apply()}, with {@code app} named on every JSON line unless {@code -Dflead.app} says otherwise. */
  public static void apply(String app) {
    if (System.getProperty(APP_PROPERTY) == null) {
      System.setProperty(APP_PROPERTY, app);
    }
    apply();
  }

  /**
   * The layout: {@code flag} when given (a command-line option), else {@code FLEAD_LOG_FORMAT} of {@code env}, else
   * text. A value that is neither is refused with its source named.
   */
  public static Format format(String flag, Map<String, String> env) {
    if (flag != null) {
      return parse(flag, "--log-format");
    }
    String fromEnv = env.get(FORMAT_ENV);
    return fromEnv == null || fromEnv.isBlank() ? Format.text : parse(fromEnv, FORMAT_ENV);
  }

  /** Sets the layout for configurations made from now on; {@code override} false keeps one set by {@code -D}. */
  public static void useFormat(Format format, boolean override) {
    if (override || System.getProperty(FORMAT_PROPERTY) == null) {
      System.setProperty(FORMAT_PROPERTY, format.name());
    }
  }

  private static Format parse(String value, String source) {
    try {
      return Format.valueOf(value.trim().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid value '" + value + "' for " + source + ": must be text or json");
    }
  }
}
