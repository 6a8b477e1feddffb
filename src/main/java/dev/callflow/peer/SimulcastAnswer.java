package dev.callflow.peer;

import dev.callflow.sdp.MediaSection;
import dev.callflow.sdp.Sdp;
import dev.callflow.sdp.Simulcast;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hook of {@link SignalHook#answerSimulcast()}: remembers the rids each offer sends by mid, and writes
 * {@code a=rid:<rid> recv} and {@code a=simulcast:recv <rids>} into the answer's section of that mid when the
 * answering browser left them out, as an SFU's answer has them.
 */
final class SimulcastAnswer implements SignalHook {
  private static final String RID_EXTENSION = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
  private final Map<String, List<String>> offered = new ConcurrentHashMap<>();
  /** The offer's a=extmap line of the rid header extension, by mid: an answer without it cannot carry simulcast. */
  private final Map<String, String> ridExtension = new ConcurrentHashMap<>();

  @Override
  public SignalAction apply(Signal signal) {
    if (signal.kind() == Signal.Kind.OFFER) {
      offered.clear();
      ridExtension.clear();
      for (MediaSection m : Sdp.parse(signal.text()).media()) {
        Simulcast.of(m).filter(s -> !s.send().isEmpty()).ifPresent(s -> m.mid().ifPresent(mid -> {
          offered.put(mid, s.sendRids());
          m.headerExtensions().stream().filter(x -> x.uri().equals(RID_EXTENSION)).findFirst()
              .ifPresent(x -> ridExtension.put(mid, "a=extmap:" + x.id() + " " + RID_EXTENSION));
        }));
      }
      return SignalAction.forward();
    }
    if (signal.kind() != Signal.Kind.ANSWER || offered.isEmpty()) {
      return SignalAction.forward();
    }
    String[] lines = signal.text().split("\r\n", -1);
    List<String> out = new ArrayList<>();
    List<String> section = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("m=")) {
        flush(section, out);
      }
      section.add(line);
    }
    // The text ends with CRLF: its last "line" is empty and stays last.
    String last = section.isEmpty() ? null : section.remove(section.size() - 1);
    flush(section, out);
    if (last != null) {
      out.add(last);
    }
    String rewritten = String.join("\r\n", out);
    return rewritten.equals(signal.text()) ? SignalAction.forward() : SignalAction.rewrite(rewritten);
  }

  /** Moves one section's lines to the output, with the simulcast lines its mid needs. */
  private void flush(List<String> section, List<String> out) {
    out.addAll(section);
    if (!section.isEmpty() && section.get(0).startsWith("m=") && !section.get(0).startsWith("m=application")) {
      String mid = section.stream().filter(l -> l.startsWith("a=mid:")).map(l -> l.substring(6)).findFirst().orElse(null);
      List<String> rids = mid == null ? null : offered.get(mid);
      boolean has = section.stream().anyMatch(l -> l.startsWith("a=simulcast:"));
      boolean rejected = section.get(0).split(" ").length > 1 && section.get(0).split(" ")[1].equals("0");
      if (rids != null && !has && !rejected) {
        // Firefox answers without the rid header extension when it does not take simulcast.
        if (section.stream().noneMatch(l -> l.startsWith("a=extmap:") && l.contains(RID_EXTENSION)) && ridExtension.containsKey(mid)) {
          out.add(ridExtension.get(mid));
        }
        rids.forEach(rid -> out.add("a=rid:" + rid + " recv"));
        out.add("a=simulcast:recv " + String.join(";", rids));
      }
    }
    section.clear();
  }
}
