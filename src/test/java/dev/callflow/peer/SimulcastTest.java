package dev.callflow.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callflow.assertions.CallflowAssertions;
import dev.callflow.junit.BrowserPairs;
import dev.callflow.junit.CallflowTest;
import dev.callflow.sdp.Sdp;
import dev.callflow.sdp.Simulcast;
import java.time.Duration;
import java.util.List;

/**
 * Three simulcast layers by rid, in every pair. Neither browser takes simulcast as a receiver (its answer has no
 * a=simulcast), so the answer is given one as an SFU would ({@link SignalHook#answerSimulcast()}); the layers are
 * then seen in the sender's stats.
 */
@CallflowTest
class SimulcastTest {
  /** Firefox starts its top layer once its bandwidth estimate allows: 4 to 10 s into a call on a busy machine. */
  private static final Duration LAYERS_WITHIN = Duration.ofSeconds(30);
  private static final List<Encoding> LAYERS = List.of(Encoding.rid("q").withScaleResolutionDownBy(4),
      Encoding.rid("h").withScaleResolutionDownBy(2), Encoding.rid("f"));

  @BrowserPairs
  void threeLayersSentAndOneTurnedOff(Peer alice, Peer bob) {
    Track camera = alice.getUserMedia(MediaConstraints.video(1280, 720)).get(0);
    Call call = alice.call(bob).withHook(SignalHook.answerSimulcast()).withSetup(c -> c.caller().addTrack(camera, LAYERS)).connect();

    CallflowAssertions.assertThat(call.caller().localDescription().orElseThrow()).hasSimulcastLayers("video", "send", "q", "h", "f");
    // The receiving browser itself does not take simulcast: the hook wrote the answer's layers.
    Sdp browserAnswer = Sdp.parse(call.callee().localDescription().orElseThrow().sdp());
    assertThat(Simulcast.of(browserAnswer.media("video").get(0))).isEmpty();
    CallflowAssertions.assertThat(call.caller().remoteDescription().orElseThrow()).hasSimulcastLayers("video", "recv", "q", "h", "f");
    assertThat(call.caller().encodings(camera)).extracting(Encoding::rid).containsExactly("q", "h", "f");

    CallflowAssertions.assertThat(call.caller()).sendsLayers(LAYERS_WITHIN, "q", "h", "f");
    if (bob.browser().type() == dev.callflow.browser.BrowserType.CHROME) {
      // Chromium decodes one of the layers. Firefox, its own answer without simulcast, received one layer in some runs
      // and nothing past the first packets in others (firefox→firefox: bytesReceived stayed at 463): not asserted.
      call.callee().awaitInboundMedia("video", Duration.ofSeconds(10));
    }

    assertThat(call.caller().setEncodings(camera, List.of(Encoding.rid("h").withActive(false))))
        .extracting(Encoding::active).containsExactly(true, false, true);
    CallflowAssertions.assertThat(call.caller()).stoppedSendingLayer("h", Duration.ofSeconds(10)).sendsLayers(Duration.ofSeconds(10), "q", "f");
  }

  /** What an answer of the receiving browser does to simulcast as it is: the sender keeps its first layer only. */
  @BrowserPairs
  void withoutTheHookTheSenderKeepsOneLayer(Peer alice, Peer bob) {
    Track camera = alice.getUserMedia(MediaConstraints.video(1280, 720)).get(0);
    Call call = alice.call(bob).withSetup(c -> c.caller().addTrack(camera, LAYERS)).connect();
    assertThat(call.caller().encodings(camera)).extracting(Encoding::rid).containsExactly("q");
  }
}
