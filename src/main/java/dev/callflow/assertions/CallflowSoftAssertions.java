package dev.callflow.assertions;

import dev.callflow.peer.Peer;
import dev.callflow.peer.PeerConnection;
import dev.callflow.peer.SessionDescription;
import dev.callflow.peer.Timeline;
import dev.callflow.sdp.Sdp;
import dev.callflow.peer.Call;
import dev.callflow.stats.StatsSeries;
import org.assertj.core.api.AbstractSoftAssertions;

/**
 * Collects Callflow assertion failures instead of stopping at the first; {@link #assertAll()} reports them all.
 * (The assert classes are not final so that AssertJ can proxy them for this.)
 *
 * <pre>{@code
 * CallflowSoftAssertions softly = new CallflowSoftAssertions();
 * softly.assertThat(offer).hasCodec("audio", "opus");
 * softly.assertThat(offer).hasCodec("video", "H264");
 * softly.assertAll();
 * }</pre>
 */
public class CallflowSoftAssertions extends AbstractSoftAssertions {
  /**
   * {@return assertions on an offer or answer, failures collected by {@link #assertAll()}}
   *
   * @param sdp the parsed SDP
   */
  public SdpAssert assertThat(Sdp sdp) {
    return proxy(SdpAssert.class, Sdp.class, sdp);
  }

  /**
   * Parses the description's SDP, then asserts on it.
   *
   * @param description an offer or answer, e.g. a connection's remote description
   * @return assertions on its SDP
   * @throws dev.callflow.sdp.SdpParseException if the description's SDP is not valid SDP
   */
  public SdpAssert assertThat(SessionDescription description) {
    return assertThat(description == null ? null : Sdp.parse(description.sdp()));
  }

  /**
   * {@return assertions on the call's merged timeline, as it is now}
   *
   * @param call the call
   */
  public TimelineAssert assertThat(Call call) {
    return assertThat(call.timeline());
  }

  /**
   * {@return assertions on a live connection: its state, media, video, audio and candidate pair}
   *
   * @param connection the connection, e.g. {@code call.callee()}
   */
  public PeerConnectionAssert assertThat(PeerConnection connection) {
    return proxy(PeerConnectionAssert.class, PeerConnection.class, connection);
  }

  /**
   * {@return assertions on getStats() samples over time: bitrates and packet loss}
   *
   * @param series the samples, e.g. from {@link PeerConnection#sampleStats}
   */
  public StatsSeriesAssert assertThat(StatsSeries series) {
    return proxy(StatsSeriesAssert.class, StatsSeries.class, series);
  }

  /**
   * {@return assertions on what happened, in order: states reached, never reached, time between events}
   *
   * @param timeline the events of one or more peers
   */
  public TimelineAssert assertThat(Timeline timeline) {
    return proxy(TimelineAssert.class, Timeline.class, timeline);
  }

  /**
   * {@return assertions on a peer's page, e.g. that it logged no errors}
   *
   * @param peer the peer
   */
  public PeerAssert assertThat(Peer peer) {
    return proxy(PeerAssert.class, Peer.class, peer);
  }
}
