package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalLong;

/** What every RTP stream reports (W3C RTCRtpStreamStats): its SSRC, kind, codec and transport. */
public class RtpStreamStats extends RtcStats {
  RtpStreamStats(JsonNode json) {
    super(json);
  }

  /** {@return the stream's media: {@code audio} or {@code video}; empty when the browser does not report it} */
  public Optional<String> kind() {
    return text("kind");
  }

  /** {@return the stream's SSRC; empty when the browser does not report it} */
  public OptionalLong ssrc() {
    return count("ssrc");
  }

  /** {@return the id of the {@code codec} the stream uses; empty when the browser does not report it} */
  public Optional<String> codecId() {
    return text("codecId");
  }

  /** {@return the id of the {@code transport} that carries the stream; empty when the browser does not report it} */
  public Optional<String> transportId() {
    return text("transportId");
  }
}
