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

  public Optional<String> kind() {
    return text("kind");
  }

  public Optional<String> trackIdentifier() {
    return text("trackIdentifier");
  }

  public OptionalDouble audioLevel() {
    return number("audioLevel");
  }

  public OptionalDouble totalAudioEnergy() {
    return number("totalAudioEnergy");
  }

  public OptionalDouble totalSamplesDuration() {
    return number("totalSamplesDuration");
  }

  public OptionalLong width() {
    return count("width");
  }

  public OptionalLong height() {
    return count("height");
  }

  public OptionalLong frames() {
    return count("frames");
  }

  public OptionalDouble framesPerSecond() {
    return number("framesPerSecond");
  }
}
