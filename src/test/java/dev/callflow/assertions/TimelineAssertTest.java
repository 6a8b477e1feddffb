package dev.callflow.assertions;

import static dev.callflow.assertions.CallflowAssertions.assertThat;
import static dev.callflow.peer.ConnectionState.CONNECTED;
import static dev.callflow.peer.ConnectionState.CONNECTING;
import static dev.callflow.peer.ConnectionState.FAILED;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.callflow.peer.EventKind;
import dev.callflow.peer.EventMatcher;
import dev.callflow.peer.IceConnectionState;
import dev.callflow.peer.PeerEvent;
import dev.callflow.peer.Timeline;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineAssertTest {
  private static PeerEvent at(long millis, String peer, EventKind kind, String state) {
    return new PeerEvent(peer, "d1", "pc1", 0, 0, millis * 1_000_000, kind,
        state == null ? JsonNodeFactory.instance.objectNode().put("method", "createOffer")
            : JsonNodeFactory.instance.objectNode().put("state", state));
  }

  private static final Timeline TIMELINE = Timeline.of(List.of(
      at(0, "alice", EventKind.CALL, null),
      at(10, "alice", EventKind.CONNECTION_STATE_CHANGE, "connecting"),
      at(20, "bob", EventKind.CONNECTION_STATE_CHANGE, "connecting"),
      at(250, "alice", EventKind.CONNECTION_STATE_CHANGE, "connected"),
      at(600, "alice", EventKind.ICE_CONNECTION_STATE_CHANGE, "suspended"), // a spelling Callflow does not know
      at(900, "bob", EventKind.CONNECTION_STATE_CHANGE, "failed")));

  @Test
  void passes() {
    assertThat(TIMELINE)
        .hasReached("alice", CONNECTED)
        .hasStatesInOrder("alice/pc1", CONNECTING, CONNECTED)
        .neverReached("alice", FAILED)
        .neverReached("alice", IceConnectionState.FAILED)
        .hasAtMostBetween(EventMatcher.call("alice", "createOffer"), EventMatcher.state("alice", CONNECTED),
            Duration.ofMillis(300));
  }

  @Test
  void failureMessages() {
    assertThatThrownBy(() -> assertThat(TIMELINE).hasReached("bob", CONNECTED)).hasMessage(String.format(
        "%nExpecting bob to reach connectionstatechange \"connected\", but the states it went through are:%n  connecting%n  failed"));
    assertThatThrownBy(() -> assertThat(TIMELINE).hasStatesInOrder("alice", CONNECTED, CONNECTING))
        .hasMessage(String.format("%nExpecting alice to go through connectionstatechange states in the order%n"
            + "  [\"connected\", \"connecting\"]%nbut it went through%n  [\"connecting\", \"connected\"]"));
    assertThatThrownBy(() -> assertThat(TIMELINE).neverReached("bob", FAILED)).hasMessage(String.format(
        "%nExpecting bob never to reach connectionstatechange \"failed\", but it did:%n  +0.900s bob/pc1 connectionstatechange failed"));
    assertThatThrownBy(() -> assertThat(TIMELINE).hasAtMostBetween(EventMatcher.call("alice", "createOffer"),
        EventMatcher.state("alice", CONNECTED), Duration.ofMillis(100))).hasMessage(String.format(
        "%nExpecting at most 100 ms from%n  alice call createOffer%nto%n  alice connectionstatechange connected%n"
            + "but they were 250 ms apart (at +0.000s and +0.250s)"));
    assertThatThrownBy(() -> assertThat(TIMELINE).hasAtMostBetween(EventMatcher.call("alice", "createOffer"),
        EventMatcher.state("bob", CONNECTED), Duration.ofSeconds(1))).hasMessage(String.format(
        "%nExpecting at most 1000 ms from%n  alice call createOffer%nto%n  bob connectionstatechange connected%n"
            + "but the second event never happened after the first"));
    assertThatThrownBy(() -> assertThat(TIMELINE).hasReached("alice", IceConnectionState.CONNECTED)).hasMessage(String.format(
        "%nExpecting alice to reach iceconnectionstatechange \"connected\", but the states it went through are:%n  suspended"));
  }

  @Test
  void anUnknownStateIsKeptReadable() {
    org.assertj.core.api.Assertions.assertThat(TIMELINE.toString()).contains("alice/pc1 iceconnectionstatechange suspended");
  }

  @Test
  void statesInOrderAreOfOneKind() {
    assertThatThrownBy(() -> assertThat(TIMELINE).hasStatesInOrder("alice", CONNECTING, IceConnectionState.CONNECTED))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one or more states of one kind");
    assertThatThrownBy(() -> assertThat(TIMELINE).hasStatesInOrder("alice")).isInstanceOf(IllegalArgumentException.class);
  }
}
