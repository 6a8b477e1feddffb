package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalLong;

/** What every RTP stream reports (W3C RTCRtpStreamStats): its SSRC, kind, codec and transport. */
public class RtpStreamStats extends RtcStats {
  RtpStreamStats(JsonNode json) {
    super(json);
  }

  public Optional<String> kind() {
    return text("kind");
  }

  public OptionalLong ssrc() {
    return count("ssrc");
  }

  public Optional<String> codecId() {
    return text("codecId");
  }

  public Optional<String> transportId() {
    return text("transportId");
  }
}
