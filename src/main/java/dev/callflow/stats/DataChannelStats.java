package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalLong;

/** A data channel ({@code data-channel}). */
public final class DataChannelStats extends RtcStats {
  DataChannelStats(JsonNode json) {
    super(json);
  }

  /** {@return the channel's label; empty when the browser does not report it} */
  public Optional<String> label() {
    return text("label");
  }

  /** {@return the channel's sub-protocol, often empty; empty when the browser does not report it} */
  public Optional<String> protocol() {
    return text("protocol");
  }

  /** {@return the channel's id (its SCTP stream); empty when the browser does not report it} */
  public OptionalLong dataChannelIdentifier() {
    return count("dataChannelIdentifier");
  }

  /**
   * {@return the channel's ready state: {@code connecting}, {@code open}, {@code closing} or {@code closed}; empty when
   * the browser does not report it}
   */
  public Optional<String> state() {
    return text("state");
  }

  /** {@return messages sent on the channel; empty when the browser does not report it} */
  public OptionalLong messagesSent() {
    return count("messagesSent");
  }

  /** {@return payload bytes sent on the channel; empty when the browser does not report it} */
  public OptionalLong bytesSent() {
    return count("bytesSent");
  }

  /** {@return messages received on the channel; empty when the browser does not report it} */
  public OptionalLong messagesReceived() {
    return count("messagesReceived");
  }

  /** {@return payload bytes received on the channel; empty when the browser does not report it} */
  public OptionalLong bytesReceived() {
    return count("bytesReceived");
  }
}
