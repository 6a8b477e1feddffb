package dev.callflow.media;

import static dev.callflow.assertions.CallflowAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The figures of a measured series, and the assertions' messages, without a browser. */
class VideoQualityTest {
  private static final double T0 = 1_700_000_000_000.0;

  /** 30 frames a second for {@code seconds}, each shown {@code delay} ms after its capture, counters from 1. */
  private static List<VideoSample> steady(double from, double seconds, double delay, int width, int height, long firstCounter) {
    List<VideoSample> out = new ArrayList<>();
    for (int i = 0; i < seconds * 30; i++) {
      double at = from + i * 1000.0 / 30;
      out.add(new VideoSample(0, at, i + 1, width, height, firstCounter + i, at - delay));
    }
    return out;
  }

  @Test
  void steadyVideoHasItsDelayRateAndNoFreeze() {
    VideoQuality q = new VideoQuality(T0, T0 + 2000, steady(T0 + 10, 2, 40, 640, 480, 1));

    assertThat(q.frames()).isEqualTo(60);
    assertThat(q.stampedFrames()).isEqualTo(60);
    assertThat(q.framesPerSecond()).isEqualTo(30.0);
    assertThat(q.delayPercentile(50)).contains(Duration.ofMillis(40));
    assertThat(q.lostFrames()).isZero();
    assertThat(q.repeatedFrames()).isZero();
    assertThat(q.freezes()).isEmpty();
    assertThat(q.resolutions()).containsExactly(new Resolution(10, 640, 480));
  }

  @Test
  void aGapIsAFreezeAndSkippedCountersAreLostFrames() {
    List<VideoSample> samples = new ArrayList<>(steady(T0, 1, 40, 640, 480, 1));
    // 600 ms without a frame; the sender's counter went on meanwhile (18 frames never shown).
    samples.addAll(steady(T0 + 1000 + 600, 1, 40, 640, 480, 31 + 18));
    VideoQuality q = new VideoQuality(T0, T0 + 2600, samples);

    assertThat(q.lostFrames()).isEqualTo(18);
    assertThat(q.freezes()).hasSize(1);
    assertThat(q.freezes().get(0).duration().toNanos() / 1e6).isCloseTo(600 + 1000.0 / 30, org.assertj.core.data.Offset.offset(0.01));
    assertThat(q.freezes().get(0).from()).isCloseTo(966.7, org.assertj.core.data.Offset.offset(0.1));
  }

  @Test
  void noFrameAtAllIsOneFreezeOfTheWholeMeasurement() {
    VideoQuality q = new VideoQuality(T0, T0 + 3000, List.of());

    assertThat(q.freezes()).containsExactly(new Freeze(0, Duration.ofSeconds(3)));
    assertThat(q.delayPercentile(95)).isEmpty();
    assertThat(q.framesPerSecond()).isZero();
  }

  @Test
  void aFrameShownAgainIsARepeatNotANewPicture() {
    List<VideoSample> samples = new ArrayList<>(steady(T0, 1, 40, 640, 480, 1));
    VideoSample last = samples.get(samples.size() - 1);
    for (int i = 1; i <= 3; i++) { // the sender repeats its last frame once a second (Firefox does, behind a stuck camera)
      samples.add(new VideoSample(0, last.at() + i * 1000, last.presentedFrames() + i, 640, 480, last.counter(), last.captured()));
    }
    VideoQuality q = new VideoQuality(T0, T0 + 4000, samples);

    assertThat(q.repeatedFrames()).isEqualTo(3);
    assertThat(q.longestFreeze()).isGreaterThan(Duration.ofMillis(3000));
  }

  @Test
  void unreadableStampsCountAsFramesWithoutDelay() {
    List<VideoSample> samples = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      samples.add(new VideoSample(0, T0 + i * 33.3, i, 320, 240, -1, -1));
    }
    VideoQuality q = new VideoQuality(T0, T0 + 1000, samples);

