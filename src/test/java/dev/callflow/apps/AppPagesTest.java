package dev.callflow.apps;

import static dev.callflow.assertions.CallflowAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.callflow.browser.BrowserType;
import dev.callflow.failure.CallflowTimeoutError;
import dev.callflow.junit.CallflowTest;
import dev.callflow.junit.EachBrowser;
import dev.callflow.peer.ConnectionState;
import dev.callflow.peer.EventKind;
import dev.callflow.peer.Peer;
import dev.callflow.peer.PeerConnection;
import dev.callflow.peer.PeerEvent;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Pages Callflow never saw, observed without changing a line of them. */
@CallflowTest
class AppPagesTest {
  private static final Duration SOON = Duration.ofSeconds(15);

  /** The page's n-th connection, once connected. */
  private static PeerConnection connected(Peer peer, int n) {
    return peer.awaitConnection(n, SOON).awaitConnectionState(ConnectionState.CONNECTED, SOON);
  }

  private static void awaitText(Peer peer, String id, String text) {
    new WebDriverWait(peer.driver(), SOON).until(d -> d.findElement(By.id(id)).getText().contains(text));
  }

  @EachBrowser
  void twoConnectionsInOneTabWithLegacyCallbacksAndADeadCdn(Peer alice) {
    alice.open("/apps/loopback.html");

    PeerConnection first = connected(alice, 1);
    PeerConnection second = connected(alice, 2);
    awaitText(alice, "status", "negotiated");

    // The page mutes its video elements, so only bytes tell about audio (Chrome measures energy at playout).
    assertThat(second).hasInboundMediaFlowing("video", SOON).hasInboundMediaFlowing("audio", SOON).hasVideoPlaying(SOON);
    assertThat(first.events()).anyMatch(e -> e.is(EventKind.CALL) && "createOffer".equals(e.method())
        && e.details().path("args").toString().contains("(callbacks)"));
    assertThat(second.events()).filteredOn(e -> e.is(EventKind.CREATED)).singleElement()
        .satisfies(e -> assertThat(e.details().path("iceServersRemoved").asBoolean()).isTrue());
    // The page's own signalling only ever saw loopback candidates.
    assertThat(second.events()).filteredOn(e -> e.is(EventKind.CALL) && "addIceCandidate".equals(e.method()))
        .extracting(e -> e.details().path("args").path(0).path("candidate").asText())
        .filteredOn(c -> !c.isEmpty()) // end-of-candidates
        .isNotEmpty()
        .allMatch(c -> c.matches(".* (127\\.0\\.0\\.1|::1) .*"));
    // Neither browser logs the dead script to the console: the probe reports it.
    assertThat(alice.events()).filteredOn(e -> e.is(EventKind.RESOURCE_ERROR)).extracting(PeerEvent::describe)
        .containsExactly("alice resourceerror script https://cdn.callflow-unreachable.example/adapter.js failed to load");
  }

  @EachBrowser
  void uncaughtErrorsCarryFileAndLineAndAreThereWhenOpenReturns(Peer alice) {
    alice.open("/apps/throws.html");

    // No wait: what the page did while loading is in the log when open() returns.
    String page = alice.events().stream().filter(e -> e.is(EventKind.PROBE)).reduce((a, b) -> b).orElseThrow()
        .details().path("url").asText();
    assertThat(alice.console()).anySatisfy(line -> assertThat(line).startsWith("exception: ")
        .contains("ReferenceError: notDefinedAnywhere is not defined at " + page + ":10:"));
    PeerEvent rejection = alice.awaitEvent("the unhandled rejection", e -> e.is(EventKind.PAGE_ERROR)
        && e.describe().contains("Uncaught (in promise) the promise nobody awaited"), SOON);
    assertThat(rejection.isPageError()).isTrue();
    assertThat(rejection.describe()).isEqualTo("alice pageerror Uncaught (in promise) the promise nobody awaited");
  }

  @EachBrowser
  void aBrowsersQuirkIsNamedWithTheBrowserAsItHappens(Peer alice) {
    java.io.PrintStream stderr = System.err;
    java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(new java.io.OutputStream() { // SLF4J's simple logger writes to System.err
      @Override
      public void write(int b) {
        stderr.write(b);
        logged.write(b);
      }
    }, true));
    try {
      alice.open("/apps/pranswer.html");
      awaitText(alice, "status", "pranswer ");
    } finally {
      System.setErr(stderr);
    }
    String browser = alice.browser().nameAndVersion();

