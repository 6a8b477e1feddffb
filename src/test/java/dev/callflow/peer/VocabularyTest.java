package dev.callflow.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The browser's spellings of states and event kinds, mapped both ways. */
class VocabularyTest {
  @Test
  void statesAreSpelledAsTheBrowserSpellsThem() {
    assertThat(SignalingState.HAVE_LOCAL_OFFER.webName()).isEqualTo("have-local-offer");
    assertThat(SignalingState.fromWebName("have-remote-pranswer")).isEqualTo(SignalingState.HAVE_REMOTE_PRANSWER);
    assertThat(IceConnectionState.fromWebName("completed")).isEqualTo(IceConnectionState.COMPLETED);
    assertThat(IceGatheringState.fromWebName("gathering")).isEqualTo(IceGatheringState.GATHERING);
    assertThat(ConnectionState.fromWebName("connected")).isEqualTo(ConnectionState.CONNECTED);
  }

  @Test
  void everySpellingMapsBack() {
    assertRoundTrip(SignalingState.values(), SignalingState::fromWebName);
    assertRoundTrip(IceConnectionState.values(), IceConnectionState::fromWebName);
    assertRoundTrip(IceGatheringState.values(), IceGatheringState::fromWebName);
    assertRoundTrip(ConnectionState.values(), ConnectionState::fromWebName);
    for (EventKind kind : EventKind.values()) {
      assertThat(EventKind.fromWebName(kind.webName())).isEqualTo(kind);
    }
  }

  private static <S extends PeerState> void assertRoundTrip(S[] states, Function<String, S> parse) {
    List<String> spellings = new ArrayList<>();
    for (S state : states) {
      assertThat(parse.apply(state.webName())).isEqualTo(state);
      assertThat(state.change().state(state.webName())).isEqualTo(state);
      spellings.add(state.webName());
    }
    assertThat(spellings).doesNotHaveDuplicates().allMatch(s -> s.matches("[a-z]+(-[a-z]+)*"));
  }

  @Test
  void anUnknownSpellingNamesTheKnownOnes() {
    assertThatThrownBy(() -> ConnectionState.fromWebName("fialed")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown connectionState 'fialed'; expected one of: new, connecting, connected, disconnected, failed, closed");
    assertThatThrownBy(() -> SignalingState.fromWebName("HAVE_LOCAL_OFFER")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Unknown signalingState 'HAVE_LOCAL_OFFER'; expected one of: stable, have-local-offer,");
    assertThatThrownBy(() -> IceGatheringState.fromWebName(null)).hasMessageStartingWith("Unknown iceGatheringState null;");
    assertThatThrownBy(() -> EventKind.fromWebName("connectionStateChange"))
        .hasMessageStartingWith("Unknown event kind 'connectionStateChange'; expected one of: probe, probe-error, created,");
  }

  @Test
  void eachStateNamesItsChange() {
    assertThat(SignalingState.STABLE.change()).isEqualTo(EventKind.SIGNALING_STATE_CHANGE);
    assertThat(IceGatheringState.COMPLETE.change()).isEqualTo(EventKind.ICE_GATHERING_STATE_CHANGE);
    assertThat(IceConnectionState.FAILED.change()).isEqualTo(EventKind.ICE_CONNECTION_STATE_CHANGE);
    assertThat(ConnectionState.FAILED.change()).isEqualTo(EventKind.CONNECTION_STATE_CHANGE);
    assertThat(EventKind.values()).filteredOn(EventKind::isStateChange).containsExactlyInAnyOrder(
        EventKind.SIGNALING_STATE_CHANGE, EventKind.ICE_GATHERING_STATE_CHANGE, EventKind.ICE_CONNECTION_STATE_CHANGE,
        EventKind.CONNECTION_STATE_CHANGE);
  }

  @Test
  void everyKindTheProbeSendsIsKnown() throws Exception {
    String probe = java.nio.file.Files.readString(java.nio.file.Path.of("test-pages/callflow-probe.js"));
    java.util.regex.Matcher sent = java.util.regex.Pattern.compile("send\\((?:this|pc|null), '([a-z-]+)'").matcher(probe);
    List<String> kinds = new ArrayList<>();
    while (sent.find()) {
      kinds.add(sent.group(1));
    }
    java.util.regex.Matcher states = java.util.regex.Pattern.compile("([a-z]+statechange): '").matcher(probe);
    while (states.find()) {
      kinds.add(states.group(1));
    }
    kinds.add("probe-error"); // the note of lost events, written through envelope()
    assertThat(kinds).hasSizeGreaterThan(15).allSatisfy(kind -> assertThat(EventKind.find(kind)).as(kind).isNotNull());
  }
}
