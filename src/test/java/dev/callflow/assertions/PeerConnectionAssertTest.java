package dev.callflow.assertions;

import static dev.callflow.assertions.CallflowAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callflow.failure.CallflowTimeoutError;
import dev.callflow.junit.BrowserPairs;
import dev.callflow.junit.CallflowTest;
import dev.callflow.junit.EachBrowser;
import dev.callflow.media.VideoFrame;
import dev.callflow.peer.ConnectionState;
import dev.callflow.peer.EventKind;
import dev.callflow.peer.Peer;
import dev.callflow.peer.PeerEvent;
import dev.callflow.peer.Call;
import dev.callflow.peer.Signal;
import dev.callflow.peer.SignalAction;
import java.time.Duration;
import org.assertj.core.api.Assertions;

/** Media, stats and candidate assertions against real browsers: each shown to pass and to fail with its message. */
@CallflowTest
class PeerConnectionAssertTest {
  private static final Duration SOON = Duration.ofSeconds(8);
  /** Negative checks watch for one check's length, so that a passing glitch cannot satisfy them. */
  private static final Duration BRIEFLY = Duration.ofMillis(600);

  @BrowserPairs
  void liveMediaThenDisabledTracks(Peer alice, Peer bob) {
    Call call = alice.call(bob).withAudio().withVideo().connect();

    assertThat(call.callee()).isConnected().hasInboundMediaFlowing("video", SOON).hasVideoPlaying(SOON).hasAudibleAudio(SOON)
        .usesCandidatePair("host", "host", "udp");
    assertThatThrownBy(() -> assertThat(call.callee()).hasBlackVideo(BRIEFLY))
        .hasMessageStartingWith(String.format("%nExpecting bob/pc1 to show black video within 600ms, but the last check saw:%n  "))
        .hasMessageContaining("distinct pictures in");
    assertThatThrownBy(() -> assertThat(call.callee()).hasSilentAudio(BRIEFLY))
        .hasMessageStartingWith(String.format("%nExpecting bob/pc1 to receive silent audio within 600ms, but the last check saw:%n  "))
        .hasMessageContaining(" bytes, ").hasMessageContaining("energy");
    VideoFrame frame = call.callee().videoFrame();
    assertThat(call.callee()).hasVideoResolution(frame.width(), frame.height(), SOON);
    assertThatThrownBy(() -> assertThat(call.callee()).hasVideoResolution(4000, 3000, Duration.ofMillis(500)))
        .hasMessageStartingWith(String.format("%nExpecting bob/pc1 to receive video of 4000x3000, but the last check saw: "));
    assertThatThrownBy(() -> assertThat(call.callee()).usesCandidatePair("relay", "relay", "udp"))
        .hasMessageStartingWith(String.format("%nExpecting bob/pc1 to use a relay <-> relay over udp candidate pair, but the selected pair is:%n  host "));

    // The video track disabled mid-call: black frames. The microphone muted: no energy.
    alice.setTrackEnabled(alice.localTrack("video").orElseThrow(), false);
    alice.setTrackEnabled(alice.localTrack("audio").orElseThrow(), false);

    assertThat(call.callee()).hasBlackVideo(SOON).hasSilentAudio(SOON);
    assertThatThrownBy(() -> assertThat(call.callee()).hasVideoPlaying(BRIEFLY))
        .hasMessageStartingWith(String.format("%nExpecting bob/pc1 to show playing video within 600ms, but the last check saw:%n  "))
        .hasMessageContaining("luma [0,");
    assertThatThrownBy(() -> assertThat(call.callee()).hasAudibleAudio(BRIEFLY))
        .hasMessageStartingWith(String.format("%nExpecting bob/pc1 to receive audible audio within 600ms, but the last check saw:%n  "))
        .hasMessageContaining("energy 0.000000");
  }

