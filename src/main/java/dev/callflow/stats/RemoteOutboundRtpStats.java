package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** The other side's report on what it sent ({@code remote-outbound-rtp}). */
public final class RemoteOutboundRtpStats extends RtcStats {
  RemoteOutboundRtpStats(JsonNode json) {
    super(json);
  }

  public Optional<String> kind() {
    return text("kind");
  }

  public OptionalLong ssrc() {
    return count("ssrc");
  }

  public Optional<String> localId() {
    return text("localId");
  }

  public OptionalLong packetsSent() {
    return count("packetsSent");
  }

  public OptionalLong bytesSent() {
    return count("bytesSent");
  }

  public OptionalDouble remoteTimestamp() {
    return number("remoteTimestamp");
  }

  public OptionalDouble roundTripTime() {
    return number("roundTripTime");
  }
}
