package dev.callflow.assertions;

import dev.callflow.media.MediaQuality;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a measurement of received media: {@link #video()} and {@link #audio()} lead to them.
 *
 * <pre>{@code
 * assertThat(call.callee().measureMedia(Duration.ofSeconds(3))).video().hasDelayBelow(Duration.ofMillis(200));
 * }</pre>
 */
public class MediaQualityAssert extends AbstractAssert<MediaQualityAssert, MediaQuality> {
  /**
   * Assertions on this measurement; {@link CallflowAssertions#assertThat(MediaQuality)} is the usual way in.
   *
   * @param actual the measurement, checked for null by each assertion
   */
  public MediaQualityAssert(MediaQuality actual) {
    super(actual, MediaQualityAssert.class);
  }

  /** {@return assertions on the video of this measurement} */
  public VideoQualityAssert video() {
    isNotNull();
    return new VideoQualityAssert(actual);
  }

  /** {@return assertions on the audio of this measurement} */
  public AudioQualityAssert audio() {
    isNotNull();
    return new AudioQualityAssert(actual);
  }
}
