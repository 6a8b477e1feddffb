package dev.callflow.assertions;

import static dev.callflow.internal.assertions.ShouldHaveBitrateBetween.shouldHaveBitrateBetween;
import static dev.callflow.internal.assertions.ShouldHavePacketLossBelow.shouldHavePacketLossBelow;

import dev.callflow.stats.Metric;
import dev.callflow.stats.StatsSeries;
import org.assertj.core.api.AbstractAssert;

/** Assertions on getStats() samples taken over time. */
public class StatsSeriesAssert extends AbstractAssert<StatsSeriesAssert, StatsSeries> {
  /**
   * Assertions on this series; {@link CallflowAssertions#assertThat(StatsSeries)} or
   * {@link PeerConnectionAssert#statsOver} are the usual ways in.
   *
   * @param actual the series, checked for null by each assertion
   */
  public StatsSeriesAssert(StatsSeries actual) {
    super(actual, StatsSeriesAssert.class);
  }

  /**
   * The average received bitrate of this kind lies between the bounds.
   *
   * @param kind {@code audio} or {@code video}
   * @param min the lowest average allowed, in bits per second
   * @param max the highest average allowed, in bits per second
   * @return this assertion, to chain more
   * @throws AssertionError if the average is outside, or the series has fewer than two samples
   */
  public StatsSeriesAssert hasBitrateInBetween(String kind, double min, double max) {
    return bitrateBetween(actual.bitrateIn(kind), min, max);
  }

  /**
   * The average sent bitrate of this kind lies between the bounds.
   *
   * @param kind {@code audio} or {@code video}
   * @param min the lowest average allowed, in bits per second
   * @param max the highest average allowed, in bits per second
   * @return this assertion, to chain more
   * @throws AssertionError if the average is outside, or the series has fewer than two samples
   */
  public StatsSeriesAssert hasBitrateOutBetween(String kind, double min, double max) {
    return bitrateBetween(actual.bitrateOut(kind), min, max);
  }

  private StatsSeriesAssert bitrateBetween(Metric metric, double min, double max) {
    isNotNull();
    double average = metric.average().orElse(0);
    if (metric.points().isEmpty() || average < min || average > max) {
      throwAssertionError(shouldHaveBitrateBetween(metric.name(), min, max, average,
          metric.points().isEmpty() ? "(fewer than two samples)" : metric.toString()));
    }
    return this;
  }

  /**
   * Inbound packets of this kind lost over the series, as a share of those expected, stays under {@code maxRatio}.
   *
   * @param kind {@code audio} or {@code video}
   * @param maxRatio the share of lost packets allowed, 0 to 1, exclusive: e.g. 0.01 for under 1 %
   * @return this assertion, to chain more
   * @throws AssertionError if the share reaches {@code maxRatio}, or no packet arrived at all
   */
  public StatsSeriesAssert hasPacketLossBelow(String kind, double maxRatio) {
    isNotNull();
    double ratio = actual.packetLossRatio(kind);
    long lost = actual.packetsLost(kind);
    long received = actual.packetsReceived(kind);
    // No packet at all is no evidence of low loss.
    if (ratio >= maxRatio || lost + received <= 0) {
      throwAssertionError(shouldHavePacketLossBelow("inbound " + kind, maxRatio, ratio, lost, received));
    }
    return this;
  }
}
