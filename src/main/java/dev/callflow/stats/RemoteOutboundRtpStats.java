package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalDouble;

/** The other side's report on what it sent ({@code remote-outbound-rtp}). */
public final class RemoteOutboundRtpStats extends SentRtpStreamStats {
  RemoteOutboundRtpStats(JsonNode json) {
    super(json);
  }

  /** {@return the id of the {@code inbound-rtp} this report is about; empty when the browser does not report it} */
  public Optional<String> localId() {
    return text("localId");
  }

  /**
   * {@return when the other side sent its report, by its clock, in milliseconds since the Unix epoch; empty when the
   * browser does not report it}
   */
  public OptionalDouble remoteTimestamp() {
    return number("remoteTimestamp");
  }

  /** {@return the latest round-trip time measured with RTCP, in seconds; empty when the browser does not report it} */
  public OptionalDouble roundTripTime() {
    return number("roundTripTime");
  }
}
