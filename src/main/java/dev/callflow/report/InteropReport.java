package dev.callflow.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callflow.browser.BrowserInfo;
import dev.callflow.interop.ScenarioResult;
import dev.callflow.peer.PeerEvent;
import dev.callflow.stats.StatsSeries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes an interop run's reports: {@code report.json} (documented in README), {@code index.html}
 * (the matrix) and one self-contained page per scenario and pair under {@code scenarios/}, each of
 * which opens from disk with no network: pictures are inline SVG, screenshots data URIs, and the
 * pages fit a phone as well as a desktop.
 */
public final class InteropReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
    root.put("network", run.network().orElse(null));
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
      if (!r.codecCells().isEmpty()) {
        CodecMatrixHtml.json(o.putArray("codecMatrix"), r.codecCells());
      }
    }
    root.putObject("summary").put("passed", results.stream().filter(ScenarioResult::passed).count())
        .put("failed", results.stream().filter(r -> !r.passed()).count())
        .put("baselineChanges", results.stream().mapToInt(r -> r.baselineChanges().size()).sum());
    return JSON.writeValueAsString(root);
  }

  private static String e(String s) {
    return Html.e(s);
  }

  static String index(Path folder, RunInfo run, List<ScenarioResult> results) {
    Set<String> scenarios = new LinkedHashSet<>();
    Set<String> pairs = new LinkedHashSet<>();
    results.forEach(r -> {
      scenarios.add(r.scenario());
      pairs.add(r.pair());
    });
    StringBuilder h = new StringBuilder(Html.head("Callflow interop run"));
    long failed = results.stream().filter(r -> !r.passed()).count();
    long changed = results.stream().filter(r -> !r.baselineChanges().isEmpty()).count();
    h.append("<h1>Callflow interop run</h1><p class=\"").append(failed > 0 ? "fail" : changed > 0 ? "diff" : "pass").append("\"><b>")
        .append(results.size() - failed).append(" passed, ").append(failed).append(" failed</b>, ").append(changed)
        .append(" with baseline changes</p><dl class=\"facts\">");
    Html.fact(h, "Started", "<time datetime=\"" + run.started() + "\">" + e(Html.when(run.started())) + "</time>");
    Html.fact(h, "Duration", e(Html.duration(run.durationMs())));
    Html.fact(h, "Callflow", e(run.callflowVersion()));
    Html.fact(h, "Host", e(run.host()) + " · " + e(run.os()));
    Html.fact(h, "Network", e(run.network().map(n -> n + " (each pair in a network of namespaces; each cell names its candidate pair)")
        .orElse("loopback")));
    Html.fact(h, "Browsers", String.join("<br/>", run.browsers().stream().map(b -> e(b.toString())).toList()));
    Html.fact(h, "Baseline", run.baseline().map(b -> "compared with <a href=\"" + e(Html.link(folder, b)) + "\">" + e(b.toString()) + "</a>")
        .orElse("none given (--baseline)") + "; this run's negotiation is in <a href=\"baseline/\">baseline/</a>");
    Html.fact(h, "Data", "<a href=\"report.json\">report.json</a>");
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
    h.append("</tbody></table></div>");
    CodecMatrixHtml.index(h, results);
    return h.append("</body></html>\n").toString();
  }

  /** Status, time to connected, codecs, the candidate pair and baseline changes; a failure's message as its tooltip. */
  private static void cell(StringBuilder h, ScenarioResult r) {
    String cls = !r.passed() ? "fail" : r.baselineChanges().isEmpty() ? "pass" : "diff";
    h.append("<td class=\"").append(cls).append('"').append(r.passed() ? "" : " title=\"" + e(r.message()) + "\"")
        .append("><a href=\"scenarios/").append(e(r.slug())).append(".html\"><b>").append(r.passed() ? "passed" : "failed")
        .append("</b></a>");
    if (!r.passed()) {
      h.append(" after ").append(e(Html.duration(r.durationMs())));
    }
    if (r.connectedMs() >= 0) {
      h.append("<br/>connected in ").append(r.connectedMs()).append(" ms");
    }
    if (!r.codecCells().isEmpty()) {
      h.append("<br/><small>").append(CodecMatrixHtml.summary(r.codecCells())).append("</small>");
    } else if (!r.codecs().isEmpty()) {
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

  static String page(ScenarioResult r) {
    long origin = r.events().stream().mapToLong(PeerEvent::receivedNanos).min().orElse(r.startNanos());
    StringBuilder h = new StringBuilder(Html.head(r.scenario() + " " + r.pair()));
    h.append("<p><a href=\"../index.html\">← all results</a></p><h1>").append(e(r.scenario())).append(" · ")
        .append(e(r.pair())).append("</h1><p>").append(e(r.description())).append("</p>");
    h.append("<p class=\"").append(r.passed() ? "pass" : "fail").append("\"><b>").append(r.passed() ? "passed" : "failed")
        .append("</b> after ").append(e(Html.duration(r.durationMs())))
        .append(r.connectedMs() >= 0 ? " · connected after " + r.connectedMs() + " ms" : " · never connected")
        .append(r.codecs().isEmpty() ? "" : " · codecs " + e(String.join(", ", r.codecs())))
        .append(r.candidateTypes().isEmpty() ? "" : " · pair " + e(r.candidateTypes())).append("</p>");
    if (!r.message().isEmpty()) {
      h.append("<h2>Failure</h2><pre class=\"wrap\">").append(e(r.message())).append("</pre>");
    }
    if (!r.codecCells().isEmpty()) {
      h.append("<h2>Codecs</h2>");
      CodecMatrixHtml.table(h, List.of(r));
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
    h.append("<h2>Events</h2>");
    Html.eventList(h, r.events(), origin);
    return h.append("</body></html>\n").toString();
  }

  /** Thumbnails that open full size on a click and close on another. */
  private static void screenshots(StringBuilder h, Map<String, byte[]> screenshots) {
    h.append("<h2 id=\"screenshots\">Screenshots</h2>");
    if (screenshots.isEmpty()) {
      h.append("<p>None.</p>");
      return;
    }
    Map<String, String> sources = new LinkedHashMap<>();
    screenshots.forEach((peer, png) -> sources.put(peer, Html.dataUri(png)));
    Html.screenshots(h, "shot-", "#screenshots", sources);
  }

  private static void charts(StringBuilder h, String who, StatsSeries series) {
    String charts = Html.charts(series);
    h.append("<h3>").append(e(who)).append("</h3>").append(charts.isEmpty() ? "<p>No stats.</p>" : charts);
  }
}
