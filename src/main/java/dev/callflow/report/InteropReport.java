package dev.callflow.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callflow.browser.BrowserInfo;
import dev.callflow.interop.ScenarioResult;
import dev.callflow.peer.PeerEvent;
import dev.callflow.peer.Timeline;
import dev.callflow.stats.Metric;
import dev.callflow.stats.StatsReport;
import dev.callflow.stats.StatsSeries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Writes an interop run's reports: {@code report.json} (documented in README), {@code index.html}
 * (the matrix) and one self-contained page per scenario and pair under {@code scenarios/}, each of
 * which opens from disk with no network: pictures are inline SVG, screenshots data URIs, and the
 * pages fit a phone as well as a desktop.
 */
public final class InteropReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
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

  private InteropReport() {}

  /**
   * Writes the reports into this folder, creating it if needed; files already there are overwritten.
   *
   * @param folder the report folder, e.g. {@code target/callflow-interop}
   * @param run the run as a whole: when, where, the browsers, the baseline
   * @param results every result, in the order played
   * @throws java.io.UncheckedIOException if the folder or a file cannot be written
   */
  public static void write(Path folder, RunInfo run, List<ScenarioResult> results) {
    try {
      Files.createDirectories(folder.resolve("scenarios"));
      Files.writeString(folder.resolve("report.json"), json(run, results));
      Files.writeString(folder.resolve("index.html"), index(folder, run, results), StandardCharsets.UTF_8);
      for (ScenarioResult r : results) {
        Files.writeString(folder.resolve("scenarios").resolve(r.slug() + ".html"), page(r), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the interop report to " + folder, e);
    }
  }

  static String json(RunInfo run, List<ScenarioResult> results) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("startedAt", run.started().toString());
    root.put("durationMs", run.durationMs());
    root.put("callflowVersion", run.callflowVersion()).put("host", run.host()).put("os", run.os());
    root.put("baseline", run.baseline().map(Path::toString).orElse(null));
    ArrayNode b = root.putArray("browsers");
    for (BrowserInfo info : run.browsers()) {
      b.addObject().put("name", info.type().id()).put("version", info.version()).put("driverVersion", info.driverVersion());
    }
    ArrayNode list = root.putArray("results");
    for (ScenarioResult r : results) {
      ObjectNode o = list.addObject();
      o.put("scenario", r.scenario()).put("caller", r.caller().id()).put("callee", r.callee().id())
          .put("status", r.passed() ? "passed" : "failed").put("durationMs", r.durationMs());
      if (r.connectedMs() >= 0) {
        o.put("connectedMs", r.connectedMs());
      } else {
        o.putNull("connectedMs");
      }
      r.codecs().forEach(o.putArray("codecs")::add);
      o.put("candidateTypes", r.candidateTypes()).put("message", r.message());
      r.baselineChanges().forEach(o.putArray("baselineChanges")::add);
      o.put("page", "scenarios/" + r.slug() + ".html");
    }
    root.putObject("summary").put("passed", results.stream().filter(ScenarioResult::passed).count())
        .put("failed", results.stream().filter(r -> !r.passed()).count())
        .put("baselineChanges", results.stream().mapToInt(r -> r.baselineChanges().size()).sum());
    return JSON.writeValueAsString(root);
  }

  private static String e(String s) {
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

  private static String head(String title) {
    return "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/><title>" + e(title) + "</title><style>"
        + "body{font:14px/1.45 system-ui,sans-serif;margin:20px auto;padding:0 16px;max-width:1200px;color:#222}"
        + "h1{font-size:24px;margin:8px 0}h2{font-size:19px;margin:28px 0 8px}h3{font-size:15px}a{color:#0b5ed7}"
        + ".scroll{overflow-x:auto;max-width:100%}table{border-collapse:collapse}"
        + "td,th{border:1px solid #ccc;padding:6px 10px;text-align:left;vertical-align:top}td small{color:#444}"
        + ".pass{background:#d1f0da}.fail{background:#f8d7da}.diff{background:#fff3cd}p.pass,p.fail{padding:6px 10px}"
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
        + ".narrow{display:none}@media (max-width:800px){.narrow{display:block}}"
        + "@media (max-width:600px){body{margin:8px auto;padding:0 8px;font-size:13px}h1{font-size:20px}"
        + "td,th{padding:4px 6px}}"
        + "</style></head><body>";
  }

  static String index(Path folder, RunInfo run, List<ScenarioResult> results) {
    Set<String> scenarios = new LinkedHashSet<>();
    Set<String> pairs = new LinkedHashSet<>();
    results.forEach(r -> {
      scenarios.add(r.scenario());
      pairs.add(r.pair());
    });
    StringBuilder h = new StringBuilder(head("Callflow interop run"));
    long failed = results.stream().filter(r -> !r.passed()).count();
    long changed = results.stream().filter(r -> !r.baselineChanges().isEmpty()).count();
    h.append("<h1>Callflow interop run</h1><p class=\"").append(failed > 0 ? "fail" : changed > 0 ? "diff" : "pass").append("\"><b>")
        .append(results.size() - failed).append(" passed, ").append(failed).append(" failed</b>, ").append(changed)
        .append(" with baseline changes</p><dl class=\"facts\">");
    fact(h, "Started", "<time datetime=\"" + run.started() + "\">" + e(when(run.started())) + "</time>");
    fact(h, "Duration", e(duration(run.durationMs())));
    fact(h, "Callflow", e(run.callflowVersion()));
    fact(h, "Host", e(run.host()) + " · " + e(run.os()));
    fact(h, "Browsers", String.join("<br/>", run.browsers().stream().map(b -> e(b.toString())).toList()));
    fact(h, "Baseline", run.baseline().map(b -> "compared with <a href=\"" + e(link(folder, b)) + "\">" + e(b.toString()) + "</a>")
        .orElse("none given (--baseline)") + "; this run's negotiation is in <a href=\"baseline/\">baseline/</a>");
    fact(h, "Data", "<a href=\"report.json\">report.json</a>");
    h.append("</dl><div class=\"scroll\"><table><thead><tr><th>scenario</th>");
    pairs.forEach(p -> h.append("<th>").append(e(p)).append("</th>"));
    h.append("</tr></thead><tbody>");
    for (String s : scenarios) {
      h.append("<tr><th>").append(e(s)).append("</th>");
      for (String p : pairs) {
        results.stream().filter(x -> x.scenario().equals(s) && x.pair().equals(p)).findFirst()
            .ifPresentOrElse(r -> cell(h, r), () -> h.append("<td>-</td>"));
      }
      h.append("</tr>");
    }
    return h.append("</tbody></table></div></body></html>\n").toString();
  }

  private static void fact(StringBuilder h, String name, String html) {
    h.append("<dt>").append(name).append("</dt><dd>").append(html).append("</dd>");
  }

  /** Status, time to connected, codecs, the candidate pair and baseline changes; a failure's message as its tooltip. */
  private static void cell(StringBuilder h, ScenarioResult r) {
    String cls = !r.passed() ? "fail" : r.baselineChanges().isEmpty() ? "pass" : "diff";
    h.append("<td class=\"").append(cls).append('"').append(r.passed() ? "" : " title=\"" + e(r.message()) + "\"")
        .append("><a href=\"scenarios/").append(e(r.slug())).append(".html\"><b>").append(r.passed() ? "passed" : "failed")
        .append("</b></a>");
    if (!r.passed()) {
      h.append(" after ").append(e(duration(r.durationMs())));
    }
    if (r.connectedMs() >= 0) {
      h.append("<br/>connected in ").append(r.connectedMs()).append(" ms");
    }
    if (!r.codecs().isEmpty()) {
      h.append("<br/><small>").append(e(String.join(", ", r.codecs()))).append("</small>");
    }
    if (!r.candidateTypes().isEmpty()) {
      h.append("<br/><small>pair ").append(e(r.candidateTypes())).append("</small>");
    }
    if (!r.baselineChanges().isEmpty()) {
      h.append("<br/>").append(r.baselineChanges().size()).append(" baseline change(s)");
    }
    h.append("</td>");
  }

  /** The link from the report folder to another folder: relative where it can be, so the two can move together. */
  static String link(Path folder, Path target) {
    Path from = folder.toAbsolutePath().normalize();
    Path to = target.toAbsolutePath().normalize();
    try {
      String relative = from.getRoot().equals(to.getRoot()) ? from.relativize(to).toString().replace('\\', '/') : null;
      return relative == null ? to.toUri().toString() : new URI(null, null, relative.isEmpty() ? "./" : relative + "/", null).toString();
    } catch (URISyntaxException e) {
      return to.toUri().toString();
    }
  }

  static String page(ScenarioResult r) {
    long origin = r.events().stream().mapToLong(PeerEvent::receivedNanos).min().orElse(r.startNanos());
    StringBuilder h = new StringBuilder(head(r.scenario() + " " + r.pair()));
    h.append("<p><a href=\"../index.html\">← all results</a></p><h1>").append(e(r.scenario())).append(" · ")
        .append(e(r.pair())).append("</h1><p>").append(e(r.description())).append("</p>");
    h.append("<p class=\"").append(r.passed() ? "pass" : "fail").append("\"><b>").append(r.passed() ? "passed" : "failed")
        .append("</b> after ").append(e(duration(r.durationMs())))
        .append(r.connectedMs() >= 0 ? " · connected after " + r.connectedMs() + " ms" : " · never connected")
        .append(r.codecs().isEmpty() ? "" : " · codecs " + e(String.join(", ", r.codecs())))
        .append(r.candidateTypes().isEmpty() ? "" : " · pair " + e(r.candidateTypes())).append("</p>");
    if (!r.message().isEmpty()) {
      h.append("<h2>Failure</h2><pre class=\"wrap\">").append(e(r.message())).append("</pre>");
    }
    if (!r.baselineChanges().isEmpty()) {
      h.append("<h2>Changes from the baseline</h2><ul>");
      r.baselineChanges().forEach(c -> h.append("<li>").append(e(c)).append("</li>"));
      h.append("</ul>");
    }
    h.append("<h2>Timeline</h2><p class=\"note\">From the first offer or state change to the flow's ")
        .append(r.passed() ? "end" : "failure").append(" (or its last event); times count from the first event, as in the event list. "
            + "Point at a bar for its state and how long it lasted.</p><p class=\"note narrow\">Scroll the picture sideways for the rest."
            + "</p><div class=\"scroll\">")
        .append(Svg.swimLanes(r.events(), List.of("caller", "callee"), origin, r.endNanos(), !r.passed())).append("</div>");
    h.append("<h2>Stats</h2>");
    charts(h, "callee (" + r.callee().id() + ")", r.calleeStats());
    charts(h, "caller (" + r.caller().id() + ")", r.callerStats());
    h.append("<h2>Offer</h2><pre>").append(e(r.offer())).append("</pre><h2>Answer</h2><pre>").append(e(r.answer())).append("</pre>");
    screenshots(h, r.screenshots());
    h.append("<h2>Console</h2>");
    r.console().forEach((peer, lines) -> h.append("<h3>").append(e(peer)).append("</h3><pre class=\"wrap\">")
        .append(e(lines.isEmpty() ? "(nothing logged)" : String.join("\n", lines))).append("</pre>"));
    // One block per event, wrapped with a hanging indent so that a long one (a whole SDP) does not hide where the next begins.
    h.append("<h2>Events</h2><div class=\"events\">");
    events(r.events(), origin).lines().forEach(line -> h.append("<div>").append(e(line)).append("</div>"));
    h.append("</div>");
    return h.append("</body></html>\n").toString();
  }

  /** Every event, each in full, in the timeline's order: {@code +1.234s caller/pc1 signalingstatechange have-local-offer}. */
  static String events(List<PeerEvent> events, long origin) {
    StringBuilder out = new StringBuilder();
    for (PeerEvent event : Timeline.of(events).events()) {
      out.append(String.format(Locale.ROOT, "+%.3fs %s%n", (event.receivedNanos() - origin) / 1e9, event.describeInFull()));
    }
    return out.length() == 0 ? "(no events)" : out.toString();
  }

  /** Thumbnails that open full size on a click (CSS {@code :target}, no script) and close on another. */
  private static void screenshots(StringBuilder h, Map<String, byte[]> screenshots) {
    h.append("<h2 id=\"screenshots\">Screenshots</h2>");
    if (screenshots.isEmpty()) {
      h.append("<p>None.</p>");
      return;
    }
    h.append("<div class=\"shots\">");
    screenshots.forEach((peer, png) -> {
      String id = "shot-" + e(peer);
      h.append("<figure class=\"shot\" id=\"").append(id).append("\"><a class=\"open\" href=\"#").append(id)
          .append("\" title=\"enlarge\"><img alt=\"").append(e(peer)).append(" screenshot\" src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(png)).append("\"/></a><a class=\"close\" href=\"#screenshots\">close ×</a>")
          .append("<figcaption>").append(e(peer)).append("</figcaption></figure>");
    });
    h.append("</div>");
  }

  private static void charts(StringBuilder h, String who, StatsSeries series) {
    h.append("<h3>").append(e(who)).append("</h3>");
    StringBuilder drawn = new StringBuilder();
    for (Chart chart : CHARTS) {
      Metric metric = chart.metric().apply(series);
      if (!metric.points().isEmpty() && series.samples().stream().anyMatch(chart.measured())) {
        drawn.append(Svg.chart(chart.title(), metric, chart.unit()));
      }
    }
    h.append(drawn.length() == 0 ? "<p>No stats.</p>" : "<div class=\"charts\">" + drawn + "</div>");
  }
}
