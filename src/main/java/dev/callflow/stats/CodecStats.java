package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalLong;

/** A codec in use ({@code codec}). */
public final class CodecStats extends RtcStats {
  CodecStats(JsonNode json) {
    super(json);
  }

  public OptionalLong payloadType() {
    return count("payloadType");
  }

  public Optional<String> mimeType() {
    return text("mimeType");
  }

  public OptionalLong clockRate() {
    return count("clockRate");
  }

  public OptionalLong channels() {
    return count("channels");
  }

  public Optional<String> sdpFmtpLine() {
    return text("sdpFmtpLine");
  }

  public Optional<String> transportId() {
    return text("transportId");
  }
}
