package dev.callflow.internal.assertions;

import dev.callflow.sdp.SdpLine;
import java.util.List;
import java.util.stream.Collectors;

/** Renders SDP lines and lists for failure messages: one per line, numbered as in the SDP. */
final class Quote {
  private Quote() {}

  static String lines(List<SdpLine> lines) {
    return lines.isEmpty() ? "  (none)" : lines.stream().map(l -> "  " + l.number() + ": " + l.text()).collect(Collectors.joining("\n"));
  }

  static String items(List<?> items) {
    return items.isEmpty() ? "  (none)" : items.stream().map(i -> "  " + i).collect(Collectors.joining("\n"));
  }
}
