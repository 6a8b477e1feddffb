package dev.callflow.apps;

import static dev.callflow.assertions.CallflowAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.callflow.browser.BrowserType;
import dev.callflow.failure.CallflowTimeoutError;
import dev.callflow.junit.CallflowTest;
import dev.callflow.junit.EachBrowser;
import dev.callflow.peer.ConnectionState;
import dev.callflow.peer.DomException;
import dev.callflow.peer.EventKind;
import dev.callflow.peer.Peer;
import dev.callflow.peer.PeerConnection;
import dev.callflow.peer.PeerEvent;
import dev.callflow.report.Evidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
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

  /** The connection of this name, e.g. {@code tab2/pc1}, once the page created it. */
  private static PeerConnection named(Peer peer, String id) {
    peer.awaitEvent(id + " created", e -> e.is(EventKind.CREATED) && id.equals(e.pc()), SOON);
    return peer.connections().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }

  @EachBrowser
  void connectionsInsideAnIframeWorkWhereverTheDriverIs(Peer alice, @TempDir Path evidence) throws Exception {
    alice.open("/apps/iframe.html");

    // The top page and the frame both number their connections from pc1: the frame's carry its name.
    PeerConnection own = named(alice, "pc1");
    PeerConnection sender = named(alice, "frame:call/pc1").awaitConnectionState(ConnectionState.CONNECTED, SOON);
    PeerConnection receiver = named(alice, "frame:call/pc2").awaitConnectionState(ConnectionState.CONNECTED, SOON);
    assertThat(receiver.document()).isEqualTo(sender.document()).isNotEqualTo(own.document());
    assertThat(alice.connections()).extracting(PeerConnection::id).containsExactlyInAnyOrder("pc1", "frame:call/pc1", "frame:call/pc2");

    // The driver is on the top page: operations find the frame's document themselves.
    assertThat(receiver).hasInboundMediaFlowing("video", SOON).hasVideoPlaying(SOON);
    assertThat(receiver.remoteDescription()).hasValueSatisfying(d -> assertThat(d.type()).isEqualTo("offer"));
    assertThat(receiver.localDescription()).hasValueSatisfying(d -> assertThat(d.type()).isEqualTo("answer"));
    assertThat(receiver.getStats().selectedPair()).isPresent();
    assertThat(own.localDescription()).isEmpty();
    assertThat(alice.driver().getTitle()).isEqualTo("A call inside an iframe");

    // The user switched into the frame: an operation on the top page's connection leaves them there.
    alice.driver().switchTo().frame("call");
    assertThat(own.remoteDescription()).isEmpty();
    assertThat(sender.localDescription()).isPresent();
    awaitText(alice, "status", "negotiated"); // still in the frame

    // Names tell the documents apart in the timeline, messages and evidence.
    assertThat(alice.timeline().toString()).contains("alice/pc1 created", "alice/frame:call/pc2 connectionstatechange connected");
    assertThat(receiver.describeState()).startsWith("alice/frame:call/pc2 connection=connected");
    Evidence.write(evidence, List.of(alice), new AssertionError("for the evidence"));
    assertThat(Files.readString(evidence.resolve("alice-frame_call-pc2.json"))).contains("\"type\" : \"offer\"", "\"stats\"")
        .doesNotContain("unavailable");
    assertThat(evidence.resolve("alice-pc1.json")).exists();
  }

  @EachBrowser
  void connectionsInANewTabWorkWhicheverTabTheUserIsIn(Peer alice) {
    alice.open("/apps/opener.html");
    WebDriver driver = alice.driver();
    String first = driver.getWindowHandle();
    driver.findElement(By.id("open")).click();

    PeerConnection own = named(alice, "pc1");
    PeerConnection sender = named(alice, "tab2/pc1").awaitConnectionState(ConnectionState.CONNECTED, SOON);
    PeerConnection receiver = named(alice, "tab2/pc2").awaitConnectionState(ConnectionState.CONNECTED, SOON);
    assertThat(receiver.document()).isEqualTo(sender.document()).isNotEqualTo(own.document());
    assertThat(alice.events()).anyMatch(e -> e.is(EventKind.PROBE) && e.doc().equals(receiver.document()));

    // The driver is on the first tab: operations find the new tab's document themselves.
    assertThat(receiver).hasInboundMediaFlowing("video", SOON).hasVideoPlaying(SOON);
    assertThat(receiver.remoteDescription()).hasValueSatisfying(d -> assertThat(d.type()).isEqualTo("offer"));
    assertThat(sender.localDescription()).hasValueSatisfying(d -> assertThat(d.type()).isEqualTo("offer"));
    assertThat(receiver.getStats().inboundBytes("video")).isPositive();
    assertThat(driver.getWindowHandle()).isEqualTo(first);

    // The user switched to the new tab: an operation on the first tab's connection leaves them there.
    String second = driver.getWindowHandles().stream().filter(h -> !h.equals(first)).findFirst().orElseThrow();
    driver.switchTo().window(second);
    assertThat(own.localDescription()).isEmpty();
    assertThat(own.getStats()).isNotNull();
    assertThat(receiver.remoteDescription()).isPresent();
    assertThat(driver.getWindowHandle()).isEqualTo(second);
    assertThat(driver.getTitle()).isEqualTo("Loopback call in one tab");
    assertThat(alice.timeline().toString()).contains("alice/tab2/pc2 connectionstatechange connected");
  }

  @EachBrowser
  void aPageOpenedAgainNamesItsConnectionsApartAndTheOldOnesSayTheirPageIsGone(Peer alice) {
    alice.open("/apps/loopback.html");
    PeerConnection before = named(alice, "pc2").awaitConnectionState(ConnectionState.CONNECTED, SOON);
    alice.open("/apps/loopback.html");
    PeerConnection after = named(alice, "page2/pc2").awaitConnectionState(ConnectionState.CONNECTED, SOON);

    assertThat(after.remoteDescription()).hasValueSatisfying(d -> assertThat(d.type()).isEqualTo("offer"));
    DomException gone = catchThrowableOfType(DomException.class, before::remoteDescription);
    assertThat(gone.name()).isEqualTo("InvalidStateError");
    assertThat(gone.getMessage()).startsWith("alice: descriptions failed with InvalidStateError: its document is gone");
    assertThat(alice.timeline().toString()).contains("alice/pc2 connectionstatechange connected",
        "alice/page2/pc2 connectionstatechange connected");
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
