package dev.callflow.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callflow.junit.BrowserPairs;
import dev.callflow.junit.CallflowTest;
import dev.callflow.peer.Peer;
import dev.callflow.signaling.Call;
import java.time.Duration;

@CallflowTest
class MediaChecksTest {
  private static final Duration WATCH = Duration.ofMillis(1200);

  @BrowserPairs
  void disabledTracksShowAsBlackVideoAndSilentAudio(Peer alice, Peer bob) {
    Call call = alice.call(bob).withAudio().withVideo().connect();
    call.callee().awaitInboundMedia("video", Duration.ofSeconds(10));

    VideoCheck live = call.callee().checkVideo(WATCH);
    AudioCheck audible = call.callee().checkAudio(WATCH);
    System.out.println(alice.browser().type() + "->" + bob.browser().type() + " live video: " + live + "; audio: " + audible);
    assertThat(live.playing()).as("live video: %s", live).isTrue();
    assertThat(audible.audible()).as("live audio: %s", audible).isTrue();

    alice.setTrackEnabled(alice.localTrack("video").orElseThrow(), false);
    alice.setTrackEnabled(alice.localTrack("audio").orElseThrow(), false);
    call.callee().checkVideo(Duration.ofMillis(800)); // let the change reach the other side
    VideoCheck disabled = call.callee().checkVideo(WATCH);
    AudioCheck muted = call.callee().checkAudio(WATCH);
    System.out.println(alice.browser().type() + "->" + bob.browser().type() + " disabled video: " + disabled + "; muted audio: " + muted);
    assertThat(disabled.black() || disabled.frozen()).as("disabled video: %s", disabled).isTrue();
    assertThat(disabled.playing()).isFalse();
    assertThat(muted.audible()).as("muted audio: %s", muted).isFalse();
  }
}
