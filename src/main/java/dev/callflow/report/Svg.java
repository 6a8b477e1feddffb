package dev.callflow.report;

import dev.callflow.peer.EventKind;
import dev.callflow.peer.PeerEvent;
import dev.callflow.stats.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Inline SVG pictures for the self-contained HTML report: state swim lanes and line charts. Each has a
 * {@code viewBox} and a width of 100%, so it scales with the page; every axis is labelled in the units
 * {@link Unit} writes.
 */
final class Svg {
  private record Lane(EventKind change, String label) {}

  private static final List<Lane> LANES = List.of(new Lane(EventKind.SIGNALING_STATE_CHANGE, "signaling"),
      new Lane(EventKind.ICE_GATHERING_STATE_CHANGE, "ICE gathering"),
      new Lane(EventKind.ICE_CONNECTION_STATE_CHANGE, "ICE connection"), new Lane(EventKind.CONNECTION_STATE_CHANGE, "connection"));
  private static final Map<String, String> COLORS = Map.ofEntries(
      Map.entry("new", "#d0d0d0"), Map.entry("stable", "#8fd19e"), Map.entry("have-local-offer", "#9ec5fe"),
      Map.entry("have-remote-offer", "#9ec5fe"), Map.entry("gathering", "#ffe08a"), Map.entry("complete", "#8fd19e"),
      Map.entry("checking", "#ffe08a"), Map.entry("connecting", "#ffe08a"), Map.entry("connected", "#3cb371"),
      Map.entry("completed", "#3cb371"), Map.entry("disconnected", "#fd9843"), Map.entry("failed", "#dc3545"),
      Map.entry("closed", "#6c757d"));
  /** The swim lanes' size in the viewBox: the label column, the right margin for the last tick label, one lane. */
  private static final int LANES_WIDTH = 900;
  private static final int LABELS = 150;
  private static final int RIGHT = 30;
  private static final int LANE = 22;
  /** A chart's size in the viewBox and its plot area. */
  private static final int CHART_WIDTH = 420;
  private static final int PLOT_LEFT = 74;
  private static final int PLOT_RIGHT = 405;
  private static final int PLOT_TOP = 30;
  private static final int PLOT_BOTTOM = 140;

  private Svg() {}

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String f(double d) {
    return String.format(Locale.ROOT, "%.1f", d);
  }

  /** {@code +1.234 s}: a moment counted from the page's origin, as in the event list. */
  static String at(long nanos, long origin) {
    return String.format(Locale.ROOT, "+%.3f s", (nanos - origin) / 1e9);
  }

  /**
   * Where the swim lanes' axis starts: the first {@code createOffer} or state change, whichever is first;
   * the first event if there is neither. Page loads, the probe's hello, getUserMedia and the creation of
   * the connections come before, change no lane, and took half the picture when the axis began with them.
   */
  static long axisStart(List<PeerEvent> events) {
    return events.stream().filter(e -> isLaneChange(e) || e.is(EventKind.CALL) && "createOffer".equals(e.method()))
        .mapToLong(PeerEvent::receivedNanos).min()
        .orElseGet(() -> events.stream().mapToLong(PeerEvent::receivedNanos).min().orElse(0));
  }

  private static boolean isLaneChange(PeerEvent e) {
    return LANES.stream().anyMatch(lane -> e.is(lane.change()));
  }

  /**
   * One lane per peer and state kind, each state a bar from its change to the next; the last state lasts
   * to the end, which is the flow's end (its failure, for a failed wait) or the last event if that came later.
   * A long stretch without a change is cut short ({@link TimeAxis}) and marked with its length.
   *
   * @param origin the moment times are counted from ({@code +0 s}), as in the event list
   * @param endNanos when the flow returned or failed, marked with a line
   * @param failed whether it failed, for the mark's label and colour
   */
  static String swimLanes(List<PeerEvent> events, List<String> peers, long origin, long endNanos, boolean failed) {
    return swimLanes(events, peers, PeerEvent::peer, origin, endNanos, failed);
  }

