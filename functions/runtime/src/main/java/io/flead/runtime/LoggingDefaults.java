package io.flead.runtime;

/**
 * Points Log4j 2 at the functions' default configuration unless one was given; a {@code main} calls
 * it first, before any logger exists. It deliberately has no logger of its own.
 */
public final class LoggingDefaults {

  static final String PROPERTY = "log4j2.configurationFile";
  static final String DEFAULT = "classpath:flead-function-log4j2.xml";

  private LoggingDefaults() {
  }

  public static void apply() {
    if (System.getProperty(PROPERTY) == null && System.getenv("LOG4J_CONFIGURATION_FILE") == null) {
      System.setProperty(PROPERTY, DEFAULT);
    }
  }
}
