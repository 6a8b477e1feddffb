package dev.callflow.assertions;

import dev.callflow.media.MediaQuality;
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

  /**
   * {@return assertions on an offer or answer}
   *
   * @param sdp the parsed SDP
   */
  public static SdpAssert assertThat(Sdp sdp) {
    return new SdpAssert(sdp);
  }

  /**
   * Parses the description's SDP, then asserts on it.
   *
   * @param description an offer or answer, e.g. a connection's remote description
   * @return assertions on its SDP
   * @throws dev.callflow.sdp.SdpParseException if the description's SDP is not valid SDP
   */
  public static SdpAssert assertThat(SessionDescription description) {
    return new SdpAssert(description == null ? null : Sdp.parse(description.sdp()));
  }

  /**
   * {@return assertions on a live connection: its state, media, video, audio and candidate pair}
   *
   * @param connection the connection, e.g. {@code call.callee()}
   */
  public static PeerConnectionAssert assertThat(PeerConnection connection) {
    return new PeerConnectionAssert(connection);
  }

  /**
   * {@return assertions on getStats() samples over time: bitrates and packet loss}
   *
   * @param series the samples, e.g. from {@link PeerConnection#sampleStats}
   */
  public static StatsSeriesAssert assertThat(StatsSeries series) {
    return new StatsSeriesAssert(series);
  }

  /**
   * {@return assertions on what happened, in order: states reached, never reached, time between events}
   *
   * @param timeline the events of one or more peers
   */
  public static TimelineAssert assertThat(Timeline timeline) {
    return new TimelineAssert(timeline);
  }

  /**
   * {@return assertions on the call's merged timeline, as it is now}
   *
   * @param call the call
   */
  public static TimelineAssert assertThat(Call call) {
    return new TimelineAssert(call.timeline());
  }

  /**
   * {@return assertions on a peer's page, e.g. that it logged no errors}
   *
   * @param peer the peer
   */
  public static PeerAssert assertThat(Peer peer) {
    return new PeerAssert(peer);
  }

  /**
   * {@return assertions on a measurement of received media: its video and audio}
   *
   * @param quality the measurement, e.g. from {@link PeerConnection#measureMedia}
   */
  public static MediaQualityAssert assertThat(MediaQuality quality) {
    return new MediaQualityAssert(quality);
  }
}
