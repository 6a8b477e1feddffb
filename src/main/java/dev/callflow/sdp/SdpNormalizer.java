package dev.callflow.sdp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an SDP into its per-run-independent form for baselines: ports, addresses, session ids, ICE
 * credentials, fingerprints, SSRCs, stream and track ids and CNAMEs are replaced by placeholders,
 * candidates dropped; everything else stays in its order, since order carries meaning (codec
 * preference). The result is valid SDP.
 */
public final class SdpNormalizer {
  private SdpNormalizer() {}

  /**
   * {@return the normalized SDP text, CRLF-terminated lines}
   *
   * @param sdp the SDP as negotiated
   */
  public static String normalize(Sdp sdp) {
    Map<String, String> ids = new LinkedHashMap<>();
    List<String> out = new ArrayList<>();
    for (SdpLine line : sdp.lines()) {
      String text = normalize(line, ids);
      if (text != null) {
        out.add(text);
      }
    }
    return String.join("\r\n", out) + "\r\n";
  }

  private static String normalize(SdpLine line, Map<String, String> ids) {
    switch (line.type()) {
      case 'o':
        return "o=- 0 0 IN IP4 0.0.0.0";
      case 'c':
        return "c=IN IP4 0.0.0.0";
      case 'm': { // port 9 (discard), as browsers write before candidates are known
        String[] parts = line.value().split(" ", 3);
        return "m=" + parts[0] + " 9 " + (parts.length > 2 ? parts[2] : "");
      }
      case 'a':
        break;
      default:
        return line.text();
    }
    String name = line.attributeName();
    String value = line.attributeValue();
    if (name.equals("candidate") || name.equals("end-of-candidates")) {
      return null; // which candidates and when they came varies from run to run
    }
    if (value == null) {
      return line.text(); // a flag, e.g. a=rtcp-mux, or an a=ssrc without value where the parser reads none
    }
    return switch (name) {
      case "ice-ufrag", "ice-pwd" -> "a=" + name + ":<" + name + ">";
      case "fingerprint" -> "a=fingerprint:" + value.split(" ")[0] + " 00";
      case "rtcp" -> "a=rtcp:9 IN IP4 0.0.0.0";
      case "ssrc" -> {
        String[] parts = value.split(" ", 2);
        String attribute = parts.length > 1 ? parts[1] : "";
        int colon = attribute.indexOf(':');
        String attrName = colon < 0 ? attribute : attribute.substring(0, colon);
        yield "a=ssrc:" + id(ids, "ssrc", parts[0]) + " " + attrName + (colon < 0 ? "" : ":<" + attrName + ">");
      }
      case "ssrc-group" -> {
        String[] parts = value.split(" ");
        StringBuilder b = new StringBuilder("a=ssrc-group:").append(parts[0]);
        for (int i = 1; i < parts.length; i++) {
          b.append(' ').append(id(ids, "ssrc", parts[i]));
        }
        yield b.toString();
      }
      case "msid" -> "a=msid:<stream> <track>";
      // Split as written, on spaces: trim() would also drop tabs, and normalizing again would change the line.
      case "msid-semantic" -> "a=msid-semantic:" + Arrays.stream(value.split(" ")).filter(t -> !t.isBlank()).findFirst().orElse("");
      default -> line.text();
    };
  }

  /** SSRCs become 1, 2... in order of appearance, so groups still point at the right streams. */
  private static String id(Map<String, String> ids, String kind, String value) {
    return ids.computeIfAbsent(kind + ":" + value, k -> String.valueOf(ids.size() + 1));
  }
}
