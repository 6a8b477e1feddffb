package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalLong;

/** The connection as a whole ({@code peer-connection}). */
public final class PeerConnectionStats extends RtcStats {
  PeerConnectionStats(JsonNode json) {
    super(json);
  }

  /** {@return data channels that reached {@code open}; empty when the browser does not report it} */
  public OptionalLong dataChannelsOpened() {
    return count("dataChannelsOpened");
  }

  /** {@return data channels that left {@code open} for {@code closed}; empty when the browser does not report it} */
  public OptionalLong dataChannelsClosed() {
    return count("dataChannelsClosed");
  }
}
