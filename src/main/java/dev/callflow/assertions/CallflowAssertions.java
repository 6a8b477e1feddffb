package dev.callflow.assertions;

import dev.callflow.peer.Peer;
import dev.callflow.peer.PeerConnection;
import dev.callflow.peer.SessionDescription;
import dev.callflow.peer.Timeline;
import dev.callflow.sdp.Sdp;
import dev.callflow.peer.Call;
import dev.callflow.stats.StatsSeries;

/**
 * The one entry point for Callflow's assertions, beside AssertJ's own.
 *
 * <pre>{@code
 * import static dev.callflow.assertions.CallflowAssertions.assertThat;
 *
 * assertThat(call.callee().remoteDescription().orElseThrow()).hasCodec("audio", "opus").isBundled();
 * assertThat(call.callee()).hasVideoPlaying(Duration.ofSeconds(5));
 * assertThat(call.timeline()).neverReached("bob", ConnectionState.FAILED);
 * }</pre>
 */
public final class CallflowAssertions {
  private CallflowAssertions() {}

  public static SdpAssert assertThat(Sdp sdp) {
    return new SdpAssert(sdp);
  }

  /** Parses the description's SDP, then asserts on it. */
  public static SdpAssert assertThat(SessionDescription description) {
    return new SdpAssert(description == null ? null : Sdp.parse(description.sdp()));
  }

  public static PeerConnectionAssert assertThat(PeerConnection connection) {
    return new PeerConnectionAssert(connection);
  }

  public static StatsSeriesAssert assertThat(StatsSeries series) {
    return new StatsSeriesAssert(series);
  }

  public static TimelineAssert assertThat(Timeline timeline) {
    return new TimelineAssert(timeline);
  }

  /** Asserts on the call's merged timeline. */
  public static TimelineAssert assertThat(Call call) {
    return new TimelineAssert(call.timeline());
  }

  public static PeerAssert assertThat(Peer peer) {
    return new PeerAssert(peer);
  }
}
