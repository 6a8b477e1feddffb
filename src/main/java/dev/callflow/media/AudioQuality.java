package dev.callflow.media;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The audio a connection received over a while: the onsets of a synthetic microphone's beeps, which it makes at each
 * whole second of the machine's wall clock, heard on the received track. Each onset's delay is its time past the whole
 * second before it (so delays of a second or more are not measured).
 *
 * <pre>{@code
 * AudioQuality audio = call.callee().measureMedia(Duration.ofSeconds(3)).audio();
 * audio.delayPercentile(50);   // Optional[PT0.083S]
 * }</pre>
 */
public final class AudioQuality {
  private final double start;
  private final double end;
  private final List<Double> onsets;
  private final double clockRate;

  /**
   * The onsets heard between {@code start} and {@code end}, on a page whose audio clock kept real time.
   *
   * @param start when the measurement began, ms on the machine's wall clock
   * @param end when it ended, ms on the same clock
   * @param onsets when each beep was heard, ms on the same clock, oldest first
   */
  public AudioQuality(double start, double end, List<Double> onsets) {
    this(start, end, onsets, 1);
  }

  /**
   * The onsets heard between {@code start} and {@code end}.
   *
   * @param start when the measurement began, ms on the machine's wall clock
   * @param end when it ended, ms on the same clock
   * @param onsets when each beep was heard, ms on the same clock, oldest first
   * @param clockRate how fast the receiving page's audio clock ran against the wall clock meanwhile (1: real time);
   *     NaN when unknown
   */
  public AudioQuality(double start, double end, List<Double> onsets, double clockRate) {
    this.start = start;
    this.end = end;
    this.onsets = List.copyOf(onsets);
    this.clockRate = clockRate;
  }

  /**
   * {@return how fast the receiving page's audio clock ran against the wall clock, 1 for real time; NaN when unknown}
   * Onsets are heard on that clock: one that lags (Firefox's mock audio output, on a machine short of CPU) hears them late.
   */
  public double clockRate() {
    return clockRate;
  }

  /** {@return whether the receiving page's audio clock kept real time within 5 %, so that the delays can be trusted} */
  public boolean clockKeptTime() {
    return Math.abs(clockRate - 1) <= 0.05;
  }

  /** {@return when each beep was heard, ms on the machine's wall clock} */
  public List<Double> onsets() {
    return onsets;
  }

  /** {@return how many beeps the sender made during the measurement: one per whole second from its start, until its end} */
  public int marks() {
    return (int) (Math.ceil(end / 1000) - Math.ceil(start / 1000));
  }

  /** {@return each onset's delay past its whole second, ms, in order} */
  public List<Double> delays() {
    return onsets.stream().map(t -> t - Math.floor(t / 1000) * 1000).toList();
  }

  /**
   * {@return the delay this share of the heard beeps stayed within; empty when none was heard}
   *
   * @param percentile 0 to 100, e.g. 50 for the median
   */
  public Optional<Duration> delayPercentile(double percentile) {
    return VideoQuality.percentile(delays(), percentile).map(VideoQuality::millis);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d beeps heard of %d made in %.2fs, delays %s%s", onsets.size(), Math.max(0, marks()),
        (end - start) / 1000, delays().stream().map(d -> String.format(Locale.ROOT, "%.0fms", d)).toList(),
        clockKeptTime() ? "" : String.format(Locale.ROOT, ", audio clock at %.0f%% of real time", clockRate * 100));
  }
}
