package dev.callflow.media;

import static dev.callflow.assertions.CallflowAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callflow.junit.BrowserPairs;
import dev.callflow.junit.CallflowTest;
import dev.callflow.junit.Synthetic;
import dev.callflow.peer.Call;
import dev.callflow.peer.Encoding;
import dev.callflow.peer.Peer;
import dev.callflow.peer.Track;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Media quality measured end to end in every browser pair, with synthetic media: sane figures on a good call, and
 * failures that name the damage when a test spoils the media on purpose.
 */
@CallflowTest
class MediaQualityTest {
  private static final Duration SOON = Duration.ofSeconds(10);
  private static final Duration MEASURE = Duration.ofSeconds(3);

  private static Track video(Peer peer) {
    return peer.localTracks().stream().filter(t -> t.kind().equals("video")).findFirst().orElseThrow();
  }

  private static Call call(Peer alice, Peer bob) {
    Call call = alice.call(bob).withAudio().withVideo().connect();
    assertThat(call.callee()).hasVideoPlaying(SOON);
    return call;
  }

  @BrowserPairs
  void goodCallHasLowDelayAndNoFreeze(@Synthetic Peer alice, @Synthetic Peer bob) {
    Call call = call(alice, bob);

    MediaQuality q = call.callee().measureMedia(MEASURE);
    System.out.println("Measured " + alice.browser().type().id() + "→" + bob.browser().type().id() + ": " + q);
    q.video().series(Duration.ofMillis(500)).forEach(l -> System.out.println("  " + l));

    // Bounds for a busy 2-core machine: there chrome→chrome fell to 13.6 fps with a 683 ms freeze while others' tests ran.
    assertThat(q).video().hasDelayBelow(Duration.ofMillis(500)).hasFrameRateAtLeast(5)
        .hasNoFreezeLongerThan(Duration.ofMillis(2000)).hasResolutionAtLeast(160, 120).hasLostFramesAtMost(60);
    org.assertj.core.api.Assertions.assertThat(q.video().stampedFrames()).as("frames with a readable stamp")
        .isGreaterThan(q.video().frames() * 9 / 10);
    if (q.audio().clockKeptTime()) {
      assertThat(q).audio().hasDelayBelow(Duration.ofMillis(600)).isInSyncWithVideoWithin(Duration.ofMillis(400));
    } else { // Firefox's mock audio output falls behind real time when the machine is short of CPU: the figures are refused
      assertThatThrownBy(() -> assertThat(q).audio().hasDelayBelow(Duration.ofMillis(600)))
          .hasMessageContaining("not measurable: the receiving page's audio clock ran at");
    }
  }

  /** A page shows the first call's ended track until it goes: a second call on the same pages measures its own video. */
  @Test
  void aSecondCallOnTheSamePagesIsMeasured(@Synthetic Peer alice, @Synthetic Peer bob) {
    Call first = alice.call(bob).withVideo().withReceiveOnlyCallee().connect();
    assertThat(first.callee()).hasVideoPlaying(SOON);
    first.hangUp();
    first.close();
    Call second = alice.call(bob).withVideo().withReceiveOnlyCallee().connect();
    assertThat(second.callee()).hasVideoPlaying(SOON);

    MediaQuality q = second.callee().measureMedia(MEASURE);

    assertThat(q).video().hasFrameRateAtLeast(5).hasDelayBelow(Duration.ofMillis(500));
  }

  @BrowserPairs
  void frozenCameraIsCaught(@Synthetic Peer alice, @Synthetic Peer bob) {
    Call call = call(alice, bob);

    alice.pauseSyntheticCamera(true);
    MediaQuality q = call.callee().measureMedia(MEASURE);

    assertThatThrownBy(() -> assertThat(q).video().hasNoFreezeLongerThan(Duration.ofMillis(500)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting bob/pc1 to receive video with no freeze longer than 500ms, but it was frozen for")
        .hasMessageContaining("; measured:");
    // Frames already on their way when the camera stopped still show (a Firefox receiver just after the call began
    // showed them for a second); from then on no new picture came to the end of the measurement, though Firefox sends
    // the last frame again once a second.
    Freeze last = q.video().freezes().get(q.video().freezes().size() - 1);
    org.assertj.core.api.Assertions.assertThat(last.from() + last.duration().toMillis())
        .as("the last freeze ends with the measurement: %s", q.video()).isCloseTo((double) q.video().duration().toMillis(), org.assertj.core.api.Assertions.within(2.0));
    org.assertj.core.api.Assertions.assertThat(last.duration()).isGreaterThan(Duration.ofSeconds(1));
    alice.pauseSyntheticCamera(false);
    assertThat(call.callee()).video().hasNoFreezeLongerThan(Duration.ofMillis(1000));
  }

  @BrowserPairs
  void reducedResolutionIsCaught(@Synthetic Peer alice, @Synthetic Peer bob) {
    Call call = call(alice, bob);

    // The sender scales its video down four times, as an app might to save bandwidth.
    call.caller().setEncodings(video(alice), List.of(Encoding.single().withScaleResolutionDownBy(4)));
    MediaQuality[] q = {null};
    call.callee().waitFor("bob should receive video scaled down", SOON).every(MEASURE).await(() -> {
      q[0] = call.callee().measureMedia(Duration.ofSeconds(1));
      List<Resolution> sizes = q[0].video().resolutions();
      return !sizes.isEmpty() && sizes.get(sizes.size() - 1).width() <= 160;
    });

    // Chrome sends 640x480 scaled to 160x120; Firefox, which already sent 320x240 on this busy machine, 80x60.
    Resolution last = q[0].video().resolutions().get(q[0].video().resolutions().size() - 1);
    assertThatThrownBy(() -> assertThat(q[0]).video().hasResolutionAtLeast(640, 480))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting bob/pc1 to receive video of at least 640x480, but it was shown at [")
        .hasMessageContaining(last.width() + "x" + last.height() + " from");
  }

  @BrowserPairs
  void bitrateCapIsCaught(@Synthetic Peer alice, @Synthetic Peer bob) {
    Call call = call(alice, bob);
    MediaQuality before = call.callee().measureMedia(Duration.ofSeconds(2));

    // The sender may spend 20 kbit/s on video: too little for its picture, so it sends fewer, smaller or blurrier frames.
    call.caller().setEncodings(video(alice), List.of(Encoding.single().withMaxBitrate(20_000)));
    call.callee().sampleStats(Duration.ofMillis(500), Duration.ofSeconds(2)); // the encoder adapts meanwhile
    MediaQuality after = call.callee().measureMedia(MEASURE);
    System.out.println("Capped " + alice.browser().type().id() + "→" + bob.browser().type().id() + ": before " + before + "\n  after " + after);

    // Measured in every pair: 2 to 12 frames a second once capped (20 to 24 before), some at a smaller size too.
    assertThatThrownBy(() -> assertThat(after).video().hasFrameRateAtLeast(15))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting bob/pc1 to receive video at 15.0 frames per second or more, but it was ")
        .hasMessageContaining(" lost");
    org.assertj.core.api.Assertions.assertThat(after.video().framesPerSecond()).isLessThan(before.video().framesPerSecond());
  }
}
