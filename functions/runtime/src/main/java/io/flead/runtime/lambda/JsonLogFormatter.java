package io.flead.runtime.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.slf4j.MDC;

/**
 * One JSON object per log line, as CloudWatch Logs Insights reads them: {@code timestamp}, {@code level} (SLF4J's
 * names), {@code logger}, {@code message}, the invocation's {@code requestId} when there is one, the {@code function},
 * and the {@code error} with its stack trace when the record carries one.
 */
public final class JsonLogFormatter extends Formatter {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final String function;

  public JsonLogFormatter(String function) {
    this.function = function;
  }

  @Override
  public String format(LogRecord record) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("timestamp", Instant.ofEpochMilli(record.getMillis()).toString());
    line.put("level", level(record.getLevel()));
    line.put("logger", record.getLoggerName());
    line.put("message", formatMessage(record));
    String requestId = MDC.get(LambdaShell.REQUEST_ID);
    if (requestId != null) {
      line.put("requestId", requestId);
    }
    line.put("function", function);
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.put("error", trace.toString());
    }
    try {
      return JSON.writeValueAsString(line) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      return "{\"level\":\"ERROR\",\"message\":\"unrenderable log record\"}" + System.lineSeparator();
    }
  }

  /** SLF4J's level names for the JUL levels its JUL backend maps them to. */
  static String level(Level level) {
    int v = level.intValue();
    if (v >= Level.SEVERE.intValue()) {
      return "ERROR";
    }
    if (v >= Level.WARNING.intValue()) {
      return "WARN";
    }
    if (v >= Level.INFO.intValue()) {
      return "INFO";
    }
    return v >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
  }
}
