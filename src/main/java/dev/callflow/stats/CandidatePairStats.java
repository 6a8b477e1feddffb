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

  public Optional<String> transportId() {
    return text("transportId");
  }

  public Optional<String> localCandidateId() {
    return text("localCandidateId");
  }

  public Optional<String> remoteCandidateId() {
    return text("remoteCandidateId");
  }

  public Optional<String> state() {
    return text("state");
  }

  public Optional<Boolean> nominated() {
    return flag("nominated");
  }

  public Optional<Boolean> selected() {
    return flag("selected");
  }

  public OptionalLong bytesSent() {
    return count("bytesSent");
  }

  public OptionalLong bytesReceived() {
    return count("bytesReceived");
  }

  public OptionalLong packetsSent() {
    return count("packetsSent");
  }

  public OptionalLong packetsReceived() {
    return count("packetsReceived");
  }

  public OptionalDouble currentRoundTripTime() {
    return number("currentRoundTripTime");
  }

  public OptionalDouble totalRoundTripTime() {
    return number("totalRoundTripTime");
  }

  public OptionalDouble availableOutgoingBitrate() {
    return number("availableOutgoingBitrate");
  }

  public OptionalLong requestsSent() {
    return count("requestsSent");
  }

  public OptionalLong responsesReceived() {
    return count("responsesReceived");
  }

  public OptionalLong requestsReceived() {
    return count("requestsReceived");
  }

  public OptionalLong responsesSent() {
    return count("responsesSent");
  }
}
