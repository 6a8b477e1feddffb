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

  /** The connection address, e.g. {@code 127.0.0.1}. */
  public String address() {
    return field(4);
  }

  /** The port, or null when the text has none. */
  public Integer port() {
    String p = field(5);
    try {
      return p == null ? null : Integer.valueOf(p);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code udp} or {@code tcp}. */
  public String protocol() {
    String p = field(2);
    return p == null ? null : p.toLowerCase(java.util.Locale.ROOT);
  }

  /** {@code host}, {@code srflx}, {@code prflx} or {@code relay}. */
  public String type() {
    return field(7);
  }

  public boolean isLoopback() {
    String a = address();
    return a != null && (a.startsWith("127.") || a.equals("::1"));
  }
}
