package dev.callflow.sdp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What changed between two SDPs, in words a person reads: a codec disappeared, a header extension
 * appeared, a direction changed, the codec order changed, a line appeared or disappeared. Media
 * sections are compared in order; per-run values should be normalized away first ({@link SdpNormalizer}).
 */
public final class SdpDiff {
  private SdpDiff() {}

  /**
   * {@return the differences from {@code baseline} to {@code current}, one line each; empty if none}
   *
   * @param label put before each difference, e.g. {@code offer}
   * @param baseline the SDP as it was
   * @param current the SDP as it is now
   */
  public static List<String> between(String label, Sdp baseline, Sdp current) {
    List<String> out = new ArrayList<>();
    lines(label + " session", baseline.sessionLines(), current.sessionLines(), out);
    int n = Math.max(baseline.media().size(), current.media().size());
    for (int i = 0; i < n; i++) {
      if (i >= current.media().size()) {
        out.add(label + ": media section " + baseline.media().get(i) + " disappeared");
        continue;
      }
      if (i >= baseline.media().size()) {
        out.add(label + ": media section " + current.media().get(i) + " appeared");
        continue;
      }
      MediaSection was = baseline.media().get(i);
      MediaSection now = current.media().get(i);
      String where = label + " " + now;
      if (!was.kind().equals(now.kind())) {
        out.add(where + ": was m=" + was.kind());
        continue;
      }
      List<String> codecsWas = was.codecs().stream().map(c -> c.name() + "/" + c.clockRate()).distinct().toList();
      List<String> codecsNow = now.codecs().stream().map(c -> c.name() + "/" + c.clockRate()).distinct().toList();
      codecsWas.stream().filter(c -> !codecsNow.contains(c)).forEach(c -> out.add(where + ": codec " + c + " disappeared"));
      codecsNow.stream().filter(c -> !codecsWas.contains(c)).forEach(c -> out.add(where + ": codec " + c + " appeared"));
      List<String> commonWas = codecsWas.stream().filter(codecsNow::contains).toList();
      List<String> commonNow = codecsNow.stream().filter(codecsWas::contains).toList();
      if (!commonWas.equals(commonNow)) {
        out.add(where + ": codec order changed from " + commonWas + " to " + commonNow);
      }
      List<String> extWas = was.headerExtensions().stream().map(HeaderExtension::uri).toList();
      List<String> extNow = now.headerExtensions().stream().map(HeaderExtension::uri).toList();
      extWas.stream().filter(e -> !extNow.contains(e)).forEach(e -> out.add(where + ": header extension " + e + " disappeared"));
      extNow.stream().filter(e -> !extWas.contains(e)).forEach(e -> out.add(where + ": header extension " + e + " appeared"));
      if (was.direction() != now.direction()) {
        out.add(where + ": direction changed from " + was.direction().webName() + " to " + now.direction().webName());
      }
      lines(where, rest(was), rest(now), out);
    }
    return out;
  }

  /** Lines not already covered by the codec, extension and direction comparisons. */
  private static List<SdpLine> rest(MediaSection m) {
    return m.lines().stream().filter(l -> !(l.type() == 'm' || l.isAttribute("rtpmap") || l.isAttribute("extmap")
        || l.isDirection())).toList();
  }

  private static void lines(String where, List<SdpLine> was, List<SdpLine> now, List<String> out) {
    Set<String> a = new LinkedHashSet<>(was.stream().map(SdpLine::text).toList());
    Set<String> b = new LinkedHashSet<>(now.stream().map(SdpLine::text).toList());
    a.stream().filter(l -> !b.contains(l)).forEach(l -> out.add(where + ": line '" + l + "' disappeared"));
    b.stream().filter(l -> !a.contains(l)).forEach(l -> out.add(where + ": line '" + l + "' appeared"));
  }
}