    if (alice.browser().type() == BrowserType.FIREFOX) { // Firefox has no provisional answers
      assertThat(alice.driver().findElement(By.id("status")).getText()).isEqualTo("pranswer refused: NotSupportedError");
      String quirk = "alice/pc2 error setLocalDescription NotSupportedError: pranswer not yet implemented";
      assertThat(logged.toString()).contains("Page error in " + browser + ": " + quirk);
      CallflowTimeoutError error = catchThrowableOfType(CallflowTimeoutError.class, () -> alice.awaitConnection(3, Duration.ofMillis(100)));
      assertThat(error.getMessage().lines().skip(1).findFirst()).contains("Page errors: " + quirk + " (" + browser + ")");
    } else {
      assertThat(alice.driver().findElement(By.id("status")).getText()).isEqualTo("pranswer accepted");
      assertThat(alice.events()).noneMatch(PeerEvent::isPageError)
          .anyMatch(e -> e.is(EventKind.SIGNALING_STATE_CHANGE) && "have-local-pranswer".equals(e.stateName()));
      assertThat(logged.toString()).doesNotContain("Page error in ");
    }
  }

  @EachBrowser
  void thePageStillSeesTheRealApi(Peer alice) {
    alice.open("/apps/identity.html");

    awaitText(alice, "result", "checks");
    assertThat(alice.driver().findElement(By.id("result")).getText()).isEqualTo("all 10 checks passed");
    assertThat(alice.connections()).hasSizeGreaterThanOrEqualTo(2);
  }

  @EachBrowser
  void connectionsInsideAnIframe(Peer alice) {
    alice.open("/apps/iframe.html");

    PeerConnection first = connected(alice, 1);
    PeerConnection second = connected(alice, 2);
    String topDocument = alice.events().stream()
        .filter(e -> e.is(EventKind.PROBE) && e.details().path("url").asText().endsWith("/apps/iframe.html")).findFirst().orElseThrow().doc();
    assertThat(second.document()).isEqualTo(first.document()).isNotEqualTo(topDocument);
  }

  @EachBrowser
  void connectionsInANewTab(Peer alice) {
    alice.open("/apps/opener.html");
    alice.driver().findElement(By.id("open")).click();

    PeerConnection first = connected(alice, 1);
    PeerConnection second = connected(alice, 2);
    assertThat(second.document()).isEqualTo(first.document());
    assertThat(alice.events()).anyMatch(e -> e.is(EventKind.PROBE) && e.doc().equals(first.document()));
    assertThat(alice.driver().getWindowHandles()).hasSize(2);
  }

  @EachBrowser
  void aConnectionThePageClosedIsClosedInEveryState(Peer alice) {
    alice.open("/apps/hangup.html");
    PeerConnection pc = alice.awaitConnection(1, SOON);
    PeerEvent closure = alice.awaitEvent("the page closing pc1", e -> e.is(EventKind.CONNECTION_STATE_CHANGE) && e.isByClose(), SOON);
    // The page's second close() comes after the closure it recorded: wait for it too before counting.
    alice.awaitEvent("the page's second close()", e -> e.is(EventKind.CALL) && "close".equals(e.method())
        && e.doc().equals(closure.doc()) && e.seq() > closure.seq(), SOON);

    assertThat(pc.describeState()).isEqualTo("alice/pc1 connection=closed, ice=closed, signaling=closed, gathering=complete");
    assertThat(pc.events()).filteredOn(e -> e.is(EventKind.CALL) && "close".equals(e.method())).hasSize(2);
    assertThat(pc.events()).filteredOn(PeerEvent::isByClose).extracting(PeerEvent::describe).containsExactly(
        "alice/pc1 signalingstatechange closed (by close())", "alice/pc1 iceconnectionstatechange closed (by close())",
        "alice/pc1 connectionstatechange closed (by close())");
    assertThat(pc.events()).filteredOn(e -> e.is(EventKind.CONNECTION_STATE_CHANGE)).last()
        .satisfies(e -> assertThat(e.state()).isEqualTo(ConnectionState.CLOSED));

    long started = System.nanoTime();
    CallflowTimeoutError error = catchThrowableOfType(CallflowTimeoutError.class,
        () -> pc.awaitConnectionState(ConnectionState.CONNECTED, Duration.ofMinutes(1)));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("stopped at once").isLessThan(Duration.ofSeconds(5));
    assertThat(error.getMessage()).startsWith("alice/pc1 should reach connectionState 'connected', but alice/pc1 "
        + "connectionState is 'closed' (close() was called) after ");
  }
}
