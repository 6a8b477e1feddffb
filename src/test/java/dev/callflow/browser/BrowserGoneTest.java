package dev.callflow.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.callflow.Callflow;
import dev.callflow.failure.CallflowTimeoutError;
import dev.callflow.internal.Processes;
import dev.callflow.junit.Browser;
import dev.callflow.junit.CallflowTest;
import dev.callflow.junit.CallflowTestFailure;
import dev.callflow.junit.EachBrowser;
import dev.callflow.peer.Peer;
import dev.callflow.peer.Call;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * A browser whose process is killed in the middle of a call (not its driver): the next operation on
 * its peer fails at once, naming the peer, the browser and the operation, and the next test gets a new
 * browser.
 */
class BrowserGoneTest {
  /** The killed browser of each invocation, by browser type, and how long the next operation took to fail. */
  static final Map<BrowserType, ProcessHandle> KILLED = new ConcurrentHashMap<>();
  static final Map<BrowserType, Duration> FAILED_AFTER = new ConcurrentHashMap<>();
  /** How a wait on the killed browser's events ended, and how long it took. */
  static final Map<BrowserType, String> WAIT_FAILURE = new ConcurrentHashMap<>();
  static final Map<BrowserType, Duration> WAIT_ENDED_AFTER = new ConcurrentHashMap<>();
  static final List<ProcessHandle> LATER = new CopyOnWriteArrayList<>();

  static ProcessHandle browserOf(Peer peer, Callflow callflow) {
    return peer.browserProcess().orElseThrow();
  }

  @CallflowTest
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class KillsItsBrowser {
    @EachBrowser
    @Order(1)
    void browserKilledMidCall(Peer alice, @Browser(BrowserType.CHROME) Peer bob, Callflow callflow) {
      Call call = alice.call(bob).withAudio().withDataChannel("chat").connect();
      ProcessHandle browser = browserOf(alice, callflow);
      KILLED.put(alice.browser().type(), browser);
      browser.destroyForcibly();
      await().atMost(Duration.ofSeconds(10)).until(() -> !Processes.running(browser));

      long waited = System.nanoTime();
      try {
        call.caller().awaitEvent("an event that never comes", e -> false, Duration.ofSeconds(30));
      } catch (CallflowTimeoutError e) {
        WAIT_FAILURE.put(alice.browser().type(), e.getMessage());
      }
      WAIT_ENDED_AFTER.put(alice.browser().type(), Duration.ofNanos(System.nanoTime() - waited));

      long start = System.nanoTime();
      try {
        call.caller().getStats();
      } finally {
        FAILED_AFTER.put(alice.browser().type(), Duration.ofNanos(System.nanoTime() - start));
      }
    }

    @EachBrowser
    @Order(2)
    void nextTestGetsANewBrowser(Peer carol, @Browser(BrowserType.CHROME) Peer dave, Callflow callflow) {
      carol.call(dave).withDataChannel("chat").connect();
      LATER.add(browserOf(carol, callflow));
    }
  }

  @Test
  void theNextOperationFailsAtOnceNamingPeerBrowserAndOperationAndLaterTestsGoOn() {
    KILLED.clear();
    FAILED_AFTER.clear();
    WAIT_FAILURE.clear();
    WAIT_ENDED_AFTER.clear();
    LATER.clear();
    Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(KillsItsBrowser.class)).execute().testEvents();

    tests.assertStatistics(s -> s.failed(2).succeeded(2));
    for (Event failed : tests.failed().list()) {
      Throwable failure = failed.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
      assertThat(failure).isInstanceOf(CallflowTestFailure.class);
      assertThat(((CallflowTestFailure) failure).original()).isInstanceOf(BrowserGoneException.class);
      BrowserGoneException gone = (BrowserGoneException) ((CallflowTestFailure) failure).original();
      ProcessHandle killed = KILLED.get(gone.browser().type());
      assertThat(gone.getMessage()).isEqualTo("alice: getStats failed: " + gone.browser() + " is gone (its browser process "
          + killed.pid() + " ended: killed or crashed)");
      assertThat(gone.peer()).isEqualTo("alice");
      assertThat(gone.operation()).isEqualTo("getStats");
    }
    assertThat(KILLED).containsOnlyKeys(BrowserType.CHROME, BrowserType.FIREFOX);
    assertThat(FAILED_AFTER.values()).allMatch(d -> d.compareTo(Duration.ofSeconds(1)) < 0, "under a second");
    assertThat(LATER).hasSize(2).doesNotContainAnyElementsOf(KILLED.values());
    // A wait does not run out its 30 s on a browser that is gone: it stops and says why.
    assertThat(WAIT_FAILURE).containsOnlyKeys(BrowserType.CHROME, BrowserType.FIREFOX);
    assertThat(WAIT_ENDED_AFTER.values()).allMatch(d -> d.compareTo(Duration.ofSeconds(5)) < 0, "under 5 seconds");
    WAIT_FAILURE.forEach((type, message) -> assertThat(message)
        .startsWith("alice/pc1 should see an event that never comes, but alice's browser ")
        .contains(" ended: its browser process " + KILLED.get(type).pid() + " ended: killed or crashed"));
  }
}
