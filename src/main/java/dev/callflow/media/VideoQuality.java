package dev.callflow.media;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The video a connection received over a while, frame by frame, as its page showed it: delay (from the stamps of a
 * synthetic camera), frames shown per second, freezes, frames lost or shown twice, and the resolution over time. The
 * figures are of the first {@code <video>} element showing the connection's remote video ({@link VideoSample#element()}
 * 0); {@link #samples()} keeps them all.
 *
 * <pre>{@code
 * VideoQuality video = call.callee().measureMedia(Duration.ofSeconds(3)).video();
 * video.delayPercentile(50);   // Optional[PT0.046S]
 * video.freezes();             // [] or [1200ms from +0.84s]
 * }</pre>
 */
public final class VideoQuality {
  /** A freeze is a gap longer than this many usual frame intervals ({@code max(3 × interval, interval + 150 ms)}). */
  private static final double FREEZE_INTERVALS = 3;
  private static final double FREEZE_EXTRA_MS = 150;
  /** The usual frame interval taken when there are too few frames to tell: 30 frames per second. */
  private static final double DEFAULT_INTERVAL_MS = 1000.0 / 30;

  private final double start;
  private final double end;
  private final List<VideoSample> samples;
  private final List<VideoSample> shown;

  /**
   * The frames shown between {@code start} and {@code end}.
   *
   * @param start when the measurement began, ms on the machine's wall clock
   * @param end when it ended, ms on the same clock
   * @param samples every frame presented, oldest first
   * @throws IllegalArgumentException if {@code end} is before {@code start}
   */
  public VideoQuality(double start, double end, List<VideoSample> samples) {
    if (end < start) {
      throw new IllegalArgumentException("A measurement cannot end (" + end + ") before it began (" + start + ")");
    }
    this.start = start;
    this.end = end;
    this.samples = List.copyOf(samples);
    this.shown = this.samples.stream().filter(s -> s.element() == 0).toList();
  }

  /** {@return every frame presented, oldest first, of every element} */
  public List<VideoSample> samples() {
    return samples;
  }

  /** {@return when the measurement began, ms on the machine's wall clock} */
  public double start() {
    return start;
  }

  /** {@return how long the measurement lasted} */
  public Duration duration() {
    return Duration.ofNanos(Math.round((end - start) * 1e6));
  }

  /** {@return how many frames the first element presented} */
  public int frames() {
    return shown.size();
  }

  /** {@return how many of them carried a stamp that read correctly} */
  public int stampedFrames() {
    return (int) shown.stream().filter(VideoSample::stamped).count();
  }

  /** {@return new pictures shown per second: frames presented, a frame shown again not counted} */
  public double framesPerSecond() {
    double seconds = (end - start) / 1000;
    return seconds <= 0 ? 0 : distinct().size() / seconds;
  }

  /** The frames that showed a new picture: a stamped frame whose counter differs from the one before, or any unstamped one. */
  private List<VideoSample> distinct() {
    List<VideoSample> out = new ArrayList<>();
    long last = -1;
    for (VideoSample s : shown) {
      if (!s.stamped() || s.counter() != last) {
        out.add(s);
      }
      if (s.stamped()) {
        last = s.counter();
      }
    }
    return out;
  }

  /** {@return each stamped frame's delay from capture to display, ms, in order} */
  public List<Double> delays() {
    return shown.stream().filter(VideoSample::stamped).map(s -> s.at() - s.captured()).toList();
  }

  /**
   * {@return the delay that this share of the stamped frames stayed within; empty without a stamped frame}
   *
   * @param percentile 0 to 100, e.g. 50 for the median, 95
   */
  public Optional<Duration> delayPercentile(double percentile) {
    return percentile(delays(), percentile).map(VideoQuality::millis);
  }

  /** {@return frames the sender made that never showed: gaps in the counters of the stamped frames} */
  public long lostFrames() {
    long lost = 0;
    long last = -1;
    for (VideoSample s : shown) {
      if (!s.stamped()) {
        continue;
      }
      long gap = s.counter() - last - 1;
      if (last >= 0 && gap > 0 && gap < 100_000) {
        lost += gap;
      }
      last = s.counter();
    }
    return lost;
  }

  /** {@return frames presented again with the counter of the frame before them} */
  public long repeatedFrames() {
    long repeated = 0;
    long last = -1;
    for (VideoSample s : shown) {
      if (s.stamped() && s.counter() == last) {
        repeated++;
      }
      if (s.stamped()) {
        last = s.counter();
      }
    }
    return repeated;
  }

  /**
   * {@return the times no new picture came for too long, the time before the first and after the last one included}
   * Without any frame the whole measurement is one freeze.
   */
  public List<Freeze> freezes() {
    List<VideoSample> pictures = distinct();
    List<Double> times = new ArrayList<>();
    times.add(start);
    pictures.forEach(p -> times.add(Math.max(start, Math.min(end, p.at()))));
    times.add(end);
    List<Double> intervals = new ArrayList<>();
    for (int i = 2; i < times.size() - 1; i++) {
      intervals.add(times.get(i) - times.get(i - 1));
    }
    double usual = intervals.size() < 3 ? DEFAULT_INTERVAL_MS : percentile(intervals, 50).orElse(DEFAULT_INTERVAL_MS);
    double limit = Math.max(FREEZE_INTERVALS * usual, usual + FREEZE_EXTRA_MS);
    List<Freeze> freezes = new ArrayList<>();
    for (int i = 1; i < times.size(); i++) {
      double gap = times.get(i) - times.get(i - 1);
      if (gap > limit) {
        freezes.add(new Freeze(times.get(i - 1) - start, millis(gap)));
      }
    }
    return freezes;
  }

  /** {@return the longest freeze; zero without one} */
  public Duration longestFreeze() {
    return freezes().stream().map(Freeze::duration).max(Duration::compareTo).orElse(Duration.ZERO);
  }

  /** {@return the sizes of the frames shown, each from when it began} */
  public List<Resolution> resolutions() {
    List<Resolution> out = new ArrayList<>();
    for (VideoSample s : shown) {
      Resolution last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last == null || last.width() != s.width() || last.height() != s.height()) {
        out.add(new Resolution(s.at() - start, s.width(), s.height()));
      }
    }
    return out;
  }

  /**
   * The frames over time, one line per {@code every}: frames shown, the size, the delay range and the counters lost,
   * for failure messages.
   *
   * @param every how long one line covers
   * @return the lines, e.g. {@code +0.50s 15 frames 640x480 delay 41-58ms (median 47ms) lost 0}
   */
  public List<String> series(Duration every) {
    double step = every.toNanos() / 1e6;
    List<String> lines = new ArrayList<>();
    for (double from = start; from < end; from += step) {
      double to = Math.min(end, from + step);
      double a = from;
      List<VideoSample> in = shown.stream().filter(s -> s.at() >= a && s.at() < to).toList();
      VideoQuality part = new VideoQuality(from, to, in);
      String sizes = part.resolutions().stream().map(r -> r.width() + "x" + r.height()).distinct()
          .reduce((x, y) -> x + "," + y).orElse("-");
      List<Double> d = part.delays();
      String delay = d.isEmpty() ? "no stamp" : String.format(Locale.ROOT, "delay %.0f-%.0fms (median %.0fms)",
          d.stream().mapToDouble(x -> x).min().orElse(0), d.stream().mapToDouble(x -> x).max().orElse(0),
          percentile(d, 50).orElse(0.0));
      lines.add(String.format(Locale.ROOT, "+%.2fs %d frames %s %s lost %d", (from - start) / 1000, in.size(), sizes, delay,
          part.lostFrames()));
    }
    return lines;
  }

  static Optional<Double> percentile(List<Double> values, double percentile) {
    if (values.isEmpty()) {
      return Optional.empty();
    }
    List<Double> sorted = values.stream().sorted().toList();
    int index = (int) Math.ceil(percentile / 100 * sorted.size()) - 1;
    return Optional.of(sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))));
  }

  static Duration millis(double ms) {
    return Duration.ofNanos(Math.round(ms * 1e6));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d frames (%d stamped) in %.2fs, %.1f fps, delay median %s p95 %s, %d lost, %d repeated, "
        + "freezes %s, sizes %s", frames(), stampedFrames(), (end - start) / 1000, framesPerSecond(),
        delayPercentile(50).map(d -> d.toMillis() + "ms").orElse("-"), delayPercentile(95).map(d -> d.toMillis() + "ms").orElse("-"),
        lostFrames(), repeatedFrames(), freezes(), resolutions());
  }
}
