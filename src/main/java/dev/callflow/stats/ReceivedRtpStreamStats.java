package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** What a receiver reports on a stream (W3C RTCReceivedRtpStreamStats): packets received and lost, jitter. */
public class ReceivedRtpStreamStats extends RtpStreamStats {
  ReceivedRtpStreamStats(JsonNode json) {
    super(json);
  }

  public OptionalLong packetsReceived() {
    return count("packetsReceived");
  }

  public OptionalLong packetsLost() {
    return count("packetsLost");
  }

  public OptionalDouble jitter() {
    return number("jitter");
  }
}