  /**
   * The swim lanes of {@link #swimLanes(List, List, long, long, boolean)}, grouped by what {@code owner} says an
   * event belongs to, e.g. {@code alice/pc1} for one lane group per connection; the label column widens for long names.
   *
   * @param owners the lane groups, in order, as {@code owner} names them
   * @param owner the group an event belongs to
   */
  static String swimLanes(List<PeerEvent> events, List<String> owners, Function<PeerEvent, String> owner, long origin, long endNanos,
      boolean failed) {
    if (events.isEmpty()) {
      return "<p>No events.</p>";
    }
    int longest = owners.stream().mapToInt(o -> (o + " ICE connection").length()).max().orElse(0);
    int labelWidth = Math.max(LABELS, (int) Math.ceil(longest * 6.6) + 8);
    long from = axisStart(events);
    long to = Math.max(endNanos, events.stream().mapToLong(PeerEvent::receivedNanos).max().orElse(endNanos));
    List<Long> moments = new ArrayList<>(events.stream().filter(Svg::isLaneChange).map(PeerEvent::receivedNanos).toList());
    moments.add(endNanos);
    TimeAxis axis = TimeAxis.of(from, to, moments, labelWidth, LANES_WIDTH - labelWidth - RIGHT);
    int height = 20 + owners.size() * LANES.size() * LANE + 24;
    StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lanes\" viewBox=\"0 0 " + LANES_WIDTH
        + " " + height + "\" width=\"100%\" role=\"img\" aria-label=\"state changes over time\">");
    ticks(svg, axis, origin, height);
    // Labels go on top of the cut marks, and let the pointer through to their bar's tooltip.
    StringBuilder labels = new StringBuilder();
    int row = 0;
    for (String peer : owners) {
      for (Lane lane : LANES) {
        int y = 20 + row++ * LANE;
        svg.append("<text x=\"4\" y=\"").append(y + 14).append("\" font-size=\"12\">").append(escape(peer + " " + lane.label()))
            .append("</text>");
        List<PeerEvent> changes = events.stream().filter(e -> e.is(lane.change()) && peer.equals(owner.apply(e))).toList();
        for (int i = 0; i < changes.size(); i++) {
          long start = changes.get(i).receivedNanos();
          long end = i + 1 < changes.size() ? changes.get(i + 1).receivedNanos() : to;
          String state = String.valueOf(changes.get(i).stateName());
          double x = axis.x(start);
          double width = Math.max(2, axis.x(end) - x);
          bar(svg, peer + " " + lane.label(), state, start, end, origin, x, width, y);
          if (width > 6.5 * state.length() + 6) {
            labels.append("<text x=\"").append(f(x + 3)).append("\" y=\"").append(y + 13)
                .append("\" font-size=\"11\" pointer-events=\"none\">").append(escape(state)).append("</text>");
          }
        }
      }
    }
    cuts(svg, axis, height);
    svg.append(labels);
    double x = axis.x(endNanos);
    String color = failed ? "#dc3545" : "#6c757d";
    svg.append("<line x1=\"").append(f(x)).append("\" y1=\"14\" x2=\"").append(f(x)).append("\" y2=\"").append(height - 22)
        .append("\" stroke=\"").append(color).append("\" stroke-width=\"2\"><title>").append(failed ? "failed" : "ended")
        .append(' ').append(at(endNanos, origin)).append("</title></line>");
    boolean nearStart = x < labelWidth + 130;
    svg.append("<text x=\"").append(f(nearStart ? x + 4 : x - 4)).append("\" y=\"11\" font-size=\"11\" text-anchor=\"")
        .append(nearStart ? "start" : "end").append("\" fill=\"").append(color)
        .append("\">").append(failed ? "failed " : "ended ").append(at(endNanos, origin)).append("</text>");
    return svg.append("</svg>").toString();
  }

  /** A state's bar; its tooltip names the state, its start and how long it lasted. */
  private static void bar(StringBuilder svg, String lane, String state, long start, long end, long origin, double x, double width,
      int y) {
    svg.append("<rect x=\"").append(f(x)).append("\" y=\"").append(y).append("\" width=\"").append(f(width)).append("\" height=\"")
        .append(LANE - 4).append("\" fill=\"").append(COLORS.getOrDefault(state, "#adb5bd")).append("\"><title>")
        .append(escape(lane + ": " + state + ", " + at(start, origin) + " for " + Unit.SECONDS.format((end - start) / 1e9)))
        .append("</title></rect>");
  }

  /** Dashed lines at round times across the lanes, labelled below in seconds from the origin; none in or next to a cut. */
  private static void ticks(StringBuilder svg, TimeAxis axis, long origin, int height) {
    double step = niceStep(80 / axis.pxPerSecond(), 1);
    List<TimeAxis.Stretch> cuts = axis.stretches().stream().filter(TimeAxis.Stretch::cut).toList();
    for (TimeAxis.Stretch s : axis.stretches()) {
      if (s.cut()) {
        continue;
      }
      long last = (long) Math.floor((s.to() - origin) / 1e9 / step + 1e-6);
      for (long i = (long) Math.ceil((s.from() - origin) / 1e9 / step - 1e-6); i <= last; i++) {
        double x = s.x(origin + Math.round(i * step * 1e9));
        if (cuts.stream().anyMatch(c -> Math.abs(x - (c.x0() + c.x1()) / 2) < 45)) {
          continue;
        }
        svg.append("<line x1=\"").append(f(x)).append("\" y1=\"16\" x2=\"").append(f(x)).append("\" y2=\"").append(height - 20)
            .append("\" stroke=\"#bbb\" stroke-dasharray=\"2,3\"/><text x=\"").append(f(x)).append("\" y=\"").append(height - 6)
            .append("\" font-size=\"11\" text-anchor=\"middle\">").append(seconds(i * step, step)).append("</text>");
      }
    }
  }

  /** A cut stretch: a white double slash through the lanes, and below it how long the stretch really was. */
  private static void cuts(StringBuilder svg, TimeAxis axis, int height) {
    for (TimeAxis.Stretch c : axis.stretches()) {
      if (!c.cut()) {
        continue;
      }
      double mid = (c.x0() + c.x1()) / 2;
      String length = Unit.SECONDS.format((c.to() - c.from()) / 1e9);
      svg.append("<g><title>").append(escape(length + " without a state change, drawn short")).append("</title>");
      for (double dx : new double[] {-4, 4}) {
        svg.append("<line x1=\"").append(f(mid + dx - 5)).append("\" y1=\"").append(height - 22).append("\" x2=\"")
            .append(f(mid + dx + 5)).append("\" y2=\"16\" stroke=\"#fff\" stroke-width=\"3\"/>");
      }
      svg.append("<text x=\"").append(f(mid)).append("\" y=\"").append(height - 6).append("\" font-size=\"11\" text-anchor=\"middle\" ")
          .append("fill=\"#555\">⋯ ").append(escape(length)).append(" ⋯</text></g>");
    }
  }

  /**
   * {@return a round step (1, 2 or 5 times a power of ten) that cuts this range into at most {@code most} parts}
   *
   * @param range the range, more than 0
   * @param most the most parts
   */
  static double niceStep(double range, int most) {
    double rough = Math.max(range, 1e-9) / most;
    double power = Math.pow(10, Math.floor(Math.log10(rough)));
    for (double m : new double[] {1, 2, 5}) {
      if (m * power >= rough * 0.9999) {
        return m * power;
      }
    }
    return 10 * power;
  }

  /** A tick's time: {@code 1.2 s} with as many decimals as the step needs, in ms for steps below 10 ms; {@code 0} for zero. */
  static String seconds(double t, double step) {
    if (Math.abs(t) < step / 1000) {
      return "0";
    }
    if (step < 0.00999) {
      return String.format(Locale.ROOT, "%.0f ms", t * 1000);
    }
    int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
    return String.format(Locale.ROOT, "%." + decimals + "f s", t);
  }

  /**
   * A line chart of one metric: round ticks on both axes, the values in this unit, the time in seconds
   * since the first sample, and the average in the title.
   */
  static String chart(String title, Metric metric, Unit unit) {
    StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 " + CHART_WIDTH
        + " 165\" width=\"100%\" role=\"img\" aria-label=\"" + escape(title) + "\">");
    svg.append("<text x=\"4\" y=\"14\" font-size=\"13\" font-weight=\"bold\">").append(escape(title)).append("</text>");
    List<Metric.Point> points = metric.points();
    if (points.isEmpty()) {
      return svg.append("<text x=\"").append(PLOT_LEFT).append("\" y=\"80\" font-size=\"12\">no data</text></svg>").toString();
    }
    svg.append("<text x=\"").append(PLOT_RIGHT).append("\" y=\"14\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">average ")
        .append(unit.format(metric.average().orElse(0))).append("</text>");
    double maxX = Math.max(0.001, points.get(points.size() - 1).seconds());
    // All zero (no packet lost): a scale up to 1 rather than one that rounds every label to 0.
    double highest = metric.max().orElse(0) > 0 ? metric.max().getAsDouble() : 1;
    double yStep = niceStep(highest, 4);
    double maxY = Math.ceil(highest / yStep - 1e-9) * yStep;
    double plotHeight = PLOT_BOTTOM - PLOT_TOP;
    for (int i = 0; i * yStep <= maxY * (1 + 1e-6); i++) {
      double v = i * yStep;
      double y = PLOT_BOTTOM - v / maxY * plotHeight;
      svg.append("<line x1=\"").append(PLOT_LEFT).append("\" y1=\"").append(f(y)).append("\" x2=\"").append(PLOT_RIGHT)
          .append("\" y2=\"").append(f(y)).append("\" stroke=\"").append(v == 0 ? "#999" : "#e3e3e3").append("\"/>");
      svg.append("<text x=\"").append(PLOT_LEFT - 4).append("\" y=\"").append(f(y + 4)).append("\" font-size=\"10\" text-anchor=\"end\">")
          .append(escape(unit.format(v))).append("</text>");
    }
    double xStep = niceStep(maxX, 5);
    for (int i = 0; i * xStep <= maxX * (1 + 1e-6); i++) {
      double t = i * xStep;
      double x = PLOT_LEFT + t / maxX * (PLOT_RIGHT - PLOT_LEFT);
      svg.append("<text x=\"").append(f(x)).append("\" y=\"").append(PLOT_BOTTOM + 14).append("\" font-size=\"10\" text-anchor=\"middle\">")
          .append(seconds(t, xStep)).append("</text>");
    }
    svg.append("<line x1=\"").append(PLOT_LEFT).append("\" y1=\"").append(PLOT_TOP).append("\" x2=\"").append(PLOT_LEFT)
        .append("\" y2=\"").append(PLOT_BOTTOM).append("\" stroke=\"#999\"/>");
    StringBuilder line = new StringBuilder();
    StringBuilder dots = new StringBuilder();
    for (Metric.Point p : points) {
      String x = f(PLOT_LEFT + p.seconds() / maxX * (PLOT_RIGHT - PLOT_LEFT));
      String y = f(PLOT_BOTTOM - Math.max(0, p.value()) / maxY * plotHeight);
      line.append(line.length() == 0 ? "" : " ").append(x).append(',').append(y);
      dots.append("<circle cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"2.5\" fill=\"#0d6efd\"><title>")
          .append(seconds(p.seconds(), 0.01)).append(": ").append(escape(unit.format(p.value()))).append("</title></circle>");
    }
    svg.append("<polyline fill=\"none\" stroke=\"#0d6efd\" stroke-width=\"2\" points=\"").append(line).append("\"/>").append(dots);
    return svg.append("</svg>").toString();
  }
}
