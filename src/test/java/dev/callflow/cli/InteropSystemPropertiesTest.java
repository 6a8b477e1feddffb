package dev.callflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The command's settings given as system properties that cannot be used. Isolated: it sets JVM-wide system properties,
 * which every Callflow session that starts meanwhile (other tests' included) would read.
 */
@Isolated
class InteropSystemPropertiesTest {
  @Test
  void aWrongDriverPathIsAnErrorNotAMissingBrowser(@TempDir Path dir) {
    String before = System.getProperty("webdriver.gecko.driver");
    System.setProperty("webdriver.gecko.driver", "/nonexistent");
    try {
      for (String[] args : new String[][] {{"--browsers", "firefox"}, {"--pairs", "chrome-firefox"}, {}}) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--out", dir.toString()));
        InteropCommandTest.Outcome outcome = InteropCommandTest.run(all.toArray(String[]::new));
        assertThat(outcome.status()).as(outcome.output()).isEqualTo(2);
        assertThat(outcome.output()).isEqualTo("interop: Invalid -Dwebdriver.gecko.driver=/nonexistent: no such file" + System.lineSeparator());
      }
    } finally {
      restore("webdriver.gecko.driver", before);
    }
  }

  @Test
  void aHeadedSettingThatDoesNotParseIsAnError(@TempDir Path dir) {
    String before = System.getProperty("callflow.headed");
    System.setProperty("callflow.headed", "yes");
    try {
      InteropCommandTest.Outcome outcome = InteropCommandTest.run("--pairs", "chrome-chrome", "--out", dir.toString());
      assertThat(outcome.status()).isEqualTo(2);
      assertThat(outcome.output()).isEqualTo("interop: Invalid -Dcallflow.headed=yes: expected true or false" + System.lineSeparator());
    } finally {
      restore("callflow.headed", before);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
