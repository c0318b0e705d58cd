package io.flead.runtime.parity;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent.KafkaEventRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Test support: a function's Lambda artifact ({@code target/<fn>-lambda.jar}) loaded by a class loader that sees that
 * jar and the JDK only, as the Lambda runtime loads it; handlers are built and invoked through it by reflection, with
 * the event copied into the jar's own event classes.
 */
public final class LambdaArtifact implements AutoCloseable {

  /** The size a Lambda artifact must not exceed. */
  public static final long MAX_BYTES = 15L * 1000 * 1000;

  private final URLClassLoader loader;

  private LambdaArtifact(URLClassLoader loader) {
    this.loader = loader;
  }

  public static LambdaArtifact open(Path jar) {
    try {
      return new LambdaArtifact(new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader()));
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("Not a jar path: " + jar, e);
    }
  }

  /** Whether the artifact carries {@code className}. */
  public boolean has(String className) {
    try {
      Class.forName(className, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** A handler built as the Lambda runtime builds it, with {@code overrides} as its constructor's argument. */
  public Object handler(String className, Map<String, String> overrides) {
    return inLoader(() -> loader.loadClass(className).getConstructor(Map.class).newInstance(overrides));
  }

  /** {@code handleRequest(event, null)} on a handler of this artifact. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> handle(Object handler, KafkaEvent event) {
    return inLoader(() -> {
      Object copy = copy(event);
      Method handle = handler.getClass().getMethod("handleRequest", copy.getClass(),
          loader.loadClass("com.amazonaws.services.lambda.runtime.Context"));
      return (Map<String, Object>) handle.invoke(handler, copy, null);
    });
  }

  /** Calls {@code name()} on an object of this artifact (a hook, a counter). */
  public Object call(Object target, String name) {
    return inLoader(() -> target.getClass().getMethod(name).invoke(target));
  }

  private Object copy(KafkaEvent event) throws ReflectiveOperationException {
    Class<?> eventType = loader.loadClass(KafkaEvent.class.getName());
    Class<?> recordType = loader.loadClass(KafkaEventRecord.class.getName());
    Object copy = eventType.getConstructor().newInstance();
    eventType.getMethod("setEventSource", String.class).invoke(copy, event.getEventSource());
    Map<String, List<Object>> records = new LinkedHashMap<>();
    for (Map.Entry<String, List<KafkaEventRecord>> e : event.getRecords().entrySet()) {
      List<Object> batch = new ArrayList<>();
      for (KafkaEventRecord r : e.getValue()) {
        Object c = recordType.getConstructor().newInstance();
        recordType.getMethod("setTopic", String.class).invoke(c, r.getTopic());
        recordType.getMethod("setPartition", int.class).invoke(c, r.getPartition());
        recordType.getMethod("setOffset", long.class).invoke(c, r.getOffset());
        recordType.getMethod("setTimestamp", long.class).invoke(c, r.getTimestamp());
        recordType.getMethod("setTimestampType", String.class).invoke(c, r.getTimestampType());
        recordType.getMethod("setKey", String.class).invoke(c, r.getKey());
        recordType.getMethod("setValue", String.class).invoke(c, r.getValue());
        recordType.getMethod("setHeaders", List.class).invoke(c, r.getHeaders());
        batch.add(c);
      }
      records.put(e.getKey(), batch);
    }
    eventType.getMethod("setRecords", Map.class).invoke(copy, records);
    return copy;
  }

  /** Runs with the artifact as the context class loader, as Kafka's clients resolve configured classes through it. */
  private <T> T inLoader(Callable<T> call) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return call.call();
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("The artifact's code failed: " + e.getCause(), e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException("Cannot use the artifact: " + e, e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Override
  public void close() {
    try {
      loader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
