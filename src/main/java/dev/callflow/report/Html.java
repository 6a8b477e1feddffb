package dev.callflow.report;

import dev.callflow.peer.PeerEvent;
import dev.callflow.peer.Timeline;
import dev.callflow.stats.Metric;
import dev.callflow.stats.StatsReport;
import dev.callflow.stats.StatsSeries;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The building blocks the reports' pages share: the page head with its style sheet, times and durations
 * for people, stats charts, enlargeable screenshots and the full event list. Every page is self-contained:
 * inline CSS and SVG, no script, and it fits a phone as well as a desktop.
 */
final class Html {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM uuuu, HH:mm 'UTC'", Locale.ENGLISH)
      .withZone(ZoneOffset.UTC);

  /** A stats chart, drawn when the side had a stream it measures and the metric has a value. */
  private record Chart(String title, Unit unit, Function<StatsSeries, Metric> metric, Predicate<StatsReport> measured) {}

  private static final List<Chart> CHARTS = List.of(
      new Chart("audio received", Unit.BITRATE, s -> s.bitrateIn("audio"), r -> !r.inboundRtp("audio").isEmpty()),
      new Chart("audio sent", Unit.BITRATE, s -> s.bitrateOut("audio"), r -> !r.outboundRtp("audio").isEmpty()),
      new Chart("video received", Unit.BITRATE, s -> s.bitrateIn("video"), r -> !r.inboundRtp("video").isEmpty()),
      new Chart("video sent", Unit.BITRATE, s -> s.bitrateOut("video"), r -> !r.outboundRtp("video").isEmpty()),
      new Chart("video frames decoded", Unit.FRAME_RATE, s -> s.framesPerSecond("video"), r -> !r.inboundRtp("video").isEmpty()),
      new Chart("audio packets lost", Unit.PACKET_RATE, s -> s.packetsLostPerSecond("audio"), r -> !r.inboundRtp("audio").isEmpty()),
      new Chart("video packets lost", Unit.PACKET_RATE, s -> s.packetsLostPerSecond("video"), r -> !r.inboundRtp("video").isEmpty()),
      new Chart("round-trip time", Unit.SECONDS, StatsSeries::roundTripTime, r -> true));

  private Html() {}

  /** {@return the text escaped for HTML and XML; null as empty} */
  static String e(String s) {
    return Svg.escape(s == null ? "" : s);
  }

  /** {@code 30 Nov 2026, 03:12 UTC}. */
  static String when(Instant instant) {
    return WHEN.format(instant);
  }

