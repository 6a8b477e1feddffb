package dev.callflow.internal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callflow.browser.BrowserSpec;
import dev.callflow.browser.BrowserType;
import dev.callflow.browser.CandidatePolicy;
import dev.callflow.internal.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hermetic browsers run in a network namespace of Callflow's, reached from the JVM through relays; others,
 * or all with {@code callflow.namespaces=false}, on the host's network.
 */
class NetworkNamespaceTest {
  private static final Path OWN = Path.of("/proc/self/ns/net");

  private static Path networkOf(BrowserSpec spec, Settings settings) throws Exception {
    BrowserSession session = BrowserLauncher.launch(spec, settings, Duration.ofSeconds(30));
    try {
      // A page of this machine's loopback still opens, through the namespace's relay.
      session.open("about:blank", Duration.ofSeconds(30));
      long pid = session.browserProcess().orElseThrow().pid();
      return Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "ns", "net"));
    } finally {
      session.close();
    }
  }

  @ParameterizedTest
  @EnumSource(BrowserType.class)
  void aHermeticBrowserRunsInANamespaceOfItsOwn(BrowserType type) throws Exception {
    Path network = networkOf(BrowserSpec.of(type), Settings.of(Map.of()));

    assertThat(network).isNotEqualTo(Files.readSymbolicLink(OWN));
  }

  @ParameterizedTest
  @EnumSource(BrowserType.class)
  void namespacesSwitchedOffOrHermeticModeLiftedLeaveTheBrowserOnTheHostsNetwork(BrowserType type) throws Exception {
    Path own = Files.readSymbolicLink(OWN);

    assertThat(networkOf(BrowserSpec.of(type), Settings.of(Map.of("callflow.namespaces", "false")))).isEqualTo(own);
    assertThat(networkOf(BrowserSpec.of(type).withCandidatePolicy(CandidatePolicy.ANY), Settings.of(Map.of()))).isEqualTo(own);
  }
}