  /**
   * Alice's candidates reach Bob a second late, so Bob learns her address from her checks first: Firefox
   * then keeps calling that end {@code prflx}. It was signalled as a host candidate, and counts as one.
   */
  @BrowserPairs
  void aCandidateWhoseCheckCameFirstCountsAsWhatWasSignalled(Peer alice, Peer bob) {
    Call call = alice.call(bob).withDataChannel("chat")
        .withHook(s -> s.kind() == Signal.Kind.CANDIDATE && s.from().equals("alice") ? SignalAction.delay(Duration.ofSeconds(1))
            : SignalAction.forward())
        .connect();
    for (PeerEvent sent : call.caller().events()) {
      if (sent.candidate() != null && !sent.isWithheld()) {
        String line = sent.candidate().candidate();
        call.callee().awaitEvent("alice's late " + line, e -> e.is(EventKind.CALL) && "addIceCandidate".equals(e.method())
            && e.details().toString().contains(line), SOON);
      }
    }

    assertThat(call.callee()).usesCandidatePair("host", "host", "udp");
    assertThatThrownBy(() -> assertThat(call.callee()).usesCandidatePair("host", "srflx", "udp"))
        .hasMessageContaining("to use a host <-> srflx over udp candidate pair, but the selected pair is:");
  }

  @EachBrowser
  void videoChecksNameTheVideoElementsWhenNoneShowsTheVideo(Peer alice, Peer bob) {
    Call call = alice.call(bob).withVideo().connect();
    assertThat(call.callee()).hasVideoPlaying(SOON);
    ((org.openqa.selenium.JavascriptExecutor) bob.driver()).executeScript(
        "document.querySelectorAll('video').forEach((v) => { if (v.id !== 'local-video') v.remove(); })");

    assertThatThrownBy(() -> assertThat(call.callee()).hasVideoPlaying(BRIEFLY))
        .isInstanceOf(CallflowTimeoutError.class)
        .hasMessageStartingWith(String.format("%nExpecting bob/pc1 to show playing video within 600ms, but the last check saw:%n  "
            + "no <video> element on the page shows the remote video of pc1; the page has "))
        .hasMessageContaining("the page has 1: #local-video (tracks video ");
    assertThatThrownBy(() -> assertThat(call.callee()).hasVideoResolution(640, 480, BRIEFLY))
        .hasMessageStartingWith(String.format("%nExpecting bob/pc1 to receive video of 640x480, but the last check saw: "
            + "no <video> element on the page shows the remote video of pc1"));
  }