    assertThat(q.frames()).isEqualTo(30);
    assertThat(q.stampedFrames()).isZero();
    assertThat(q.delays()).isEmpty();
    assertThat(q.freezes()).isEmpty();
  }

  @Test
  void resolutionsListEachChange() {
    List<VideoSample> samples = new ArrayList<>(steady(T0, 1, 40, 640, 480, 1));
    samples.addAll(steady(T0 + 1000, 1, 40, 320, 240, 31));
    VideoQuality q = new VideoQuality(T0, T0 + 2000, samples);

    assertThat(q.resolutions()).extracting(Resolution::width).containsExactly(640, 320);
  }

  @Test
  void anEndBeforeTheStartIsRefused() {
    assertThatThrownBy(() -> new VideoQuality(T0, T0 - 1, List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot end");
  }

  @Test
  void assertionsPassOnGoodVideo() {
    MediaQuality q = new MediaQuality("bob/pc1", new VideoQuality(T0, T0 + 2000, steady(T0, 2, 40, 640, 480, 1)),
        new AudioQuality(T0, T0 + 2000, List.of(T0 + 1090.0, T0 + 2085.0)), Duration.ZERO);

    assertThat(q).video().hasDelayBelow(Duration.ofMillis(200)).hasFrameRateAtLeast(25).hasNoFreezeLongerThan(Duration.ofMillis(500))
        .hasResolutionAtLeast(640, 480).hasLostFramesAtMost(0)
        .audio().hasDelayBelow(Duration.ofMillis(100)).isInSyncWithVideoWithin(Duration.ofMillis(50));
    assertThat(q.syncOffset()).contains(Duration.ofMillis(85 - 40)); // the median of 90 and 85 ms is taken as the lower
  }

  @Test
  void aHighDelayFailsQuotingTheSeries() {
    MediaQuality q = new MediaQuality("bob/pc1", new VideoQuality(T0, T0 + 1000, steady(T0, 1, 350, 640, 480, 1)),
        new AudioQuality(T0, T0 + 1000, List.of()), Duration.ZERO);

    assertThatThrownBy(() -> assertThat(q).video().hasDelayBelow(Duration.ofMillis(200)))
        .isInstanceOf(AssertionError.class)
        .hasMessage(String.format("%nExpecting bob/pc1 to receive video delay (95th percentile) below 200ms, but it was 350ms; measured:%n"
            + "  30 frames (30 stamped) in 1.00s, 30.0 fps, delay median 350ms p95 350ms, 0 lost, 0 repeated, freezes [], sizes [640x480 from +0.00s]%n"
            + "  +0.00s 15 frames 640x480 delay 350-350ms (median 350ms) lost 0%n"
            + "  +0.50s 15 frames 640x480 delay 350-350ms (median 350ms) lost 0"));
  }

  @Test
  void aSmallPictureFailsNamingTheSizes() {
    List<VideoSample> samples = new ArrayList<>(steady(T0, 1, 40, 640, 480, 1));
    samples.addAll(steady(T0 + 1000, 1, 40, 160, 120, 31));
    MediaQuality q = new MediaQuality("bob/pc1", new VideoQuality(T0, T0 + 2000, samples), new AudioQuality(T0, T0 + 2000, List.of()), Duration.ZERO);

    assertThatThrownBy(() -> assertThat(q).video().hasResolutionAtLeast(640, 480))
        .hasMessageContaining("Expecting bob/pc1 to receive video of at least 640x480, but it was shown at [640x480 from +0.00s, 160x120 from +1.00s]");
  }

  @Test
  void aFreezeFailsNamingIt() {
    List<VideoSample> samples = new ArrayList<>(steady(T0, 1, 40, 640, 480, 1));
    MediaQuality q = new MediaQuality("bob/pc1", new VideoQuality(T0, T0 + 3000, samples), new AudioQuality(T0, T0 + 3000, List.of()), Duration.ZERO);

    assertThatThrownBy(() -> assertThat(q).video().hasNoFreezeLongerThan(Duration.ofMillis(500)))
        .hasMessageContaining("Expecting bob/pc1 to receive video with no freeze longer than 500ms, but it was frozen for 2033ms "
            + "(freezes [2033ms from +0.97s])")
        .hasMessageContaining("+2.50s 0 frames - no stamp lost 0");
  }

  @Test
  void syncNeedsBothDelays() {
    MediaQuality q = new MediaQuality("bob/pc1", new VideoQuality(T0, T0 + 1000, steady(T0, 1, 40, 640, 480, 1)),
        new AudioQuality(T0, T0 + 1000, List.of()), Duration.ZERO);

    assertThatThrownBy(() -> assertThat(q).video().audio().isInSyncWithVideoWithin(Duration.ofMillis(80)))
        .hasMessageContaining("Expecting bob/pc1 to receive audio in sync with video within 80ms, but it was not measurable: no beep was heard");
  }

  @Test
  void audioBehindTheVideoFailsSayingHowFar() {
    MediaQuality q = new MediaQuality("bob/pc1", new VideoQuality(T0, T0 + 3000, steady(T0, 3, 40, 640, 480, 1)),
        new AudioQuality(T0, T0 + 3000, List.of(T0 + 1240.0, T0 + 2240.0)), Duration.ZERO);

    assertThatThrownBy(() -> assertThat(q).audio().isInSyncWithVideoWithin(Duration.ofMillis(80)))
        .hasMessageContaining("but it was audio 200ms behind the video; measured:")
        .hasMessageContaining("audio: 2 beeps heard of 3 made in 3.00s, delays [240ms, 240ms]");
  }
}
