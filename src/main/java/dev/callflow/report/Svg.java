package dev.callflow.report;

import dev.callflow.peer.EventKind;
import dev.callflow.peer.PeerEvent;
import dev.callflow.stats.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Inline SVG pictures for the self-contained HTML report: state swim lanes and line charts. */
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

  private Svg() {}

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String f(double d) {
    return String.format(Locale.ROOT, "%.1f", d);
  }

  /** One lane per peer and state kind; each state a bar from its change to the next. */
  static String swimLanes(List<PeerEvent> events, List<String> peers) {
    if (events.isEmpty()) {
      return "<p>No events.</p>";
    }
    long origin = events.get(0).receivedNanos();
    double end = Math.max(0.001, (events.get(events.size() - 1).receivedNanos() - origin) / 1e9);
    int label = 170;
    int width = 900;
    int lane = 22;
    double scale = (width - label - 10) / end;
    StringBuilder svg = new StringBuilder();
    int row = 0;
    List<String> rows = new ArrayList<>();
    for (String peer : peers) {
      for (Lane kind : LANES) {
        List<PeerEvent> changes = events.stream().filter(e -> e.peer().equals(peer) && e.is(kind.change())).toList();
        int y = 20 + row * lane;
        rows.add("<text x=\"4\" y=\"" + (y + 15) + "\" font-size=\"12\">" + escape(peer + " " + kind.label()) + "</text>");
        for (int i = 0; i < changes.size(); i++) {
          double from = (changes.get(i).receivedNanos() - origin) / 1e9;
          double to = i + 1 < changes.size() ? (changes.get(i + 1).receivedNanos() - origin) / 1e9 : end;
          String state = String.valueOf(changes.get(i).stateName());
          double x = label + from * scale;
          double w = Math.max(2, (to - from) * scale);
          rows.add("<rect x=\"" + f(x) + "\" y=\"" + y + "\" width=\"" + f(w) + "\" height=\"" + (lane - 4)
              + "\" fill=\"" + COLORS.getOrDefault(state, "#adb5bd") + "\"><title>" + escape(peer + " " + kind.label() + ": " + state
              + String.format(Locale.ROOT, " at +%.3fs", from)) + "</title></rect>");
          if (w > 7 * state.length()) {
            rows.add("<text x=\"" + f(x + 3) + "\" y=\"" + (y + 14) + "\" font-size=\"11\">" + escape(state) + "</text>");
          }
        }
        row++;
      }
    }
    int height = 40 + row * lane;
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
        .append("\" role=\"img\" aria-label=\"state changes over time\">");
    rows.forEach(svg::append);
    for (int t = 0; t <= 4; t++) {
      double x = label + (end * t / 4) * scale;
      svg.append("<line x1=\"").append(f(x)).append("\" y1=\"16\" x2=\"").append(f(x)).append("\" y2=\"").append(height - 18)
          .append("\" stroke=\"#ccc\" stroke-dasharray=\"2,3\"/>");
      svg.append("<text x=\"").append(f(x - (t == 4 ? 34 : 12))).append("\" y=\"").append(height - 4).append("\" font-size=\"11\">")
          .append(String.format(Locale.ROOT, "%.2fs", end * t / 4)).append("</text>");
    }
    return svg.append("</svg>").toString();
  }

  /** A small line chart of one metric. */
  static String chart(Metric metric) {
    int width = 420;
    int height = 150;
    int left = 60;
    StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
        + "\" role=\"img\" aria-label=\"" + escape(metric.name()) + "\">");
    svg.append("<text x=\"4\" y=\"14\" font-size=\"12\" font-weight=\"bold\">").append(escape(metric.name())).append("</text>");
    List<Metric.Point> points = metric.points();
    if (points.isEmpty()) {
      return svg.append("<text x=\"").append(left).append("\" y=\"80\" font-size=\"12\">no data</text></svg>").toString();
    }
    double maxX = Math.max(0.001, points.get(points.size() - 1).seconds());
    double maxY = Math.max(1e-9, metric.max().orElse(1));
    svg.append("<line x1=\"").append(left).append("\" y1=\"130\" x2=\"").append(width - 10).append("\" y2=\"130\" stroke=\"#999\"/>");
    svg.append("<line x1=\"").append(left).append("\" y1=\"24\" x2=\"").append(left).append("\" y2=\"130\" stroke=\"#999\"/>");
    String top = metric.max().orElse(0) <= 0 ? "0" : String.format(Locale.ROOT, "%.3g", maxY);
    svg.append("<text x=\"2\" y=\"30\" font-size=\"10\">").append(escape(top)).append("</text>");
    svg.append("<text x=\"2\" y=\"130\" font-size=\"10\">0</text>");
    svg.append("<text x=\"").append(width - 40).append("\" y=\"145\" font-size=\"10\">")
        .append(String.format(Locale.ROOT, "%.1fs", maxX)).append("</text>");
    StringBuilder line = new StringBuilder();
    for (Metric.Point p : points) {
      double x = left + p.seconds() / maxX * (width - left - 10);
      double y = 130 - Math.max(0, p.value()) / maxY * 100;
      line.append(f(x)).append(',').append(f(y)).append(' ');
    }
    svg.append("<polyline fill=\"none\" stroke=\"#0d6efd\" stroke-width=\"2\" points=\"").append(line.toString().trim()).append("\"/>");
    return svg.append("</svg>").toString();
  }
}
