package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** A local/remote candidate pair ({@code candidate-pair}). Firefox marks the pair in use with {@code selected}. */
public final class CandidatePairStats extends RtcStats {
  CandidatePairStats(JsonNode json) {
    super(json);
  }

  /** {@return the id of the {@code transport} this pair belongs to; empty when the browser does not report it} */
  public Optional<String> transportId() {
    return text("transportId");
  }

  /** {@return the id of the pair's {@code local-candidate}; empty when the browser does not report it} */
  public Optional<String> localCandidateId() {
    return text("localCandidateId");
  }

  /** {@return the id of the pair's {@code remote-candidate}; empty when the browser does not report it} */
  public Optional<String> remoteCandidateId() {
    return text("remoteCandidateId");
  }

  /**
   * {@return the ICE check state of the pair: {@code frozen}, {@code waiting}, {@code in-progress}, {@code failed} or
   * {@code succeeded}; empty when the browser does not report it}
   */
  public Optional<String> state() {
    return text("state");
  }

  /** {@return whether the controlling agent nominated the pair; empty when the browser does not report it} */
  public Optional<Boolean> nominated() {
    return flag("nominated");
  }

  /**
   * {@return whether this is the pair in use (Firefox only; Chrome names it in its transport); empty when the browser
   * does not report it}
   */
  public Optional<Boolean> selected() {
    return flag("selected");
  }

  /**
   * {@return payload bytes sent on this pair, without headers, padding or ICE checks; empty when the browser does not
   * report it}
   */
  public OptionalLong bytesSent() {
    return count("bytesSent");
  }

  /**
   * {@return payload bytes received on this pair, without headers, padding or ICE checks; empty when the browser does
   * not report it}
   */
  public OptionalLong bytesReceived() {
    return count("bytesReceived");
  }

  /** {@return packets sent on this pair; empty when the browser does not report it} */
  public OptionalLong packetsSent() {
    return count("packetsSent");
  }

  /** {@return packets received on this pair; empty when the browser does not report it} */
  public OptionalLong packetsReceived() {
    return count("packetsReceived");
  }

  /**
   * {@return the latest round-trip time measured by STUN checks, in seconds; empty when the browser does not report it}
   */
  public OptionalDouble currentRoundTripTime() {
    return number("currentRoundTripTime");
  }

  /**
   * {@return the sum of every round-trip time measured by STUN checks, in seconds (divide by
   * {@link #responsesReceived()} for the mean); empty when the browser does not report it}
   */
  public OptionalDouble totalRoundTripTime() {
    return number("totalRoundTripTime");
  }

  /**
   * {@return the bitrate congestion control estimates is available for sending, in bits per second; empty when the
   * browser does not report it}
   */
  public OptionalDouble availableOutgoingBitrate() {
    return number("availableOutgoingBitrate");
  }

  /** {@return STUN connectivity check requests sent; empty when the browser does not report it} */
  public OptionalLong requestsSent() {
    return count("requestsSent");
  }

  /** {@return STUN connectivity check responses received; empty when the browser does not report it} */
  public OptionalLong responsesReceived() {
    return count("responsesReceived");
  }

  /** {@return STUN connectivity check requests received; empty when the browser does not report it} */
  public OptionalLong requestsReceived() {
    return count("requestsReceived");
  }

  /** {@return STUN connectivity check responses sent; empty when the browser does not report it} */
  public OptionalLong responsesSent() {
    return count("responsesSent");
  }
}
