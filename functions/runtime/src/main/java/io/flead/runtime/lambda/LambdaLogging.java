package io.flead.runtime.lambda;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Structured logs of the Lambda artifact, whose SLF4J backend is JUL: the root logger writes {@link JsonLogFormatter}
 * lines to standard output (Lambda sends it to CloudWatch Logs), INFO for FLEAD, WARN for the Kafka clients.
 */
final class LambdaLogging {

  private static boolean installed;

  private LambdaLogging() {
  }

  static synchronized void install(String function) {
    if (installed) {
      return;
    }
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      if (h instanceof ConsoleHandler) {
        root.removeHandler(h);
      }
    }
    Handler out = new StreamHandler(System.out, new JsonLogFormatter(function)) {
      @Override
      public synchronized void publish(LogRecord record) {
        super.publish(record);
        flush();
      }
    };
    out.setLevel(Level.ALL);
    root.addHandler(out);
    root.setLevel(Level.WARNING);
    Logger.getLogger("io.flead").setLevel(Level.INFO);
    installed = true;
  }
}
