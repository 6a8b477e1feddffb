package dev.callflow.report;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The swim lanes' time axis: linear, except that a long stretch in which nothing changes is cut to a
 * fixed width and marked, so that a 20 s wait after a 300 ms negotiation leaves the negotiation most of
 * the picture instead of a few pixels. Times are {@link System#nanoTime()} values.
 */
final class TimeAxis {
  /** A stretch with nothing in it longer than this may be cut. */
  static final long QUIET_NANOS = 1_000_000_000L;
  /** The width of a cut stretch. */
  static final double CUT_WIDTH = 60;
  /** What must stay uncut: cutting the whole axis would leave no scale to draw with. */
  private static final long LEAST_UNCUT_NANOS = 50_000_000L;

  /**
   * A part of the axis: drawn to scale, or cut.
   *
   * @param from its first moment
   * @param to its last moment
   * @param x0 where it starts
   * @param x1 where it ends
   * @param cut whether it is cut short
   */
  record Stretch(long from, long to, double x0, double x1, boolean cut) {
    double x(long nanos) {
      return to == from ? x0 : x0 + (x1 - x0) * (nanos - from) / (double) (to - from);
    }
  }

  private final List<Stretch> stretches;
  private final double pxPerSecond;

  private TimeAxis(List<Stretch> stretches, double pxPerSecond) {
    this.stretches = List.copyOf(stretches);
    this.pxPerSecond = pxPerSecond;
  }

  /**
   * An axis from {@code from} to {@code to} over {@code width} pixels from {@code x0}. The quiet stretches
   * between two moments are cut longest first, while a stretch would still be drawn much wider than a cut.
   *
   * @param moments the moments where something changes; those outside from..to are ignored
   */
  static TimeAxis of(long from, long to, List<Long> moments, double x0, double width) {
    TreeSet<Long> points = new TreeSet<>(List.of(from, Math.max(from + 1, to)));
    moments.stream().filter(m -> m >= from && m <= to).forEach(points::add);
    List<long[]> gaps = new ArrayList<>();
    Long previous = null;
    for (long p : points) {
      if (previous != null && p - previous > QUIET_NANOS) {
        gaps.add(new long[] {previous, p});
      }
      previous = p;
    }
    gaps.sort((a, b) -> Long.compare(b[1] - b[0], a[1] - a[0]));
    long uncut = points.last() - from;
    List<long[]> cuts = new ArrayList<>();
    for (long[] gap : gaps) {
      double scale = (width - CUT_WIDTH * cuts.size()) / (uncut / 1e9);
      long length = gap[1] - gap[0];
      if (uncut - length < LEAST_UNCUT_NANOS || scale * length / 1e9 < 3 * CUT_WIDTH) {
        continue;
      }
      cuts.add(gap);
      uncut -= length;
    }
    cuts.sort((a, b) -> Long.compare(a[0], b[0]));
    double pxPerSecond = (width - CUT_WIDTH * cuts.size()) / (uncut / 1e9);
    List<Stretch> stretches = new ArrayList<>();
    long t = from;
    double x = x0;
    for (long[] cut : cuts) {
      double scaled = x + (cut[0] - t) / 1e9 * pxPerSecond;
      stretches.add(new Stretch(t, cut[0], x, scaled, false));
      stretches.add(new Stretch(cut[0], cut[1], scaled, scaled + CUT_WIDTH, true));
      t = cut[1];
      x = scaled + CUT_WIDTH;
    }
    stretches.add(new Stretch(t, points.last(), x, x0 + width, false));
    return new TimeAxis(stretches, pxPerSecond);
  }

  /** {@return the parts of the axis, in order: to scale and cut} */
  List<Stretch> stretches() {
    return stretches;
  }

  /** {@return the scale of the parts drawn to scale} */
  double pxPerSecond() {
    return pxPerSecond;
  }

  /** {@return where this moment is; before the axis at its start, after it at its end} */
  double x(long nanos) {
    for (Stretch s : stretches) {
      if (nanos <= s.to()) {
        return s.x(Math.max(nanos, s.from()));
      }
    }
    return stretches.get(stretches.size() - 1).x1();
  }
}
