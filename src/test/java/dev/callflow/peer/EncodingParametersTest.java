package dev.callflow.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callflow.assertions.CallflowAssertions;
import dev.callflow.junit.BrowserPairs;
import dev.callflow.junit.CallflowTest;
import java.time.Duration;
import java.util.List;

/** scaleResolutionDownBy and maxBitrate set mid-call with setParameters, seen in the stats of both sides, in every pair. */
@CallflowTest
class EncodingParametersTest {
  private static final Duration SOON = Duration.ofSeconds(15);
  private static final long MAX_BITRATE = 150_000;

  @BrowserPairs
  void scaleAndBitrateLimitShowInStats(Peer alice, Peer bob) {
    // The browsers adapt the picture to bandwidth and CPU before they scale it (Chromium sent this camera as 960x540 or
    // 640x360 for a while, then a quarter of that): the scaled video is at most a quarter of the camera's.
    Track camera = alice.getUserMedia(MediaConstraints.video(1280, 720)).get(0);
    Call call = alice.call(bob).withVideo().withReceiveOnlyCallee().connect();
    CallflowAssertions.assertThat(call.callee()).hasVideoPlaying(SOON);

    List<Encoding> halved = call.caller().setEncodings(camera, List.of(Encoding.single().withScaleResolutionDownBy(4)));
    assertThat(halved).extracting(Encoding::scaleResolutionDownBy).containsExactly(4.0);
    CallflowAssertions.assertThat(call.caller()).sendsVideoNoLargerThan(320, 180, SOON);

    List<Encoding> limited = call.caller().setEncodings(camera, List.of(Encoding.single().withMaxBitrate(MAX_BITRATE)));
    assertThat(limited).extracting(Encoding::maxBitrate).containsExactly(MAX_BITRATE);
    CallflowAssertions.assertThat(call.caller()).sendsVideoAtMost(MAX_BITRATE, Duration.ofSeconds(20));
    CallflowAssertions.assertThat(call.callee()).hasVideoPlaying(SOON);
  }
}
