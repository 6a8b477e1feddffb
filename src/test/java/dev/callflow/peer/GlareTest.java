package dev.callflow.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.callflow.assertions.CallflowAssertions;
import dev.callflow.browser.BrowserType;
import dev.callflow.junit.BrowserPair;
import dev.callflow.junit.BrowserPairs;
import dev.callflow.junit.CallflowTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Both sides offer at once; the reference page's perfect negotiation resolves it, in every pair. Chromium as the
 * polite side cannot take Firefox's offer after its rollback (see {@link #politeCalleeRollsBackAndBothCamerasFlow}).
 */
@CallflowTest
class GlareTest {
  private static final Duration SOON = Duration.ofSeconds(10);

  @BrowserPairs
  void politeCalleeRollsBackAndBothCamerasFlow(Peer alice, Peer bob, BrowserPair pair) {
    Call call = alice.call(bob).withAudio().connect();
    call.caller().addTrack(alice.getUserMedia(MediaConstraints.videoOnly()).get(0));
    call.callee().addTrack(bob.getUserMedia(MediaConstraints.videoOnly()).get(0));

    if (pair.caller() == BrowserType.FIREFOX && pair.callee() == BrowserType.CHROME) {
      // Chromium 156 keeps the header extension ids of the m-section it rolled back (its own video offer took id 2
      // for abs-send-time) and refuses Firefox's offer, whose audio keeps id 2 for csrc-audio-level.
      DomException refused = catchThrowableOfType(DomException.class, call::glare);
      assertThat(refused.name()).isEqualTo("InvalidAccessError");
      assertThat(refused.getMessage()).contains("setRemoteDescription").contains("RTP extension ID reassignment not supported");
      CallflowAssertions.assertThat(call.callee()).hasRolledBack();
      assertThat(call.caller().signalingState()).isEqualTo(SignalingState.HAVE_LOCAL_OFFER);
      call.hangUp();
      // The same flow with Firefox as the polite side resolves.
      call = alice.call(bob).withAudio().connect();
      call.caller().addTrack(alice.localTrack("video").orElseThrow());
      call.callee().addTrack(bob.localTrack("video").orElseThrow());
      call.glare(alice);
      assertResolved(call, call.caller(), call.callee());
      return;
    }
    call.glare();
    assertResolved(call, call.callee(), call.caller());
    assertThat(call.signals()).filteredOn(s -> !s.startsWith("CANDIDATE")).endsWith(
        "OFFER alice→bob forward", "OFFER bob→alice forward", "ANSWER bob→alice forward");
  }

  private static void assertResolved(Call call, PeerConnection polite, PeerConnection impolite) {
    // Both offered with setLocalDescription() and no description of their own; the polite side rolled back.
    CallflowAssertions.assertThat(call.timeline())
        .hasStatesInOrder(impolite.toString(), SignalingState.HAVE_LOCAL_OFFER, SignalingState.STABLE)
        .hasStatesInOrder(polite.toString(), SignalingState.HAVE_LOCAL_OFFER, SignalingState.STABLE,
            SignalingState.HAVE_REMOTE_OFFER, SignalingState.STABLE)
        .hasRolledBack(polite.toString());
    CallflowAssertions.assertThat(polite).hasRolledBack();
    assertThat(impolite.events()).noneMatch(EventMatcher.rollback(impolite.toString()));
    assertThat(impolite.events()).anyMatch(e -> e.is(EventKind.CALL) && "setLocalDescription".equals(e.method())
        && e.details().path("args").isEmpty());
    assertThat(impolite.signalingState()).isEqualTo(SignalingState.STABLE);
    assertThat(polite.signalingState()).isEqualTo(SignalingState.STABLE);
    CallflowAssertions.assertThat(polite).hasVideoPlaying(SOON).hasAudibleAudio(SOON);
    CallflowAssertions.assertThat(impolite).hasVideoPlaying(SOON).hasAudibleAudio(SOON);
  }

  @Test
  void aCallWithoutRollbackFailsTheAssertion(Peer alice, Peer bob) {
    Call call = alice.call(bob).withAudio().connect();
    AssertionError e = catchThrowableOfType(AssertionError.class, () -> CallflowAssertions.assertThat(call.callee()).hasRolledBack());
    assertThat(e).hasMessageContaining("Expecting " + call.callee() + " to roll back an offer")
        .hasMessageContaining("setLocalDescription");
  }
}