  /** The codec that arrives, as the callee's stats name it; another one is named in the failure. */
  @EachBrowser
  void receivesCodecNamesTheCodecThatArrived(Peer alice, Peer bob) {
    Call call = alice.call(bob).withAudio().withVideo().withReceiveOnlyCallee()
        .withSetup(c -> c.caller().setOnlyCodecs("video", "video/VP8", "video/rtx")).connect();

    assertThat(call.callee()).receivesCodec("video/VP8", SOON).receivesCodec("audio/opus", SOON);
    assertThatThrownBy(() -> assertThat(call.callee()).receivesCodec("video/VP9", BRIEFLY)).isInstanceOf(CallflowTimeoutError.class)
        .hasMessageStartingWith(String.format("%nExpecting bob/pc1 to receive video/VP9 within 600ms (inbound-rtp of that codec, "
            + "bytesReceived and framesDecoded growing), but it received video/VP8: bytesReceived "));
    assertThatThrownBy(() -> assertThat(call.callee()).receivesCodec("VP9", SOON)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Not a codec's mime type: 'VP9' (e.g. video/VP9 or audio/opus)");
  }

  @BrowserPairs
  void frozenVideoAndPageErrors(Peer alice, Peer bob) {
    Call call = alice.call(bob).withVideo().withReceiveOnlyCallee().connect();
    assertThat(call.callee()).hasVideoPlaying(SOON);
    assertThatThrownBy(() -> assertThat(call.callee()).hasFrozenVideo(BRIEFLY))
        .hasMessageStartingWith(String.format("%nExpecting bob/pc1 to show frozen video within 600ms, but the last check saw:%n  "));
    assertThat(bob).hasNoPageErrors();

    call.caller().replaceTrack("video", null); // nothing sent any more: the last picture stays
    assertThat(call.callee()).hasFrozenVideo(SOON);

    ((org.openqa.selenium.JavascriptExecutor) bob.driver()).executeScript("console.error('something broke')");
    bob.awaitEvent("the console error", e -> e.is(EventKind.CONSOLE), SOON);
    assertThatThrownBy(() -> assertThat(bob).hasNoPageErrors())
        .hasMessage(String.format("%nExpecting the pages of bob to have no errors, but they had:%n  bob console error: something broke"));
  }

  @BrowserPairs
  void aWaitingAssertionStopsAtOnceWhenTheConnectionCloses(Peer alice, Peer bob) {
    Call call = alice.call(bob).withVideo().withReceiveOnlyCallee().connect();
    assertThat(call.callee()).hasVideoPlaying(SOON);
    call.callee().close();
    Duration patient = Duration.ofSeconds(30);
    long started = System.nanoTime();

    CallflowSoftAssertions softly = new CallflowSoftAssertions();
    softly.assertThat(call.callee()).hasVideoPlaying(patient);

    Assertions.assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    Assertions.assertThat(softly.errorsCollected()).singleElement().isInstanceOf(CallflowTimeoutError.class)
        .extracting(Throwable::getMessage).asString()
        .startsWith(String.format("%nExpecting bob/pc1 to show playing video within 30s, but the last check saw:%n  "))
        .contains("\nStopped early: bob/pc1 connectionState is 'closed' (close() was called) after ")
        .contains("\nLast seen: bob/pc1 connection=closed, ice=closed, signaling=closed, ")
        .contains("\nTimeline (last 40 events):\n")
        .contains("bob/pc1 call close");
    assertThatThrownBy(() -> call.callee().awaitInboundMedia("video", patient))
        .hasMessageStartingWith("bob/pc1 should receive video (inbound-rtp bytesReceived growing), but bob/pc1 connectionState is 'closed' (close() was called) after ");
    Assertions.assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
  }

  @BrowserPairs
  void statsOverTime(Peer alice, Peer bob) {
    Call call = alice.call(bob).withAudio().withVideo().withReceiveOnlyCallee().connect();
    assertThat(call.callee()).hasVideoPlaying(SOON);

    assertThat(call.callee()).statsOver(Duration.ofSeconds(2))
        .hasBitrateInBetween("video", 10_000, 20_000_000).hasBitrateInBetween("audio", 1_000, 500_000)
        .hasPacketLossBelow("video", 0.05);
    assertThatThrownBy(() -> assertThat(call.callee()).statsOver(Duration.ofSeconds(1)).hasBitrateInBetween("video", 50_000_000, 60_000_000))
        .hasMessageContaining("Expecting video bitrate in (bit/s) to average between 50000000 and 60000000 bit/s, but it averaged ");
    assertThatThrownBy(() -> assertThat(call.callee()).statsOver(Duration.ofSeconds(1)).hasPacketLossBelow("video", 0))
        .hasMessageContaining("Expecting inbound video to lose less than 0.00% of packets, but it lost 0.00% (0 lost, ");
    assertThatThrownBy(() -> assertThat(call.caller()).hasInboundMediaFlowing("video", Duration.ofSeconds(1)))
        .isInstanceOf(CallflowTimeoutError.class)
        .hasMessageStartingWith(String.format("%nExpecting alice/pc1 to receive \"video\" within 1s (inbound-rtp bytesReceived growing),"
            + " but bytesReceived stayed at 0 (connectionState connected)%nLast seen: bytesReceived stayed at 0"))
        .hasMessageContaining("\nTimeline (last 40 events):\n");
    assertThat(call.timeline()).hasStatesInOrder("bob", ConnectionState.CONNECTING, ConnectionState.CONNECTED)
        .neverReached("bob", ConnectionState.FAILED);
  }
}
