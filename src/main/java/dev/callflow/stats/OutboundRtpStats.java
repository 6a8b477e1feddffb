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

  public Optional<String> mid() {
    return text("mid");
  }

  public Optional<String> rid() {
    return text("rid");
  }

  public Optional<String> mediaSourceId() {
    return text("mediaSourceId");
  }

  public OptionalLong retransmittedPacketsSent() {
    return count("retransmittedPacketsSent");
  }

  public OptionalLong framesEncoded() {
    return count("framesEncoded");
  }

  public OptionalLong framesSent() {
    return count("framesSent");
  }

  public OptionalLong keyFramesEncoded() {
    return count("keyFramesEncoded");
  }

  public OptionalLong frameWidth() {
    return count("frameWidth");
  }

  public OptionalLong frameHeight() {
    return count("frameHeight");
  }

  public OptionalDouble framesPerSecond() {
    return number("framesPerSecond");
  }

  public Optional<String> qualityLimitationReason() {
    return text("qualityLimitationReason");
  }

  public OptionalDouble targetBitrate() {
    return number("targetBitrate");
  }

  public OptionalLong nackCount() {
    return count("nackCount");
  }

  public OptionalLong pliCount() {
    return count("pliCount");
  }

  public OptionalLong firCount() {
    return count("firCount");
  }

  public Optional<Boolean> active() {
    return flag("active");
  }
}
