package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalLong;

/** The connection as a whole ({@code peer-connection}). */
public final class PeerConnectionStats extends RtcStats {
  PeerConnectionStats(JsonNode json) {
    super(json);
  }

  public OptionalLong dataChannelsOpened() {
    return count("dataChannelsOpened");
  }

  public OptionalLong dataChannelsClosed() {
    return count("dataChannelsClosed");
  }
}
