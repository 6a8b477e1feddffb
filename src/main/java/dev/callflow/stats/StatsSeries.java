package dev.callflow.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * getStats() snapshots of one connection over time, and the rates derived from them, using the
 * browser's own timestamps.
 *
 * <pre>{@code
 * StatsSeries series = call.callee().sampleStats(Duration.ofMillis(250), Duration.ofSeconds(2));
 * series.bitrateIn("video").average();      // bit/s
 * series.packetLossRatio("audio");          // 0.0 .. 1.0
 * }</pre>
 */
public final class StatsSeries {
  private final List<StatsReport> samples;

  private StatsSeries(List<StatsReport> samples) {
    this.samples = List.copyOf(samples);
  }

  /**
   * {@return a series of these reports; the list is copied}
   *
   * @param samples reports of one connection, oldest first
   */
  public static StatsSeries of(List<StatsReport> samples) {
    return new StatsSeries(samples);
  }

  /** {@return the reports, oldest first} */
  public List<StatsReport> samples() {
    return samples;
  }

  /** {@return the seconds between the first and the last sample, by the browser's clock; 0 with fewer than two} */
  public double seconds() {
    return samples.size() < 2 ? 0 : (samples.get(samples.size() - 1).timestamp() - samples.get(0).timestamp()) / 1000;
  }

  private double at(StatsReport r) {
    return (r.timestamp() - samples.get(0).timestamp()) / 1000;
  }

  /**
   * {@return a value per sample} A sample whose value is {@code NaN} (not reported) has no point.
   *
   * @param name what is measured, with its unit, e.g. {@code audio level (0..1)}
   * @param value reads the value from one report
   */
  public Metric gauge(String name, ToDoubleFunction<StatsReport> value) {
    List<Metric.Point> points = new ArrayList<>();
    for (StatsReport r : samples) {
      double v = value.applyAsDouble(r);
      if (!Double.isNaN(v)) {
        points.add(new Metric.Point(at(r), v));
      }
    }
    return new Metric(name, points);
  }

  /**
   * {@return the per-second change of a counter between consecutive samples, one point per interval}
   *
   * @param name what is measured, with its unit, e.g. {@code frames sent (1/s)}
   * @param counter reads the counter from one report
   */
  public Metric rate(String name, ToDoubleFunction<StatsReport> counter) {
    List<Metric.Point> points = new ArrayList<>();
    for (int i = 1; i < samples.size(); i++) {
      StatsReport a = samples.get(i - 1);
      StatsReport b = samples.get(i);
      double dt = (b.timestamp() - a.timestamp()) / 1000;
      if (dt > 0) {
        points.add(new Metric.Point(at(b), (counter.applyAsDouble(b) - counter.applyAsDouble(a)) / dt));
      }
    }
    return new Metric(name, points);
  }

  /**
   * {@return the change of a counter from the first sample to the last; 0 with fewer than two samples}
   *
   * @param counter reads the counter from one report
   */
  public double delta(ToDoubleFunction<StatsReport> counter) {
    return samples.size() < 2 ? 0 : counter.applyAsDouble(samples.get(samples.size() - 1)) - counter.applyAsDouble(samples.get(0));
  }

  /**
   * {@return the bitrate received over all inbound streams of this kind, in bits per second}
   *
   * @param kind {@code audio} or {@code video}
   */
  public Metric bitrateIn(String kind) {
    return rate(kind + " bitrate in (bit/s)", r -> r.inboundBytes(kind) * 8.0);
  }

  /**
   * {@return the bitrate sent over all outbound streams of this kind, in bits per second}
   *
   * @param kind {@code audio} or {@code video}
   */
  public Metric bitrateOut(String kind) {
    return rate(kind + " bitrate out (bit/s)", r -> r.outboundBytes(kind) * 8.0);
  }

  /**
   * {@return the bitrate received for one remote track, in bits per second}
   *
   * @param trackIdentifier the inbound-rtp {@code trackIdentifier}, i.e. the remote track's id on this side
   */
  public Metric bitrateInOfTrack(String trackIdentifier) {
    return rate("bitrate in of track " + trackIdentifier + " (bit/s)", r -> r.inboundRtp().stream()
        .filter(s -> s.trackIdentifier().filter(trackIdentifier::equals).isPresent())
        .mapToLong(s -> s.bytesReceived().orElse(0)).sum() * 8.0);
  }

  /**
   * {@return inbound packets of this kind lost per second}
   *
   * @param kind {@code audio} or {@code video}
   */
  public Metric packetsLostPerSecond(String kind) {
    return rate(kind + " packets lost (1/s)", r -> sum(r.inboundRtp(kind), s -> s.packetsLost().orElse(0)));
  }

  /**
   * {@return frames decoded per second, from inbound-rtp framesDecoded}
   *
   * @param kind {@code video} (audio streams report no frames)
   */
  public Metric framesPerSecond(String kind) {
    return rate(kind + " frames decoded (1/s)", r -> sum(r.inboundRtp(kind), s -> s.framesDecoded().orElse(0)));
  }

  /**
   * {@return the highest jitter of the inbound streams of this kind at each sample, in seconds}
   *
   * @param kind {@code audio} or {@code video}
   */
  public Metric jitter(String kind) {
    return gauge(kind + " jitter (s)", r -> r.inboundRtp(kind).stream()
        .mapToDouble(s -> s.jitter().orElse(Double.NaN)).filter(d -> !Double.isNaN(d)).max().orElse(Double.NaN));
  }

  /** {@return the selected pair's current round-trip time at each sample, in seconds} */
  public Metric roundTripTime() {
    return gauge("round-trip time (s)", r -> r.selectedCandidatePair()
        .map(p -> p.currentRoundTripTime().orElse(Double.NaN)).orElse(Double.NaN));
  }

  /**
   * {@return inbound packets of this kind lost from the first sample to the last}
   *
   * @param kind {@code audio} or {@code video}
   */
  public long packetsLost(String kind) {
    return (long) delta(r -> sum(r.inboundRtp(kind), s -> s.packetsLost().orElse(0)));
  }

  /**
   * {@return inbound packets of this kind received from the first sample to the last}
   *
   * @param kind {@code audio} or {@code video}
   */
  public long packetsReceived(String kind) {
    return (long) delta(r -> sum(r.inboundRtp(kind), s -> s.packetsReceived().orElse(0)));
  }

  /**
   * {@return packets lost out of packets expected, first sample to last, for inbound streams of this kind}
   * 0 to 1; 0 when nothing was expected.
   *
   * @param kind {@code audio} or {@code video}
   */
  public double packetLossRatio(String kind) {
    double lost = packetsLost(kind);
    double received = packetsReceived(kind);
    return lost + received <= 0 ? 0 : lost / (lost + received);
  }

  private static double sum(List<InboundRtpStats> streams, java.util.function.ToLongFunction<InboundRtpStats> f) {
    return streams.stream().mapToLong(f).sum();
  }
}
