package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalLong;

/** A codec in use ({@code codec}). */
public final class CodecStats extends RtcStats {
  CodecStats(JsonNode json) {
    super(json);
  }

  /** {@return the RTP payload type, as in the SDP; empty when the browser does not report it} */
  public OptionalLong payloadType() {
    return count("payloadType");
  }

  /**
   * {@return the codec's MIME type, e.g. {@code video/VP8} or {@code audio/opus}; empty when the browser does not
   * report it}
   */
  public Optional<String> mimeType() {
    return text("mimeType");
  }

  /** {@return the RTP clock rate, in Hz; empty when the browser does not report it} */
  public OptionalLong clockRate() {
    return count("clockRate");
  }

  /** {@return the number of audio channels, e.g. 2 for stereo; empty when the browser does not report it} */
  public OptionalLong channels() {
    return count("channels");
  }

  /**
   * {@return the {@code a=fmtp} parameters of the codec, e.g. {@code minptime=10;useinbandfec=1}; empty when the
   * browser does not report it}
   */
  public Optional<String> sdpFmtpLine() {
    return text("sdpFmtpLine");
  }

  /** {@return the id of the {@code transport} that uses the codec; empty when the browser does not report it} */
  public Optional<String> transportId() {
    return text("transportId");
  }
}
