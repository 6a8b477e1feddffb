package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** What a receiver reports on a stream (W3C RTCReceivedRtpStreamStats): packets received and lost, jitter. */
public class ReceivedRtpStreamStats extends RtpStreamStats {
  ReceivedRtpStreamStats(JsonNode json) {
    super(json);
  }

  /** {@return RTP packets received; empty when the browser does not report it} */
  public OptionalLong packetsReceived() {
    return count("packetsReceived");
  }

  /**
   * {@return RTP packets lost as the receiver counts them; negative when duplicates outnumber losses; empty when the
   * browser does not report it}
   */
  public OptionalLong packetsLost() {
    return count("packetsLost");
  }

  /** {@return the packet jitter, in seconds; empty when the browser does not report it} */
  public OptionalDouble jitter() {
    return number("jitter");
  }
}
