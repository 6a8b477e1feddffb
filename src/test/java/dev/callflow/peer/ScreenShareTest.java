package dev.callflow.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.callflow.browser.BrowserType;
import dev.callflow.junit.BrowserPairs;
import dev.callflow.junit.CallflowTest;
import dev.callflow.sdp.Direction;
import java.time.Duration;

/**
 * A second video track, a shared screen, added and removed mid-call in every pair. Headless Chromium shares a real
 * screen through getDisplayMedia; headless Firefox gives none (a user gesture first, then no screen), so its caller
 * shares a synthetic screen, labelled as such.
 */
@CallflowTest
class ScreenShareTest {
  private static final Duration SOON = Duration.ofSeconds(10);

  @BrowserPairs
  void screenAddedThenRemovedMidCall(Peer alice, Peer bob) {
    Call call = alice.call(bob).withAudio().withVideo().connect();
    Track screen;
    if (alice.browser().type() == BrowserType.CHROME) {
      screen = alice.getDisplayMedia();
      assertThat(screen.label()).startsWith("screen:");
    } else {
      DomException noGesture = catchThrowableOfType(DomException.class, alice::getDisplayMedia);
      assertThat(noGesture.name()).isEqualTo("InvalidStateError");
      assertThat(noGesture.domMessage()).contains("transient activation");
      screen = alice.syntheticScreen();
      assertThat(screen.label()).isEqualTo("synthetic screen");
    }

    call.caller().addTrack(screen);
    call.renegotiate();
    PeerEvent shown = call.callee().awaitEvent("a second video track",
        e -> e.is(EventKind.TRACK) && "video".equals(e.trackKind()) && !"1".equals(e.mid()), SOON);
    assertThat(call.callee().events()).filteredOn(e -> e.is(EventKind.TRACK) && "video".equals(e.trackKind())).hasSize(2);
    assertThat(call.callee().remoteDescription().orElseThrow().sdp().split("m=video", -1)).hasSize(3);
    // Both video streams arrive: two inbound-rtp of kind video, each growing.
    java.util.Map<String, Long> first = new java.util.HashMap<>();
    call.callee().sampleFor("both video streams growing", SOON).check(() -> {
      var streams = call.callee().getStats().inboundRtp("video");
      streams.forEach(v -> first.putIfAbsent(v.id(), v.bytesReceived().orElse(0)));
      return streams.size() == 2 && streams.stream().allMatch(v -> v.bytesReceived().orElse(0) > first.get(v.id()));
    }).orThrow();

    call.caller().removeTrack(screen);
    call.renegotiate();
    assertThat(call.callee().transceivers()).filteredOn(t -> shown.mid().equals(t.mid()))
        .extracting(Transceiver::currentDirection).containsExactly(Direction.INACTIVE);
    call.callee().awaitInboundMedia("video", SOON).awaitInboundMedia("audio", SOON);
  }
}
