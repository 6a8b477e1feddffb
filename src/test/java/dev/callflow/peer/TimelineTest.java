package dev.callflow.peer;

import static dev.callflow.peer.EventMatcher.mark;
import static dev.callflow.peer.EventMatcher.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

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

  private static PeerEvent event(String peer, String pc, long seq, EventKind kind, String detailsJson) {
    try {
      return new PeerEvent(peer, "d1", pc, seq, 0, seq * 1_000_000, kind, new com.fasterxml.jackson.databind.ObjectMapper().readTree(detailsJson));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static PeerEvent candidate(String peer, long seq, String type, boolean allowed) {
    return event(peer, "pc1", seq, EventKind.ICE_CANDIDATE, "{\"candidate\":{\"candidate\":\"candidate:1 1 udp 2122 127.0.0.1 5000 typ "
        + type + "\"},\"allowed\":" + allowed + "}");
  }

  @Test
  void aFailureMessageSumsUpEachConnectionsCandidatesWhereTheFirstWas() {
    Timeline timeline = Timeline.of(List.of(
        candidate("alice", 1, "host", true), candidate("alice", 2, "host", false), change("alice", 3, 3, ConnectionState.CONNECTING),
        candidate("alice", 4, "srflx", true), event("alice", "pc1", 5, EventKind.ICE_CANDIDATE, "{\"candidate\":null}"),
        candidate("bob", 6, "host", true)));

    assertThat(timeline.excerpt(40)).isEqualTo("""
          +0.000s alice/pc1 icecandidate ×4 (host 2, srflx 1, relay 0, end-of-candidates 1; 1 withheld by policy)
          +0.002s alice/pc1 connectionstatechange connecting
          +0.005s bob/pc1 icecandidate ×1 (host 1, srflx 0, relay 0, end-of-candidates 0)
        """);
    assertThat(timeline.excerpt(1)).isEqualTo("""
          ... 2 earlier events
          +0.005s bob/pc1 icecandidate ×1 (host 1, srflx 0, relay 0, end-of-candidates 0)
        """);
    assertThat(timeline.render(40)).contains("alice/pc1 icecandidate candidate:1 1 udp 2122 127.0.0.1 5000 typ srflx");
  }

  @Test
  void pageErrorsAreListedFirstOneOnItsLineOrManyBelow() {
    PeerEvent rejected = event("alice", "pc1", 1, EventKind.ERROR,
        "{\"method\":\"setRemoteDescription\",\"error\":{\"name\":\"InvalidAccessError\",\"message\":\"no m= lines\"}}");
    PeerEvent uncaught = event("bob", null, 2, EventKind.PAGE_ERROR, "{\"name\":\"TypeError\",\"message\":"
        + "\"Uncaught TypeError: x is undefined\",\"file\":\"http://127.0.0.1:8080/app.js\",\"line\":3,\"column\":5}");
    PeerEvent info = event("bob", null, 3, EventKind.CONSOLE, "{\"text\":\"info: joined\"}");
    PeerEvent deadScript = event("bob", null, 4, EventKind.RESOURCE_ERROR, "{\"element\":\"script\",\"url\":\"https://cdn.example/a.js\"}");

    assertThat(Timeline.of(List.of(change("alice", 5, 5, ConnectionState.NEW), info)).pageErrors(Map.of())).isEmpty();
    assertThat(Timeline.of(List.of(rejected, info)).pageErrors(Map.of()))
        .isEqualTo("Page errors: alice/pc1 error setRemoteDescription InvalidAccessError: no m= lines");
    assertThat(Timeline.of(List.of(rejected, uncaught, info, deadScript)).pageErrors(Map.of("bob", "firefox 153.8.0"))).isEqualTo("""
        Page errors (3):
          alice/pc1 error setRemoteDescription InvalidAccessError: no m= lines
          bob pageerror Uncaught TypeError: x is undefined at http://127.0.0.1:8080/app.js:3:5 (firefox 153.8.0)
          bob resourceerror script https://cdn.example/a.js failed to load (firefox 153.8.0)""");
  }

  private static PeerEvent marked(String peer, long receivedMillis, String label) {
    return new PeerEvent(peer, "", null, 0, 0, receivedMillis * 1_000_000, EventKind.MARK, Json.object().put("label", label));
  }

  /** alice marks a click at 100 ms; bob connects at 130 ms (once before the mark, at 20 ms). */
  private static Timeline clickThenConnected() {
    return Timeline.of(List.of(change("bob", 1, 20, ConnectionState.CONNECTED), marked("alice", 100, "clicked Call"),
        change("bob", 2, 110, ConnectionState.CONNECTING), change("bob", 3, 130, ConnectionState.CONNECTED)));
  }

  @Test
  void aMarkShowsInTheTimelineAndMeasuresToTheFirstMatchingEventAfterIt() {
    Timeline timeline = clickThenConnected();

    assertThat(timeline.render(10)).contains("+0.080s alice mark clicked Call\n");
    assertThat(timeline.between(mark("clicked Call"), state("bob", ConnectionState.CONNECTED))).isEqualTo(Duration.ofMillis(30));
    assertThat(timeline.between(mark("clicked Call"), state("bob", ConnectionState.CONNECTING))).isEqualTo(Duration.ofMillis(10));
  }

  @Test
  void aMissingMarkIsNamedWithTheMarksSeen() {
    assertThatThrownBy(() -> clickThenConnected().between(mark("clicked Hang up"), state("bob", ConnectionState.CONNECTED)))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith("No time to measure: mark 'clicked Hang up' never happened\n"
            + "Marks seen: 'clicked Call' (alice, +0.080s)\n"
            + "Timeline (last 20 events):\n")
        .hasMessageContaining("+0.080s alice mark clicked Call");
  }

  @Test
  void aMissingEventAfterTheMarkIsNamed() {
    assertThatThrownBy(() -> clickThenConnected().between(mark("clicked Call"), state("bob", ConnectionState.FAILED)))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith("No time to measure: bob connectionstatechange failed never happened after mark 'clicked Call' at +0.080s\n"
            + "Marks seen: 'clicked Call' (alice, +0.080s)\n");
    assertThatThrownBy(() -> Timeline.of(List.of()).between(mark("x"), state("bob", ConnectionState.FAILED)))
        .hasMessageContaining("Marks seen: none\nTimeline (last 20 events):\n  (no events)\n");
  }
}
