package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Sent RTP of one stream ({@code outbound-rtp}); with simulcast, one per encoding (rid). */
public final class OutboundRtpStats extends SentRtpStreamStats {
  OutboundRtpStats(JsonNode json) {
    super(json);
  }

  /** {@return the mid of the sending transceiver; empty when the browser does not report it} */
  public Optional<String> mid() {
    return text("mid");
  }

  /** {@return the simulcast encoding's rid; empty when the browser does not report it} */
  public Optional<String> rid() {
    return text("rid");
  }

  /** {@return the id of the {@code media-source} that feeds the stream; empty when the browser does not report it} */
  public Optional<String> mediaSourceId() {
    return text("mediaSourceId");
  }

  /** {@return packets sent again after a NACK; empty when the browser does not report it} */
  public OptionalLong retransmittedPacketsSent() {
    return count("retransmittedPacketsSent");
  }

  /** {@return bytes sent again after a NACK, part of {@code bytesSent}; empty when the browser does not report it} */
  public OptionalLong retransmittedBytesSent() {
    return count("retransmittedBytesSent");
  }

  /** {@return video frames encoded; empty when the browser does not report it} */
  public OptionalLong framesEncoded() {
    return count("framesEncoded");
  }

  /** {@return video frames sent; empty when the browser does not report it} */
  public OptionalLong framesSent() {
    return count("framesSent");
  }

  /** {@return video key frames encoded; empty when the browser does not report it} */
  public OptionalLong keyFramesEncoded() {
    return count("keyFramesEncoded");
  }

  /** {@return the width of the last encoded frame, in pixels; empty when the browser does not report it} */
  public OptionalLong frameWidth() {
    return count("frameWidth");
  }

  /** {@return the height of the last encoded frame, in pixels; empty when the browser does not report it} */
  public OptionalLong frameHeight() {
    return count("frameHeight");
  }

  /** {@return video frames encoded in the last second; empty when the browser does not report it} */
  public OptionalDouble framesPerSecond() {
    return number("framesPerSecond");
  }

  /**
   * {@return what limits the video quality now: {@code none}, {@code cpu}, {@code bandwidth} or {@code other}; empty
   * when the browser does not report it}
   */
  public Optional<String> qualityLimitationReason() {
    return text("qualityLimitationReason");
  }

  /** {@return the encoder's target bitrate, in bits per second; empty when the browser does not report it} */
  public OptionalDouble targetBitrate() {
    return number("targetBitrate");
  }

  /** {@return NACKs received from the other side; empty when the browser does not report it} */
  public OptionalLong nackCount() {
    return count("nackCount");
  }

  /** {@return picture loss indications received; empty when the browser does not report it} */
  public OptionalLong pliCount() {
    return count("pliCount");
  }

  /** {@return full intra requests received; empty when the browser does not report it} */
  public OptionalLong firCount() {
    return count("firCount");
  }

  /** {@return whether the encoding is being sent; empty when the browser does not report it} */
  public Optional<Boolean> active() {
    return flag("active");
  }
}
