package dev.callflow.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {
  private static PeerEvent change(String peer, long seq, long receivedMillis, ConnectionState state) {
    return new PeerEvent(peer, "d1", "pc1", seq, 0, receivedMillis * 1_000_000, EventKind.CONNECTION_STATE_CHANGE,
        Json.object().put("state", state.webName()));
  }

  @Test
  void anEventThatOvertookAnEarlierOneStaysAfterIt() {
    // bob's "connected" (#2) reached Java 40 ms before his "connecting" (#1): the log put them back in page order.
    List<PeerEvent> bob = List.of(change("bob", 1, 130, ConnectionState.CONNECTING), change("bob", 2, 90, ConnectionState.CONNECTED));
    List<PeerEvent> alice = List.of(change("alice", 1, 80, ConnectionState.CONNECTING), change("alice", 2, 100, ConnectionState.CONNECTED));

    Timeline timeline = Timeline.of(List.of(bob.get(0), bob.get(1), alice.get(0), alice.get(1)));

    assertThat(timeline.events()).extracting(e -> e.peer() + "#" + e.seq())
        .containsExactly("alice#1", "alice#2", "bob#1", "bob#2");
    assertThat(timeline.secondsAt(alice.get(0))).isZero();
    assertThat(timeline.render(10)).contains("+0.050s bob/pc1 connectionstatechange connecting");
  }

  @Test
  void peersAreMergedByTheTimeJavaReceivedTheirEvents() {
    Timeline timeline = Timeline.of(List.of(change("bob", 1, 10, ConnectionState.CONNECTING), change("bob", 2, 30, ConnectionState.CONNECTED),
        change("alice", 1, 20, ConnectionState.CONNECTING), change("alice", 2, 40, ConnectionState.CONNECTED)));

    assertThat(timeline.events()).extracting(e -> e.peer() + "#" + e.seq())
        .containsExactly("bob#1", "alice#1", "bob#2", "alice#2");
    assertThat(Timeline.of(List.of()).render(5)).isEqualTo("  (no events)\n");
  }
}
