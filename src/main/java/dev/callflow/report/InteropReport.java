package dev.callflow.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callflow.browser.BrowserInfo;
import dev.callflow.interop.ScenarioResult;
import dev.callflow.peer.Timeline;
import dev.callflow.stats.Metric;
import dev.callflow.stats.StatsSeries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes an interop run's reports: {@code report.json} (documented in README), {@code index.html}
 * (the matrix) and one self-contained page per scenario and pair under {@code scenarios/}, each of
 * which opens from disk with no network: pictures are inline SVG, screenshots data URIs.
 */
public final class InteropReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private InteropReport() {}

  /**
   * Writes the reports into this folder, creating it if needed; files already there are overwritten.
   *
   * @param folder the report folder, e.g. {@code target/callflow-interop}
   * @param browsers the browsers the run used, for the header and {@code browsers} in the JSON
   * @param results every result, in the order played
   * @param started when the run started
   * @param durationMs the run's wall time, in milliseconds
   * @throws java.io.UncheckedIOException if the folder or a file cannot be written
   */
  public static void write(Path folder, Collection<BrowserInfo> browsers, List<ScenarioResult> results, Instant started,
      long durationMs) {
    try {
      Files.createDirectories(folder.resolve("scenarios"));
      Files.writeString(folder.resolve("report.json"), json(browsers, results, started, durationMs));
      Files.writeString(folder.resolve("index.html"), index(browsers, results, started, durationMs), StandardCharsets.UTF_8);
      for (ScenarioResult r : results) {
        Files.writeString(folder.resolve("scenarios").resolve(r.slug() + ".html"), page(r), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the interop report to " + folder, e);
    }
  }

  static String json(Collection<BrowserInfo> browsers, List<ScenarioResult> results, Instant started, long durationMs)
      throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("startedAt", started.toString());
    root.put("durationMs", durationMs);
    ArrayNode b = root.putArray("browsers");
    for (BrowserInfo info : browsers) {
      b.addObject().put("name", info.type().id()).put("version", info.version()).put("driverVersion", info.driverVersion());
    }
    ArrayNode list = root.putArray("results");
    for (ScenarioResult r : results) {
      ObjectNode o = list.addObject();
      o.put("scenario", r.scenario()).put("caller", r.caller().id()).put("callee", r.callee().id())
          .put("status", r.passed() ? "passed" : "failed");
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

  private static String head(String title) {
    return "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>"
        + "<title>" + e(title) + "</title><style>"
        + "body{font:14px system-ui,sans-serif;margin:20px;color:#222}table{border-collapse:collapse}"
        + "td,th{border:1px solid #ccc;padding:6px 10px;text-align:left;vertical-align:top}"
        + ".pass{background:#d1f0da}.fail{background:#f8d7da}.diff{background:#fff3cd}a{color:#0b5ed7}"
        + "pre{background:#f6f8fa;padding:8px;overflow:auto;max-height:420px;font-size:12px}"
        + ".charts{display:flex;flex-wrap:wrap;gap:12px}img{border:1px solid #ccc;max-width:440px;margin-right:8px}"
        + "</style></head><body>";
  }

  static String index(Collection<BrowserInfo> browsers, List<ScenarioResult> results, Instant started, long durationMs) {
    Set<String> scenarios = new LinkedHashSet<>();
    Set<String> pairs = new LinkedHashSet<>();
    results.forEach(r -> {
      scenarios.add(r.scenario());
      pairs.add(r.pair());
    });
    StringBuilder h = new StringBuilder(head("Callflow interop run"));
    long failed = results.stream().filter(r -> !r.passed()).count();
    long changed = results.stream().filter(r -> !r.baselineChanges().isEmpty()).count();
    h.append("<h1>Callflow interop run</h1><p>").append(e(started.toString())).append(" · ")
        .append(String.format(Locale.ROOT, "%.1f s", durationMs / 1000.0)).append(" · ")
        .append(results.size() - failed).append(" passed, ").append(failed).append(" failed, ")
        .append(changed).append(" with baseline changes</p><ul>");
    browsers.forEach(b -> h.append("<li>").append(e(b.toString())).append("</li>"));
    h.append("</ul><table><thead><tr><th>scenario</th>");
    pairs.forEach(p -> h.append("<th>").append(e(p)).append("</th>"));
    h.append("</tr></thead><tbody>");
    for (String s : scenarios) {
      h.append("<tr><th>").append(e(s)).append("</th>");
      for (String p : pairs) {
        ScenarioResult r = results.stream().filter(x -> x.scenario().equals(s) && x.pair().equals(p)).findFirst().orElse(null);
        if (r == null) {
          h.append("<td>-</td>");
          continue;
        }
        String cls = !r.passed() ? "fail" : r.baselineChanges().isEmpty() ? "pass" : "diff";
        h.append("<td class=\"").append(cls).append("\"><a href=\"scenarios/").append(e(r.slug())).append(".html\">")
            .append(r.passed() ? "passed" : "failed").append("</a>");
        if (r.connectedMs() >= 0) {
          h.append("<br/>").append(r.connectedMs()).append(" ms to connected");
        }
        if (!r.baselineChanges().isEmpty()) {
          h.append("<br/>").append(r.baselineChanges().size()).append(" baseline change(s)");
        }
        h.append("</td>");
      }
      h.append("</tr>");
    }
    return h.append("</tbody></table></body></html>\n").toString();
  }

  static String page(ScenarioResult r) {
    StringBuilder h = new StringBuilder(head(r.scenario() + " " + r.pair()));
    h.append("<p><a href=\"../index.html\">← all results</a></p><h1>").append(e(r.scenario())).append(" · ")
        .append(e(r.pair())).append("</h1><p>").append(e(r.description())).append("</p>");
    h.append("<p class=\"").append(r.passed() ? "pass" : "fail").append("\"><b>").append(r.passed() ? "passed" : "failed")
        .append("</b>").append(r.connectedMs() >= 0 ? " · connected after " + r.connectedMs() + " ms" : "")
        .append(r.codecs().isEmpty() ? "" : " · codecs " + e(String.join(", ", r.codecs())))
        .append(r.candidateTypes().isEmpty() ? "" : " · pair " + e(r.candidateTypes())).append("</p>");
    if (!r.message().isEmpty()) {
      h.append("<h2>Failure</h2><pre>").append(e(r.message())).append("</pre>");
    }
    if (!r.baselineChanges().isEmpty()) {
      h.append("<h2>Changes from the baseline</h2><ul>");
      r.baselineChanges().forEach(c -> h.append("<li>").append(e(c)).append("</li>"));
      h.append("</ul>");
    }
    h.append("<h2>Timeline</h2>").append(Svg.swimLanes(r.events(), List.of("caller", "callee")));
    h.append("<h2>Stats</h2>");
    charts(h, "callee (" + r.callee().id() + ")", r.calleeStats());
    charts(h, "caller (" + r.caller().id() + ")", r.callerStats());
    h.append("<h2>Offer</h2><pre>").append(e(r.offer())).append("</pre><h2>Answer</h2><pre>").append(e(r.answer())).append("</pre>");
    h.append("<h2>Screenshots</h2><p>");
    for (Map.Entry<String, byte[]> s : r.screenshots().entrySet()) {
      h.append("<img alt=\"").append(e(s.getKey())).append("\" title=\"").append(e(s.getKey()))
          .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(s.getValue())).append("\"/>");
    }
    h.append("</p><h2>Console</h2>");
    r.console().forEach((peer, lines) -> h.append("<h3>").append(e(peer)).append("</h3><pre>")
        .append(e(lines.isEmpty() ? "(nothing logged)" : String.join("\n", lines))).append("</pre>"));
    h.append("<h2>Events</h2><pre>").append(e(Timeline.of(r.events()).toString())).append("</pre>");
    return h.append("</body></html>\n").toString();
  }

  private static void charts(StringBuilder h, String who, StatsSeries s) {
    List<Metric> metrics = new ArrayList<>(List.of(s.bitrateIn("audio"), s.bitrateIn("video"), s.bitrateOut("video"),
        s.framesPerSecond("video"), s.packetsLostPerSecond("audio"), s.packetsLostPerSecond("video"), s.roundTripTime()));
    h.append("<h3>").append(e(who)).append("</h3><div class=\"charts\">");
    metrics.forEach(m -> h.append(Svg.chart(m)));
    h.append("</div>");
  }
}