  /** {@code 850 ms}, {@code 15.8 s}, {@code 20 s}, {@code 2 min 5 s}, {@code 1 h 2 min}. */
  static String duration(long ms) {
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0).replace(".0 s", " s");
    }
    long s = Math.round(ms / 1000.0);
    return s < 3600 ? s / 60 + " min " + s % 60 + " s" : s / 3600 + " h " + s % 3600 / 60 + " min";
  }

  /** The start of a page, up to and including {@code <body>}: the style sheet of every report page. */
  static String head(String title) {
    return "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/><title>" + e(title) + "</title><style>"
        + "body{font:14px/1.45 system-ui,sans-serif;margin:20px auto;padding:0 16px;max-width:1200px;color:#222}"
        + "h1{font-size:24px;margin:8px 0}h2{font-size:19px;margin:28px 0 8px}h3{font-size:15px}a{color:#0b5ed7}"
        + "h4{font-size:14px;margin:14px 0 6px}"
        + ".scroll{overflow-x:auto;max-width:100%}table{border-collapse:collapse}"
        + "td,th{border:1px solid #ccc;padding:6px 10px;text-align:left;vertical-align:top}td small{color:#444}"
        + ".pass{background:#d1f0da}.fail{background:#f8d7da}.diff{background:#fff3cd}.abort{background:#e9ecef}.na{background:#e9ecef;color:#555}"
        + "p.pass,p.fail,p.diff,p.abort{padding:6px 10px}"
        + ".facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:12px 0}.facts dt{color:#555}"
        + ".facts dd{margin:0;overflow-wrap:anywhere}"
        + "pre{background:#f6f8fa;padding:8px;overflow:auto;max-height:420px;font-size:12px}"
        + "pre.wrap{white-space:pre-wrap;overflow-wrap:anywhere;max-height:none}"
        + ".events{background:#f6f8fa;padding:8px;font:12px/1.4 monospace}"
        + ".events div{padding-left:3em;text-indent:-3em;white-space:pre-wrap;overflow-wrap:anywhere}"
        + "svg.lanes{min-width:760px;display:block}.note{color:#555;font-size:13px}"
        + ".charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:12px}.charts svg{display:block}"
        + ".shots{display:flex;flex-wrap:wrap;gap:12px}.shot{margin:0;flex:1 1 260px;max-width:440px}"
        + ".shot img{width:100%;border:1px solid #ccc;cursor:zoom-in}.shot .close{display:none}"
        + ".shot:target{position:fixed;inset:0;max-width:none;margin:0;z-index:9;background:rgba(0,0,0,.88);display:flex;"
        + "flex-direction:column;align-items:center;justify-content:center}"
        + ".shot:target img{width:auto;max-width:96vw;max-height:88vh;border:0}.shot:target .open{pointer-events:none}"
        + ".shot:target .close{display:block;position:absolute;inset:0;color:#fff;text-align:right;padding:10px 18px;font-size:16px}"
        + ".shot:target figcaption{color:#fff}"
        + ".sdp{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:12px}.sdp pre{margin:0}.sdp h4{margin:0 0 4px}"
        + "pre.message{white-space:pre-wrap;overflow-wrap:anywhere;max-height:28em}"
        + "section.test{border-top:3px solid #dc3545;margin-top:40px}section.test>h2{margin-top:12px;overflow-wrap:anywhere}"
        + "table.tests{width:100%}table.tests td{overflow-wrap:anywhere}table.tests th.class{background:#f6f8fa}"
        + "summary{cursor:pointer;margin:8px 0}"
        + ".narrow{display:none}@media (max-width:800px){.narrow{display:block}.sdp{grid-template-columns:minmax(0,1fr)}}"
        + "@media (max-width:600px){body{margin:8px auto;padding:0 8px;font-size:13px}h1{font-size:20px}"
        + "td,th{padding:4px 6px}"
        // The tests' table becomes one card per test, each cell a line, named where the heading is gone.
        + "table.tests thead{display:none}table.tests,table.tests tbody,table.tests tr,table.tests td,table.tests th{display:block}"
        + "table.tests tr{margin-bottom:6px}table.tests td{border-width:0 1px}table.tests td:first-child{border-top-width:1px}"
        + "table.tests td:last-child{border-bottom-width:1px}table.tests td[data-label]::before{content:attr(data-label) \": \";color:#555}}"
        + "</style></head><body>";
  }

  /** A term and its description in a {@code <dl class="facts">}; the description is HTML. */
  static void fact(StringBuilder h, String name, String html) {
    h.append("<dt>").append(name).append("</dt><dd>").append(html).append("</dd>");
  }

  /** The link from the report folder to another folder: relative where it can be, so the two can move together. */
  static String link(Path folder, Path target) {
    boolean same = target.toAbsolutePath().normalize().equals(folder.toAbsolutePath().normalize());
    return same ? "./" : relative(folder, target) + "/";
  }

  /** The link from the report folder to a file or folder, without a trailing slash; {@code .} for the folder itself. */
  static String relative(Path folder, Path target) {
    Path from = folder.toAbsolutePath().normalize();
    Path to = target.toAbsolutePath().normalize();
    try {
      String relative = from.getRoot().equals(to.getRoot()) ? from.relativize(to).toString().replace('\\', '/') : null;
      return relative == null ? to.toUri().toString() : new URI(null, null, relative.isEmpty() ? "." : relative, null).toASCIIString();
    } catch (URISyntaxException e) {
      return to.toUri().toString();
    }
  }

  /**
   * The charts of the metrics a stats series has values for: bitrates, frames and packets lost per second,
   * round-trip time; empty when there are none.
   */
  static String charts(StatsSeries series) {
    StringBuilder drawn = new StringBuilder();
    for (Chart chart : CHARTS) {
      Metric metric = chart.metric().apply(series);
      if (!metric.points().isEmpty() && series.samples().stream().anyMatch(chart.measured())) {
        drawn.append(Svg.chart(chart.title(), metric, chart.unit()));
      }
    }
    return drawn.length() == 0 ? "" : "<div class=\"charts\">" + drawn + "</div>";
  }

  /**
   * Thumbnails that open full size on a click (CSS {@code :target}, no script) and close on another.
   *
   * @param ids what makes the figures' ids unique on the page, e.g. {@code shot-} or a test's anchor
   * @param back where closing goes, e.g. {@code #screenshots}
   * @param sources each peer's picture, as a data URI or a link, by peer name
   */
  static void screenshots(StringBuilder h, String ids, String back, Map<String, String> sources) {
    h.append("<div class=\"shots\">");
    sources.forEach((peer, src) -> {
      String id = e(ids + peer);
      h.append("<figure class=\"shot\" id=\"").append(id).append("\"><a class=\"open\" href=\"#").append(id)
          .append("\" title=\"enlarge\"><img alt=\"").append(e(peer)).append(" screenshot\" src=\"").append(e(src))
          .append("\"/></a><a class=\"close\" href=\"").append(e(back)).append("\">close ×</a>")
          .append("<figcaption>").append(e(peer)).append("</figcaption></figure>");
    });
    h.append("</div>");
  }

  /** {@return a PNG as a data URI, for a page that must open on its own} */
  static String dataUri(byte[] png) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
  }

  /** Every event, each in full, in the timeline's order: {@code +1.234s caller/pc1 signalingstatechange have-local-offer}. */
  static String events(List<PeerEvent> events, long origin) {
    StringBuilder out = new StringBuilder();
    for (PeerEvent event : Timeline.of(events).events()) {
      out.append(String.format(Locale.ROOT, "+%.3fs %s%n", (event.receivedNanos() - origin) / 1e9, event.describeInFull()));
    }
    return out.length() == 0 ? "(no events)" : out.toString();
  }

  /**
   * The event list: one block per event, wrapped with a hanging indent so that a long one (a whole SDP)
   * does not hide where the next begins.
   */
  static void eventList(StringBuilder h, List<PeerEvent> events, long origin) {
    h.append("<div class=\"events\">");
    events(events, origin).lines().forEach(line -> h.append("<div>").append(e(line)).append("</div>"));
    h.append("</div>");
  }
}
