package dev.callflow.assertions;

import static dev.callflow.assertions.CallflowAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.callflow.peer.EventMatcher;
import dev.callflow.peer.PeerEvent;
import dev.callflow.peer.Timeline;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineAssertTest {
  private static PeerEvent at(long millis, String peer, String type, String state) {
    return new PeerEvent(peer, "d1", "pc1", 0, 0, millis * 1_000_000, type,
        state == null ? JsonNodeFactory.instance.objectNode().put("method", "createOffer")
            : JsonNodeFactory.instance.objectNode().put("state", state));
  }

  private static final Timeline TIMELINE = Timeline.of(List.of(
      at(0, "alice", "call", null),
      at(10, "alice", "connectionstatechange", "connecting"),
      at(20, "bob", "connectionstatechange", "connecting"),
      at(250, "alice", "connectionstatechange", "connected"),
      at(900, "bob", "connectionstatechange", "failed")));

  @Test
  void passes() {
    assertThat(TIMELINE)
        .hasReached("alice", "connectionstatechange", "connected")
        .hasStatesInOrder("alice/pc1", "connectionstatechange", "connecting", "connected")
        .neverReached("alice", "connectionstatechange", "failed")
        .hasAtMostBetween(EventMatcher.call("alice", "createOffer"), EventMatcher.state("alice", "connectionstatechange", "connected"),
            Duration.ofMillis(300));
  }

  @Test
  void failureMessages() {
    assertThatThrownBy(() -> assertThat(TIMELINE).hasReached("bob", "connectionstatechange", "connected")).hasMessage(String.format(
        "%nExpecting bob to reach connectionstatechange \"connected\", but the states it went through are:%n  connecting%n  failed"));
    assertThatThrownBy(() -> assertThat(TIMELINE).hasStatesInOrder("alice", "connectionstatechange", "connected", "connecting"))
        .hasMessage(String.format("%nExpecting alice to go through connectionstatechange states in the order%n"
            + "  [\"connected\", \"connecting\"]%nbut it went through%n  [\"connecting\", \"connected\"]"));
    assertThatThrownBy(() -> assertThat(TIMELINE).neverReached("bob", "connectionstatechange", "failed")).hasMessage(String.format(
        "%nExpecting bob never to reach connectionstatechange \"failed\", but it did:%n  +0.900s bob/pc1 connectionstatechange failed"));
    assertThatThrownBy(() -> assertThat(TIMELINE).hasAtMostBetween(EventMatcher.call("alice", "createOffer"),
        EventMatcher.state("alice", "connectionstatechange", "connected"), Duration.ofMillis(100))).hasMessage(String.format(
        "%nExpecting at most 100 ms from%n  alice call createOffer%nto%n  alice connectionstatechange connected%n"
            + "but they were 250 ms apart (at +0.000s and +0.250s)"));
    assertThatThrownBy(() -> assertThat(TIMELINE).hasAtMostBetween(EventMatcher.call("alice", "createOffer"),
        EventMatcher.state("bob", "connectionstatechange", "connected"), Duration.ofSeconds(1))).hasMessage(String.format(
        "%nExpecting at most 1000 ms from%n  alice call createOffer%nto%n  bob connectionstatechange connected%n"
            + "but the second event never happened after the first"));
  }
}
