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
  public SdpAssert assertThat(Sdp sdp) {
    return proxy(SdpAssert.class, Sdp.class, sdp);
  }

  /** Parses the description's SDP, then asserts on it. */
  public SdpAssert assertThat(SessionDescription description) {
    return assertThat(description == null ? null : Sdp.parse(description.sdp()));
  }

  /** Asserts on the call's merged timeline. */
  public TimelineAssert assertThat(Call call) {
    return assertThat(call.timeline());
  }

  public PeerConnectionAssert assertThat(PeerConnection connection) {
    return proxy(PeerConnectionAssert.class, PeerConnection.class, connection);
  }

  public StatsSeriesAssert assertThat(StatsSeries series) {
    return proxy(StatsSeriesAssert.class, StatsSeries.class, series);
  }

  public TimelineAssert assertThat(Timeline timeline) {
    return proxy(TimelineAssert.class, Timeline.class, timeline);
  }

  public PeerAssert assertThat(Peer peer) {
    return proxy(PeerAssert.class, Peer.class, peer);
  }
}
