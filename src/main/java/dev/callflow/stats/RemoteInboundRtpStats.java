package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** The other side's report on what this side sent ({@code remote-inbound-rtp}): loss and round-trip time. */
public final class RemoteInboundRtpStats extends ReceivedRtpStreamStats {
  RemoteInboundRtpStats(JsonNode json) {
    super(json);
  }

  public Optional<String> localId() {
    return text("localId");
  }

  public OptionalDouble roundTripTime() {
    return number("roundTripTime");
  }

  public OptionalDouble fractionLost() {
    return number("fractionLost");
  }

  public OptionalDouble totalRoundTripTime() {
    return number("totalRoundTripTime");
  }

  public OptionalLong roundTripTimeMeasurements() {
    return count("roundTripTimeMeasurements");
  }
}
