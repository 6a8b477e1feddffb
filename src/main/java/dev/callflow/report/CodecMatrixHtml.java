package dev.callflow.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callflow.interop.CodecCell;
import dev.callflow.interop.ScenarioResult;
import java.util.Comparator;
import java.util.List;

/** The codec matrix in the interop report: its table (codecs down, pairs across) and its JSON. */
final class CodecMatrixHtml {
  private CodecMatrixHtml() {}

  /** Each cell as an object of {@code report.json}'s {@code codecMatrix}; {@code mediaDelayMs} null where not measured. */
  static void json(ArrayNode list, List<CodecCell> cells) {
    for (CodecCell c : cells) {
      ObjectNode o = list.addObject().put("kind", c.kind()).put("codec", c.codec()).put("status", status(c))
          .put("negotiated", c.negotiated()).put("arrived", c.arrived());
      if (c.mediaDelay().isPresent()) {
        o.put("mediaDelayMs", c.mediaDelay().get().toMillis());
      } else {
        o.putNull("mediaDelayMs");
      }
      o.put("forcedFirst", c.forcedFirst()).put("message", c.message()).put("baselineChange", c.baselineChange());
    }
  }

  private static String status(CodecCell c) {
    return switch (c.status()) {
      case PASSED -> "passed";
      case FAILED -> "failed";
      case NOT_OFFERED -> "not-offered";
    };
  }

  /** A codecs result's line in the scenario matrix: its cells counted, linking to the codec matrix. */
  static String summary(List<CodecCell> cells) {
    long passed = cells.stream().filter(c -> c.status() == CodecCell.Status.PASSED).count();
    long failed = cells.stream().filter(c -> c.status() == CodecCell.Status.FAILED).count();
    return "<a href=\"#codecs\">codec matrix</a>: " + passed + " passed, " + failed + " failed, " + (cells.size() - passed - failed)
        + " not offered";
  }

  /** The section of {@code index.html}: nothing when no result has codec cells. */
  static void index(StringBuilder h, List<ScenarioResult> results) {
    List<ScenarioResult> withCells = results.stream().filter(r -> !r.codecCells().isEmpty()).toList();
    if (withCells.isEmpty()) {
      return;
    }
    long failed = withCells.stream().flatMap(r -> r.codecCells().stream()).filter(c -> c.status() == CodecCell.Status.FAILED).count();
    long changed = withCells.stream().flatMap(r -> r.codecCells().stream()).filter(c -> !c.baselineChange().isEmpty()).count();
    h.append("<h2 id=\"codecs\">Codec matrix</h2><p class=\"note\">Each codec the two browsers of a pair can send and receive "
        + "(getCapabilities), forced on the caller: setCodecPreferences with only it and its RTX, RED and FEC. <i>negotiated</i>: the "
        + "answer's codec; <i>arrived</i>: the callee's inbound-rtp codec once its bytes (and video frames) grew; <i>delay</i>: "
        + "end-to-end media delay, where measured. <i>forced first</i>: the callee refused the offer with only the codec, so it "
        + "was put first instead (point at the cell for the refusal). ").append(failed).append(" failed, ").append(changed)
        .append(" changed from the baseline.</p>");
    table(h, withCells);
  }

  /** The table: one row per codec (video first), one column per pair. */
  static void table(StringBuilder h, List<ScenarioResult> results) {
    List<String> codecs = results.stream().flatMap(r -> r.codecCells().stream())
        .sorted(Comparator.comparing(c -> c.kind().equals("video") ? 0 : 1)).map(CodecCell::codec).distinct().toList();
    h.append("<div class=\"scroll\"><table class=\"codecs\"><thead><tr><th>codec</th>");
    results.forEach(r -> h.append("<th>").append(Html.e(r.pair())).append("</th>"));
    h.append("</tr></thead><tbody>");
    for (String codec : codecs) {
      h.append("<tr><th>").append(Html.e(codec)).append("</th>");
      for (ScenarioResult r : results) {
        r.codecCells().stream().filter(c -> c.codec().equalsIgnoreCase(codec)).findFirst()
            .ifPresentOrElse(c -> cell(h, c), () -> h.append("<td class=\"na\">offered by neither</td>"));
      }
      h.append("</tr>");
    }
    h.append("</tbody></table></div>");
  }

  private static void cell(StringBuilder h, CodecCell c) {
    if (c.status() == CodecCell.Status.NOT_OFFERED) {
      h.append("<td class=\"").append(c.baselineChange().isEmpty() ? "na" : "diff").append("\">").append(Html.e(c.message()));
      change(h, c);
      h.append("</td>");
      return;
    }
    String cls = c.status() == CodecCell.Status.FAILED ? "fail" : c.baselineChange().isEmpty() ? "pass" : "diff";
    h.append("<td class=\"").append(cls).append('"').append(c.message().isEmpty() ? "" : " title=\"" + Html.e(c.message()) + "\"")
        .append("><b>").append(c.status() == CodecCell.Status.PASSED ? Html.e(c.name()) : "failed").append("</b>")
        .append(c.forcedFirst() ? " <small>(forced first)</small>" : "")
        .append("<br/><small>negotiated ").append(Html.e(orNone(c.negotiated()))).append("<br/>arrived ")
        .append(Html.e(orNone(c.arrived()))).append("<br/>delay ").append(Html.e(c.delayText())).append("</small>");
    if (c.status() == CodecCell.Status.FAILED) {
      h.append("<br/><small>").append(Html.e(c.message())).append("</small>");
    }
    change(h, c);
    h.append("</td>");
  }

  private static void change(StringBuilder h, CodecCell c) {
    if (!c.baselineChange().isEmpty()) {
      h.append("<br/><small><b>baseline</b>: ").append(Html.e(c.baselineChange())).append("</small>");
    }
  }

  private static String orNone(String s) {
    return s.isEmpty() ? "none" : s;
  }
}
