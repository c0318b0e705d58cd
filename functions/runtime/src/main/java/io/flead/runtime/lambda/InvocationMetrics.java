package io.flead.runtime.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One invocation's figures in CloudWatch's embedded metric format: a single JSON line on standard output, which
 * Lambda ships to CloudWatch Logs and CloudWatch turns into the metrics {@code records}, {@code published},
 * {@code deadLettered} (counts) and {@code duration} (milliseconds) of namespace {@value #NAMESPACE}, by function.
 */
public record InvocationMetrics(String function, String requestId, int records, int published, int deadLettered,
    double durationMs, long timestampMs) {

  public static final String NAMESPACE = "FLEAD";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The summary's counts as metrics ({@code published} excludes dead letters, as in the summary). */
  public static InvocationMetrics of(String function, String requestId, Map<String, Object> summary, double durationMs,
      long timestampMs) {
    return new InvocationMetrics(function, requestId, count(summary, "records"), count(summary, "published"),
        count(summary, "deadLettered"), durationMs, timestampMs);
  }

  /** The EMF document: the {@code _aws} metadata naming the metrics, then the dimension and the values at the root. */
  public String toEmf() {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("Timestamp", timestampMs);
    metadata.put("CloudWatchMetrics", List.of(Map.of(
        "Namespace", NAMESPACE,
        "Dimensions", List.of(List.of("function")),
        "Metrics", List.of(metric("records", "Count"), metric("published", "Count"), metric("deadLettered", "Count"),
            metric("duration", "Milliseconds")))));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("_aws", metadata);
    root.put("function", function);
    root.put("requestId", requestId);
    root.put("records", records);
    root.put("published", published);
    root.put("deadLettered", deadLettered);
    root.put("duration", durationMs);
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot render the invocation metrics", e);
    }
  }

  private static Map<String, Object> metric(String name, String unit) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Name", name);
    m.put("Unit", unit);
    return m;
  }

  private static int count(Map<String, Object> summary, String key) {
    return summary.get(key) instanceof Number n ? n.intValue() : 0;
  }
}
