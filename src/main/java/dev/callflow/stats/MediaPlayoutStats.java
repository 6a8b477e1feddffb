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

  /** {@return the kind of media played out: {@code audio}; empty when the browser does not report it} */
  public Optional<String> kind() {
    return text("kind");
  }

  /**
   * {@return the duration of the samples synthesized because none were ready in time, in seconds; empty when the
   * browser does not report it}
   */
  public OptionalDouble synthesizedSamplesDuration() {
    return number("synthesizedSamplesDuration");
  }

  /** {@return how many times samples had to be synthesized; empty when the browser does not report it} */
  public OptionalLong synthesizedSamplesEvents() {
    return count("synthesizedSamplesEvents");
  }

  /** {@return the duration of every sample played out, in seconds; empty when the browser does not report it} */
  public OptionalDouble totalSamplesDuration() {
    return number("totalSamplesDuration");
  }

  /**
   * {@return the sum of each sample's playout delay, in seconds (divide by {@link #totalSamplesCount()} for the mean);
   * empty when the browser does not report it}
   */
  public OptionalDouble totalPlayoutDelay() {
    return number("totalPlayoutDelay");
  }

  /** {@return samples played out; empty when the browser does not report it} */
  public OptionalLong totalSamplesCount() {
    return count("totalSamplesCount");
  }
}
