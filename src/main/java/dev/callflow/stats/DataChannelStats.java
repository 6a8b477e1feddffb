package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalLong;

/** A data channel ({@code data-channel}). */
public final class DataChannelStats extends RtcStats {
  DataChannelStats(JsonNode json) {
    super(json);
  }

  public Optional<String> label() {
    return text("label");
  }

  public Optional<String> protocol() {
    return text("protocol");
  }

  public OptionalLong dataChannelIdentifier() {
    return count("dataChannelIdentifier");
  }

  public Optional<String> state() {
    return text("state");
  }

  public OptionalLong messagesSent() {
    return count("messagesSent");
  }

  public OptionalLong bytesSent() {
    return count("bytesSent");
  }

  public OptionalLong messagesReceived() {
    return count("messagesReceived");
  }

  public OptionalLong bytesReceived() {
    return count("bytesReceived");
  }
}
