package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Audio playout ({@code media-playout}). */
public final class MediaPlayoutStats extends RtcStats {
  MediaPlayoutStats(JsonNode json) {
    super(json);
  }

  public Optional<String> kind() {
    return text("kind");
  }

  public OptionalDouble synthesizedSamplesDuration() {
    return number("synthesizedSamplesDuration");
  }

  public OptionalLong synthesizedSamplesEvents() {
    return count("synthesizedSamplesEvents");
  }

  public OptionalDouble totalSamplesDuration() {
    return number("totalSamplesDuration");
  }

  public OptionalDouble totalPlayoutDelay() {
    return number("totalPlayoutDelay");
  }

  public OptionalLong totalSamplesCount() {
    return count("totalSamplesCount");
  }
}
