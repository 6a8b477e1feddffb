package dev.callflow.assertions;

import static dev.callflow.internal.assertions.ShouldHaveBitrateBetween.shouldHaveBitrateBetween;
import static dev.callflow.internal.assertions.ShouldHavePacketLossBelow.shouldHavePacketLossBelow;

import dev.callflow.stats.Metric;
import dev.callflow.stats.StatsSeries;
import org.assertj.core.api.AbstractAssert;

/** Assertions on getStats() samples taken over time. */
public class StatsSeriesAssert extends AbstractAssert<StatsSeriesAssert, StatsSeries> {
  public StatsSeriesAssert(StatsSeries actual) {
    super(actual, StatsSeriesAssert.class);
  }

  /** The average received bitrate of this kind lies between the bounds, bit/s. */
  public StatsSeriesAssert hasBitrateInBetween(String kind, double min, double max) {
    return bitrateBetween(actual.bitrateIn(kind), min, max);
  }

  /** The average sent bitrate of this kind lies between the bounds, bit/s. */
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

  /** Inbound packets of this kind lost over the series, as a share of those expected, stays under {@code maxRatio}. */
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
