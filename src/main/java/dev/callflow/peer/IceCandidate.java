package dev.callflow.peer;

/**
 * An ICE candidate as RTCIceCandidateInit.
 *
 * @param candidate the {@code candidate:...} text, empty for end-of-candidates
 * @param sdpMid the media id it belongs to
 * @param sdpMLineIndex the m-line index it belongs to
 * @param usernameFragment the ICE ufrag of its generation
 */
public record IceCandidate(String candidate, String sdpMid, Integer sdpMLineIndex, String usernameFragment) {
  private String field(int index) {
    String[] parts = candidate == null ? new String[0] : candidate.split(" ");
    return parts.length > index ? parts[index] : null;
  }

  /** {@return the connection address, e.g. {@code 127.0.0.1}; null when the text has none} */
  public String address() {
    return field(4);
  }

  /** {@return the port; null when the text has none or it is not a number} */
  public Integer port() {
    String p = field(5);
    try {
      return p == null ? null : Integer.valueOf(p);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@return the transport in lower case, {@code udp} or {@code tcp}; null when the text has none} */
  public String protocol() {
    String p = field(2);
    return p == null ? null : p.toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * {@return the candidate type: {@code host}, {@code srflx}, {@code prflx} or {@code relay}; null when the text has
   * none}
   */
  public String type() {
    return field(7);
  }

  /** {@return whether the address is 127.0.0.0/8 or {@code ::1}} */
  public boolean isLoopback() {
    String a = address();
    return a != null && (a.startsWith("127.") || a.equals("::1"));
  }
}
