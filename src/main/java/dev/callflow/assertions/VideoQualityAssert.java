package dev.callflow.assertions;

import static dev.callflow.internal.assertions.ShouldHaveMediaQuality.shouldHaveMediaQuality;

import dev.callflow.media.MediaQuality;
import dev.callflow.media.Resolution;
import dev.callflow.media.VideoQuality;
import java.time.Duration;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the video of a measurement ({@link PeerConnectionAssert#video()}): delay, frame rate, freezes, lost
 * frames and resolution. A failure quotes the measured series, one line per half second.
 *
 * <pre>{@code
 * assertThat(call.callee()).video()
 *     .hasDelayBelow(Duration.ofMillis(200)).hasNoFreezeLongerThan(Duration.ofMillis(500)).hasResolutionAtLeast(640, 480)
 *     .audio().isInSyncWithVideoWithin(Duration.ofMillis(80));
 * }</pre>
 */
public class VideoQualityAssert extends AbstractAssert<VideoQualityAssert, MediaQuality> {
  private static final Duration SERIES_STEP = Duration.ofMillis(500);

  /**
   * Assertions on the video of this measurement.
   *
   * @param actual the measurement, checked for null by each assertion
   */
  public VideoQualityAssert(MediaQuality actual) {
    super(actual, VideoQualityAssert.class);
  }

  private VideoQuality video() {
    isNotNull();
    return actual.video();
  }

  /**
   * 95 % of the stamped frames were shown less than {@code max} after their capture (the sender needs a synthetic
   * camera, whose frames carry their capture time).
   *
   * @param max the delay allowed, exclusive
   * @return this assertion, to chain more
   * @throws AssertionError if the delay reached {@code max} or no frame carried a stamp, quoting the series
   */
  public VideoQualityAssert hasDelayBelow(Duration max) {
    Duration p95 = video().delayPercentile(95).orElse(null);
    if (p95 == null || p95.compareTo(max) >= 0) {
      fail("video delay (95th percentile) below " + ms(max), p95 == null ? "not measurable: no frame carried a readable stamp"
          : ms(p95));
    }
    return this;
  }

  /**
   * At least this many new pictures were shown per second.
   *
   * @param fps the lowest rate allowed
   * @return this assertion, to chain more
   * @throws AssertionError if the rate was lower, quoting the series
   */
  public VideoQualityAssert hasFrameRateAtLeast(double fps) {
    double rate = video().framesPerSecond();
    if (rate < fps) {
      fail(String.format(Locale.ROOT, "video at %.1f frames per second or more", fps), String.format(Locale.ROOT, "%.1f fps", rate));
    }
    return this;
  }

  /**
   * No freeze lasted longer than {@code max} (see {@link dev.callflow.media.Freeze}); a video that showed no frame at all
   * froze for the whole measurement.
   *
   * @param max the longest freeze allowed, inclusive
   * @return this assertion, to chain more
   * @throws AssertionError if one lasted longer, quoting the freezes and the series
   */
  public VideoQualityAssert hasNoFreezeLongerThan(Duration max) {
    Duration longest = video().longestFreeze();
    if (longest.compareTo(max) > 0) {
      fail("video with no freeze longer than " + ms(max), "frozen for " + ms(longest) + " (freezes " + video().freezes() + ")");
    }
    return this;
  }

  /**
   * Every frame shown was at least this large.
   *
   * @param width the smallest width allowed, pixels
   * @param height the smallest height allowed, pixels
   * @return this assertion, to chain more
   * @throws AssertionError if a frame was smaller or none was shown, quoting the sizes over time and the series
   */
  public VideoQualityAssert hasResolutionAtLeast(int width, int height) {
    boolean ok = video().frames() > 0 && video().resolutions().stream().allMatch(r -> r.width() >= width && r.height() >= height);
    if (!ok) {
      fail("video of at least " + width + "x" + height, video().frames() == 0 ? "no frame shown"
          : "shown at " + video().resolutions().stream().map(Resolution::toString).toList());
    }
    return this;
  }

  /**
   * At most {@code max} frames of the sender's never showed (gaps in the stamps' counters).
   *
   * @param max the number of lost frames allowed
   * @return this assertion, to chain more
   * @throws AssertionError if more were lost, or no frame carried a stamp, quoting the series
   */
  public VideoQualityAssert hasLostFramesAtMost(long max) {
    long lost = video().lostFrames();
    if (lost > max || video().stampedFrames() == 0) {
      fail("video with at most " + max + " lost frames", video().stampedFrames() == 0 ? "not measurable: no frame carried a readable stamp"
          : lost + " lost");
    }
    return this;
  }

  /** {@return assertions on the audio of the same measurement} */
  public AudioQualityAssert audio() {
    isNotNull();
    return new AudioQualityAssert(actual);
  }

  private void fail(String expected, String seen) {
    throwAssertionError(shouldHaveMediaQuality(actual.connection(), expected, seen,
        "  " + video() + "\n" + String.join("\n", video().series(SERIES_STEP).stream().map(l -> "  " + l).toList())));
  }

  static String ms(Duration d) {
    return d.toMillis() + "ms";
  }
}
