package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalLong;

/** What a sender reports on a stream (W3C RTCSentRtpStreamStats): packets and bytes sent. */
public class SentRtpStreamStats extends RtpStreamStats {
  SentRtpStreamStats(JsonNode json) {
    super(json);
  }

  public OptionalLong packetsSent() {
    return count("packetsSent");
  }

  public OptionalLong bytesSent() {
    return count("bytesSent");
  }
}
