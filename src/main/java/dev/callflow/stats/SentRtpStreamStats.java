package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalLong;

/** What a sender reports on a stream (W3C RTCSentRtpStreamStats): packets and bytes sent. */
public class SentRtpStreamStats extends RtpStreamStats {
  SentRtpStreamStats(JsonNode json) {
    super(json);
  }

  /** {@return RTP packets sent; empty when the browser does not report it} */
  public OptionalLong packetsSent() {
    return count("packetsSent");
  }

  /** {@return payload bytes sent, without headers or padding; empty when the browser does not report it} */
  public OptionalLong bytesSent() {
    return count("bytesSent");
  }
}
