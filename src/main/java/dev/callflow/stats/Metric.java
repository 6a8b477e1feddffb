package dev.callflow.stats;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * One quantity over a call: a value per sample (a gauge such as jitter) or per interval between
 * samples (a rate such as bitrate).
 *
 * @param name what is measured, with its unit, e.g. {@code video bitrate in (bit/s)}
 * @param points the values, oldest first
 */
public record Metric(String name, List<Point> points) {
  /**
   * A metric of these points; the list is copied.
   *
   * @param name what is measured, with its unit, e.g. {@code video bitrate in (bit/s)}
   * @param points the values, oldest first
   */
  public Metric {
    points = List.copyOf(points);
  }

  /**
   * One value.
   *
   * @param seconds seconds since the first sample of the series
   * @param value the value
   */
  public record Point(double seconds, double value) {}

  /** {@return the mean of the values, in the metric's unit; empty without points} */
  public OptionalDouble average() {
    return points.stream().mapToDouble(Point::value).average();
  }

  /** {@return the smallest value; empty without points} */
  public OptionalDouble min() {
    return points.stream().mapToDouble(Point::value).min();
  }

  /** {@return the largest value; empty without points} */
  public OptionalDouble max() {
    return points.stream().mapToDouble(Point::value).max();
  }

  /** {@return the newest value; empty without points} */
  public OptionalDouble last() {
    return points.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(points.get(points.size() - 1).value());
  }

  /** {@code video bitrate in (bit/s): 612000 412000 ... (average 500123)}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(name).append(':');
    points.forEach(p -> out.append(' ').append(String.format(Locale.ROOT, "%.3g", p.value())));
    average().ifPresent(a -> out.append(String.format(Locale.ROOT, " (average %.3g)", a)));
    return out.toString();
  }
}
