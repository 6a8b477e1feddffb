package dev.callflow.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.callflow.failure.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * A setting given as a system property that cannot be used fails the test naming it. Isolated: it sets a JVM-wide
 * system property, which every Callflow session that starts meanwhile (other tests' included) would read.
 */
@Isolated
class SystemPropertySettingTest {
  private static Events run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
  }

  @Test
  void aWrongEvidenceFolderFailsTheTestNamingIt() {
    String before = System.getProperty("callflow.evidenceDir");
    System.setProperty("callflow.evidenceDir", "/proc/x");
    try {
      run(CallflowExtensionTest.OwnPages.class).assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
          instanceOf(ConfigurationException.class),
          message("Invalid -Dcallflow.evidenceDir=/proc/x: cannot create the folder: no such file or folder"))));
    } finally {
      if (before == null) {
        System.clearProperty("callflow.evidenceDir");
      } else {
        System.setProperty("callflow.evidenceDir", before);
      }
    }
  }
}
