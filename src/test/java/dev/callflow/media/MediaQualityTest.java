package dev.callflow.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callflow.junit.BrowserPairs;
import dev.callflow.junit.CallflowTest;
import dev.callflow.junit.Synthetic;
import dev.callflow.peer.Call;
import dev.callflow.peer.Peer;
import java.time.Duration;

@CallflowTest
class MediaQualityTest {
  private static final Duration SOON = Duration.ofSeconds(10);

  @BrowserPairs
  void measuresDelayFrameRateAndSync(@Synthetic Peer alice, @Synthetic Peer bob) {
    Call call = alice.call(bob).withAudio().withVideo().connect();
    call.callee().awaitInboundMedia("video", SOON);
    MediaQuality q = call.callee().measureMedia(Duration.ofSeconds(3));
    System.out.println("MEASURED " + alice.browser().type().id() + "→" + bob.browser().type().id() + " " + q);
    q.video().series(Duration.ofMillis(500)).forEach(l -> System.out.println("  " + l));
    assertThat(q.video().stampedFrames()).isGreaterThan(0);
  }
}
