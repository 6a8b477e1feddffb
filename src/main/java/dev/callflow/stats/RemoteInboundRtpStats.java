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

  /** {@return the id of the {@code outbound-rtp} this report is about; empty when the browser does not report it} */
  public Optional<String> localId() {
    return text("localId");
  }

  /** {@return the latest round-trip time measured with RTCP, in seconds; empty when the browser does not report it} */
  public OptionalDouble roundTripTime() {
    return number("roundTripTime");
  }

  /**
   * {@return the fraction of packets lost in the last RTCP report, 0 to 1; empty when the browser does not report it}
   */
  public OptionalDouble fractionLost() {
    return number("fractionLost");
  }

  /**
   * {@return the sum of every round-trip time measured, in seconds (divide by {@link #roundTripTimeMeasurements()} for
   * the mean); empty when the browser does not report it}
   */
  public OptionalDouble totalRoundTripTime() {
    return number("totalRoundTripTime");
  }

  /** {@return round-trip times measured so far; empty when the browser does not report it} */
  public OptionalLong roundTripTimeMeasurements() {
    return count("roundTripTimeMeasurements");
  }
}
