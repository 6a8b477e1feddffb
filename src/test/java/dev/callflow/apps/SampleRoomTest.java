package dev.callflow.apps;

import static dev.callflow.assertions.CallflowAssertions.assertThat;
import static dev.callflow.peer.EventMatcher.mark;
import static dev.callflow.peer.EventMatcher.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.callflow.browser.BrowserType;
import dev.callflow.junit.Browser;
import dev.callflow.junit.CallflowTest;
import dev.callflow.peer.ConnectionState;
import dev.callflow.peer.EventKind;
import dev.callflow.peer.Peer;
import dev.callflow.peer.PeerConnection;
import dev.callflow.peer.Timeline;
import dev.callflow.server.CallflowServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The sample room app, driven through its own buttons, signalling through the server's rooms. */
@CallflowTest
class SampleRoomTest {
  private static final Duration SOON = Duration.ofSeconds(20);

  @Test
  void threeWayMesh(CallflowServer server, Peer alice, @Browser(BrowserType.FIREFOX) Peer bob, Peer carol) {
    server.signaling().open("mesh");
    for (Peer p : List.of(alice, bob, carol)) {
      p.open("/sample/room.html?room=mesh&name=" + p.name());
      p.driver().findElement(By.id("join")).click();
    }

    for (Peer p : List.of(alice, bob, carol)) {
      for (int n = 1; n <= 2; n++) {
        PeerConnection pc = p.awaitConnection(n, SOON).awaitConnectionState(ConnectionState.CONNECTED, SOON);
        assertThat(pc).hasInboundMediaFlowing("video", SOON).hasInboundMediaFlowing("audio", SOON);
      }
      assertThat(p.connections()).hasSize(2);
    }
    assertThat(server.signaling().members("mesh")).containsExactlyInAnyOrder("alice", "bob", "carol");

    // Bob leaves through the UI: the others are told and close their connection to him.
    bob.driver().findElement(By.id("leave")).click();
    for (Peer p : List.of(alice, carol)) {
      p.awaitEvent("the app closing its connection to bob", e -> e.is(EventKind.CALL) && "close".equals(e.method()), SOON);
      assertThat(p.connections()).filteredOn(pc -> pc.events().stream().anyMatch(e -> e.is(EventKind.CALL) && "close".equals(e.method())))
          .hasSize(1);
    }
    assertThat(server.signaling().members("mesh")).containsExactlyInAnyOrder("alice", "carol");
  }

  @Test
  void clickToConnectedIsMeasuredFromAMark(CallflowServer server, Peer alice, Peer bob) {
    server.signaling().open("marks");
    alice.open("/sample/room.html?room=marks&name=alice");
    alice.driver().findElement(By.id("join")).click();
    bob.open("/sample/room.html?room=marks&name=bob");

    bob.mark("clicked Join");
    bob.driver().findElement(By.id("join")).click();
    alice.awaitConnection(1, SOON).awaitConnectionState(ConnectionState.CONNECTED, SOON);

    Timeline timeline = Timeline.of(alice, bob);
    assertThat(timeline.toString()).contains(" bob mark clicked Join\n");
    assertThat(timeline.between(mark("clicked Join"), state("alice", ConnectionState.CONNECTED))).isPositive().isLessThan(SOON);
  }
}
