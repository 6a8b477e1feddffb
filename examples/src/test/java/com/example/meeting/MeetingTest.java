package com.example.meeting;

import static dev.callflow.assertions.CallflowAssertions.assertThat;
import static dev.callflow.peer.EventMatcher.mark;
import static dev.callflow.peer.EventMatcher.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callflow.browser.MediaAccess;
import dev.callflow.failure.CallflowTimeoutError;
import dev.callflow.junit.BrowserPair;
import dev.callflow.junit.BrowserPairs;
import dev.callflow.junit.CallflowTest;
import dev.callflow.junit.EachBrowser;
import dev.callflow.junit.Media;
import dev.callflow.peer.ConnectionState;
import dev.callflow.peer.Peer;
import dev.callflow.peer.PeerConnection;
import dev.callflow.peer.Timeline;
import dev.callflow.server.CallflowServer;
import java.time.Duration;
import org.openqa.selenium.By;

/** The meeting app (src/test/web/meeting), driven through its own buttons in every pair of browsers. */
@CallflowTest
class MeetingTest {
  private static final Duration SOON = Duration.ofSeconds(15);

  @BrowserPairs
  void twoPeopleMeetAndHangUp(CallflowServer server, BrowserPair pair, Peer alice, Peer bob) {
    String room = "standup-" + pair.caller().id() + "-" + pair.callee().id();
    server.signaling().open(room);
    alice.open("/meeting/index.html?room=" + room + "&name=alice");
    alice.driver().findElement(By.id("join")).click();
    bob.open("/meeting/index.html?room=" + room + "&name=bob");
    bob.mark("clicked Join");
    bob.driver().findElement(By.id("join")).click();

    // The app's own RTCPeerConnections, found by Callflow's probe: bob offers, alice answers.
    PeerConnection bobs = bob.awaitConnection(1, SOON).awaitConnectionState(ConnectionState.CONNECTED, SOON);
    PeerConnection alices = alice.awaitConnection(1, SOON).awaitConnectionState(ConnectionState.CONNECTED, SOON);
    assertThat(alices.remoteDescription().orElseThrow())
        .hasCodec("audio", "opus").hasCodec("video", "VP8").isBundled().hasFingerprintAlgorithm("sha-256");
    assertThat(alices).hasInboundMediaFlowing("video", SOON).hasVideoPlaying(SOON).hasAudibleAudio(SOON);
    assertThat(bobs).hasVideoPlaying(SOON);
    Duration clickToConnected = Timeline.of(alice, bob).between(mark("clicked Join"), state("alice", ConnectionState.CONNECTED));
    assertThat(clickToConnected).isPositive().isLessThan(SOON);

    // Hanging up closes both connections: bob's by his click, alice's when the app hears "bye".
    bob.driver().findElement(By.id("hangup")).click();
    alices.awaitConnectionState(ConnectionState.CLOSED, SOON);
    bobs.awaitConnectionState(ConnectionState.CLOSED, SOON);
    assertThat(Timeline.of(alice, bob)).hasStatesInOrder("alice", ConnectionState.CONNECTED, ConnectionState.CLOSED);
    assertThat(alice.driver().findElement(By.id("status")).getText()).isEqualTo("The other side hung up.");
  }

  @EachBrowser
  void aDeniedCameraIsTheFirstThingTheFailureSays(@Media(MediaAccess.DENIED) Peer alice) {
    alice.open("/meeting/index.html?room=denied&name=alice");
    alice.driver().findElement(By.id("join")).click();

    assertThatThrownBy(() -> alice.awaitConnection(1, Duration.ofSeconds(2)))
        .isInstanceOf(CallflowTimeoutError.class)
        .hasMessageContaining("within 2s")
        .hasMessageContaining("Page errors (")
        .hasMessageContaining("getUserMedia")
        .hasMessageContaining("NotAllowedError");
    assertThat(alice.driver().findElement(By.id("status")).getText()).isEqualTo("No camera or microphone: NotAllowedError");
  }

}
