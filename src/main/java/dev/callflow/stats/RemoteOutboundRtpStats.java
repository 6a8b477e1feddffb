package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalDouble;

/** The other side's report on what it sent ({@code remote-outbound-rtp}). */
public final class RemoteOutboundRtpStats extends SentRtpStreamStats {
  RemoteOutboundRtpStats(JsonNode json) {
    super(json);
  }

  public Optional<String> localId() {
    return text("localId");
  }

  public OptionalDouble remoteTimestamp() {
    return number("remoteTimestamp");
  }

  public OptionalDouble roundTripTime() {
    return number("roundTripTime");
  }
}
