package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Received RTP of one stream ({@code inbound-rtp}): counters grow over the call. */
public final class InboundRtpStats extends ReceivedRtpStreamStats {
  InboundRtpStats(JsonNode json) {
    super(json);
  }

  public Optional<String> mid() {
    return text("mid");
  }

  public Optional<String> trackIdentifier() {
    return text("trackIdentifier");
  }

  public OptionalLong bytesReceived() {
    return count("bytesReceived");
  }

  public OptionalLong framesDecoded() {
    return count("framesDecoded");
  }

  public OptionalLong framesReceived() {
    return count("framesReceived");
  }

  public OptionalLong framesDropped() {
    return count("framesDropped");
  }

  public OptionalLong keyFramesDecoded() {
    return count("keyFramesDecoded");
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

  public OptionalLong freezeCount() {
    return count("freezeCount");
  }

  public OptionalDouble totalFreezesDuration() {
    return number("totalFreezesDuration");
  }

  public OptionalDouble totalAudioEnergy() {
    return number("totalAudioEnergy");
  }

  public OptionalDouble audioLevel() {
    return number("audioLevel");
  }

  public OptionalLong totalSamplesReceived() {
    return count("totalSamplesReceived");
  }

  public OptionalDouble totalSamplesDuration() {
    return number("totalSamplesDuration");
  }

  public OptionalLong concealedSamples() {
    return count("concealedSamples");
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

  public OptionalDouble jitterBufferDelay() {
    return number("jitterBufferDelay");
  }
}
