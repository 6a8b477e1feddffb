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

  /** {@return the mid of the receiving transceiver; empty when the browser does not report it} */
  public Optional<String> mid() {
    return text("mid");
  }

  /** {@return the id of the receiving track; empty when the browser does not report it} */
  public Optional<String> trackIdentifier() {
    return text("trackIdentifier");
  }

  /** {@return payload bytes received, without headers or padding; empty when the browser does not report it} */
  public OptionalLong bytesReceived() {
    return count("bytesReceived");
  }

  /** {@return video frames decoded; empty when the browser does not report it} */
  public OptionalLong framesDecoded() {
    return count("framesDecoded");
  }

  /** {@return complete video frames received; empty when the browser does not report it} */
  public OptionalLong framesReceived() {
    return count("framesReceived");
  }

  /** {@return video frames dropped before decoding; empty when the browser does not report it} */
  public OptionalLong framesDropped() {
    return count("framesDropped");
  }

  /** {@return video key frames decoded; empty when the browser does not report it} */
  public OptionalLong keyFramesDecoded() {
    return count("keyFramesDecoded");
  }

  /** {@return the width of the last decoded frame, in pixels; empty when the browser does not report it} */
  public OptionalLong frameWidth() {
    return count("frameWidth");
  }

  /** {@return the height of the last decoded frame, in pixels; empty when the browser does not report it} */
  public OptionalLong frameHeight() {
    return count("frameHeight");
  }

  /** {@return video frames decoded in the last second; empty when the browser does not report it} */
  public OptionalDouble framesPerSecond() {
    return number("framesPerSecond");
  }

  /** {@return video freezes seen so far; empty when the browser does not report it} */
  public OptionalLong freezeCount() {
    return count("freezeCount");
  }

  /** {@return the total time the video was frozen, in seconds; empty when the browser does not report it} */
  public OptionalDouble totalFreezesDuration() {
    return number("totalFreezesDuration");
  }

  /**
   * {@return the audio energy received: the sum of each sample's level squared times its duration in seconds; empty
   * when the browser does not report it}
   */
  public OptionalDouble totalAudioEnergy() {
    return number("totalAudioEnergy");
  }

  /** {@return the audio level now, 0 (silence) to 1 (0 dBov); empty when the browser does not report it} */
  public OptionalDouble audioLevel() {
    return number("audioLevel");
  }

  /** {@return audio samples received; empty when the browser does not report it} */
  public OptionalLong totalSamplesReceived() {
    return count("totalSamplesReceived");
  }

  /** {@return the duration of the audio samples received, in seconds; empty when the browser does not report it} */
  public OptionalDouble totalSamplesDuration() {
    return number("totalSamplesDuration");
  }

  /**
   * {@return audio samples concealed (made up to cover lost or late packets); empty when the browser does not report
   * it}
   */
  public OptionalLong concealedSamples() {
    return count("concealedSamples");
  }

  /** {@return NACKs sent for lost packets; empty when the browser does not report it} */
  public OptionalLong nackCount() {
    return count("nackCount");
  }

  /** {@return picture loss indications sent; empty when the browser does not report it} */
  public OptionalLong pliCount() {
    return count("pliCount");
  }

  /** {@return full intra requests sent; empty when the browser does not report it} */
  public OptionalLong firCount() {
    return count("firCount");
  }

  /**
   * {@return the sum of the time each sample or frame spent in the jitter buffer, in seconds; empty when the browser
   * does not report it}
   */
  public OptionalDouble jitterBufferDelay() {
    return number("jitterBufferDelay");
  }
}
