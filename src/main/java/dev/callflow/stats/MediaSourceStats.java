package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** A local track fed to a sender ({@code media-source}). */
public final class MediaSourceStats extends RtcStats {
  MediaSourceStats(JsonNode json) {
    super(json);
  }

  /** {@return the kind of the track: {@code audio} or {@code video}; empty when the browser does not report it} */
  public Optional<String> kind() {
    return text("kind");
  }

  /** {@return the id of the local track; empty when the browser does not report it} */
  public Optional<String> trackIdentifier() {
    return text("trackIdentifier");
  }

  /** {@return the audio level now, 0 (silence) to 1 (0 dBov); empty when the browser does not report it} */
  public OptionalDouble audioLevel() {
    return number("audioLevel");
  }

  /**
   * {@return the audio energy of the source: the sum of each sample's level squared times its duration in seconds;
   * empty when the browser does not report it}
   */
  public OptionalDouble totalAudioEnergy() {
    return number("totalAudioEnergy");
  }

  /**
   * {@return the duration of the audio samples from the source, in seconds; empty when the browser does not report it}
   */
  public OptionalDouble totalSamplesDuration() {
    return number("totalSamplesDuration");
  }

  /** {@return the width of the last frame from the source, in pixels; empty when the browser does not report it} */
  public OptionalLong width() {
    return count("width");
  }

  /** {@return the height of the last frame from the source, in pixels; empty when the browser does not report it} */
  public OptionalLong height() {
    return count("height");
  }

  /** {@return video frames from the source; empty when the browser does not report it} */
  public OptionalLong frames() {
    return count("frames");
  }

  /** {@return video frames from the source in the last second; empty when the browser does not report it} */
  public OptionalDouble framesPerSecond() {
    return number("framesPerSecond");
  }
}
