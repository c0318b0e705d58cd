package io.flead.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.logging.log4j.core.config.plugins.processor.PluginCache;
import org.apache.logging.log4j.core.config.plugins.processor.PluginProcessor;
import org.junit.jupiter.api.Test;

/**
 * The Log4j plugin cache this module ships (for the functions' shaded jars, which can hold one) is log4j-core's and
 * the JSON layout's merged, for the versions on the classpath: after a Log4j upgrade this test fails until the file is
 * written again (the test's message says how).
 */
class LoggingPluginCacheTest {

  @Test
  void theShippedPluginCacheIsLog4jCoresAndTheJsonLayoutsMerged() throws Exception {
    List<URL> others = new ArrayList<>();
    URL shipped = null;
    for (URL url : Collections.list(getClass().getClassLoader().getResources(PluginProcessor.PLUGIN_CACHE_FILE))) {
      if (url.getPath().contains("/log4j-core-") || url.getPath().contains("/log4j-layout-template-json-")) {
        others.add(url);
      } else if (url.getPath().contains("/runtime/target/classes/")) {
        shipped = url;
      }
    }
    assertThat(others).hasSize(2);
    assertThat(shipped).isNotNull();
    PluginCache merged = new PluginCache();
    merged.loadCacheFiles(Collections.enumeration(others));
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    merged.writeCache(expected);
    try (InputStream in = shipped.openStream()) {
      assertThat(in.readAllBytes()).as("write src/main/resources/" + PluginProcessor.PLUGIN_CACHE_FILE
          + " again: PluginCache.loadCacheFiles of log4j-core's and log4j-layout-template-json's, then writeCache")
          .isEqualTo(expected.toByteArray());
    }
  }
}
