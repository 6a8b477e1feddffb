package dev.callflow.media;

import java.time.Duration;

/**
 * A time during which the picture did not change although it should have: no new frame for longer than
 * {@code max(3 × the usual frame interval, the usual interval + 150 ms)}, as WebRTC's own freeze statistics count it.
 *
 * @param from when the last frame before it was shown, ms since the measurement began
 * @param duration how long no new frame came
 */
public record Freeze(double from, Duration duration) {
  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%dms from +%.2fs", duration.toMillis(), from / 1000);
  }
}
