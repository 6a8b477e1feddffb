package dev.callflow.assertions;

import static dev.callflow.internal.assertions.ShouldHaveMediaQuality.shouldHaveMediaQuality;

import dev.callflow.media.MediaQuality;
import java.time.Duration;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the audio of a measurement ({@link PeerConnectionAssert#audio()}): its delay, and how far it is from the
 * video. The sender needs a synthetic microphone, whose beeps mark whole seconds. A failure quotes the beeps heard.
 */
public class AudioQualityAssert extends AbstractAssert<AudioQualityAssert, MediaQuality> {
  /**
   * Assertions on the audio of this measurement.
   *
   * @param actual the measurement, checked for null by each assertion
   */
  public AudioQualityAssert(MediaQuality actual) {
    super(actual, AudioQualityAssert.class);
  }

  /**
   * Half the beeps heard arrived less than {@code max} after they were made (the median delay).
   *
   * @param max the delay allowed, exclusive
   * @return this assertion, to chain more
   * @throws AssertionError if the median delay reached {@code max} or no beep was heard, quoting the beeps
   */
  public AudioQualityAssert hasDelayBelow(Duration max) {
    isNotNull();
    Duration median = actual.audio().delayPercentile(50).orElse(null);
    if (median == null || median.compareTo(max) >= 0 || !actual.audio().clockKeptTime()) {
      fail("audio delay (median) below " + VideoQualityAssert.ms(max), median == null ? "not measurable: no beep was heard"
          : !actual.audio().clockKeptTime() ? unreliable() : VideoQualityAssert.ms(median));
    }
    return this;
  }

  /**
   * The audio's median delay and the video's differ by at most {@code max}, either way ({@link MediaQuality#syncOffset()}).
   *
   * @param max the offset allowed, inclusive
   * @return this assertion, to chain more
   * @throws AssertionError if they differ more, or either delay could not be measured, quoting both
   */
  public AudioQualityAssert isInSyncWithVideoWithin(Duration max) {
    isNotNull();
    Duration offset = actual.syncOffset().orElse(null);
    if (offset == null || offset.abs().compareTo(max) > 0 || !actual.audio().clockKeptTime()) {
      fail("audio in sync with video within " + VideoQualityAssert.ms(max), offset == null
          ? "not measurable: " + (actual.audio().onsets().isEmpty() ? "no beep was heard" : "no video frame carried a readable stamp")
          : !actual.audio().clockKeptTime() ? unreliable()
          : "audio " + VideoQualityAssert.ms(offset.abs()) + (offset.isNegative() ? " ahead of" : " behind") + " the video");
    }
    return this;
  }

  private String unreliable() {
    return String.format(java.util.Locale.ROOT, "not measurable: the receiving page's audio clock ran at %.0f%% of real time, so its"
        + " beeps were heard late", actual.audio().clockRate() * 100);
  }

  /** {@return assertions on the video of the same measurement} */
  public VideoQualityAssert video() {
    isNotNull();
    return new VideoQualityAssert(actual);
  }

  private void fail(String expected, String seen) {
    throwAssertionError(shouldHaveMediaQuality(actual.connection(), expected, seen, "  audio: " + actual.audio()
        + "\n  video: " + actual.video()));
  }
}
