package dev.callflow.sdp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An ICE candidate (RFC 8839 {@code candidate-attribute}).
 *
 * @param foundation the foundation
 * @param component 1 for RTP, 2 for RTCP
 * @param transport {@code udp} or {@code tcp}, lower case
 * @param priority the priority
 * @param address the connection address (an IP or an mDNS name)
 * @param port the port
 * @param type {@code host}, {@code srflx}, {@code prflx} or {@code relay}
 * @param relatedAddress {@code raddr}, or null
 * @param relatedPort {@code rport}, or -1
 * @param tcpType {@code active}, {@code passive} or {@code so} for TCP candidates, or null
 * @param extensions the other name/value pairs, e.g. {@code generation 0}, {@code ufrag abcd}
 */
public record Candidate(String foundation, int component, String transport, long priority, String address, int port,
    String type, String relatedAddress, int relatedPort, String tcpType, Map<String, String> extensions) {

  /**
   * Parses {@code candidate:...}, with or without a leading {@code a=}.
   *
   * @param text a candidate line, e.g. {@code candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host}
   * @return the parsed candidate
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Candidate parse(String text) {
    String value = text.startsWith("a=") ? text.substring(2) : text;
    if (!value.startsWith("candidate:")) {
      throw new IllegalArgumentException("a candidate starts with 'candidate:'");
    }
    String[] f = value.substring("candidate:".length()).trim().split("\\s+");
    if (f.length < 8 || !f[6].equals("typ")) {
      throw new IllegalArgumentException("a candidate needs 'foundation component transport priority address port typ type'");
    }
    String relatedAddress = null;
    int relatedPort = -1;
    String tcpType = null;
    Map<String, String> extensions = new LinkedHashMap<>();
    for (int i = 8; i + 1 < f.length; i += 2) {
      switch (f[i]) {
        case "raddr" -> relatedAddress = f[i + 1];
        case "rport" -> relatedPort = port("related port", f[i + 1]);
        case "tcptype" -> tcpType = f[i + 1];
        default -> extensions.put(f[i], f[i + 1]);
      }
    }
    return new Candidate(f[0], (int) SdpNumbers.parse("the candidate's component", f[1], 1, 256), f[2].toLowerCase(Locale.ROOT),
        SdpNumbers.parse("the candidate's priority", f[3], 0, SdpNumbers.MAX_UINT32), f[4], port("port", f[5]), f[7],
        relatedAddress, relatedPort, tcpType, Map.copyOf(extensions));
  }

  private static int port(String what, String token) {
    return (int) SdpNumbers.parse("the candidate's " + what, token, 0, SdpNumbers.MAX_PORT);
  }

  /** {@return whether the address is a loopback one: 127.0.0.0/8 or {@code ::1}} */
  public boolean isLoopback() {
    return address.startsWith("127.") || address.equals("::1");
  }
}
