package dev.callflow.sdp;

/**
 * One line of an SDP, as written: {@code type=value}, with its 1-based position in the text.
 *
 * @param number the line number in the parsed text
 * @param type the one-letter type, e.g. {@code a}, {@code m}
 * @param value everything after {@code =}
 */
public record SdpLine(int number, char type, String value) {
  /** For an {@code a=} line, the attribute name: {@code rtpmap} in {@code a=rtpmap:111 opus/48000/2}. */
  public String attributeName() {
    int colon = value.indexOf(':');
    return colon < 0 ? value : value.substring(0, colon);
  }

  /** For an {@code a=name:value} line, the value; null for a flag attribute such as {@code a=rtcp-mux}. */
  public String attributeValue() {
    int colon = value.indexOf(':');
    return colon < 0 ? null : value.substring(colon + 1);
  }

  /** True for a direction attribute: {@code a=sendrecv}, {@code a=sendonly}, {@code a=recvonly}, {@code a=inactive}. */
  public boolean isDirection() {
    return type == 'a' && (value.equals("sendrecv") || value.equals("sendonly") || value.equals("recvonly") || value.equals("inactive"));
  }

  public boolean isAttribute(String name) {
    return type == 'a' && attributeName().equals(name);
  }

  /** The line as written, e.g. {@code a=mid:0}. */
  public String text() {
    return type + "=" + value;
  }

  @Override
  public String toString() {
    return text();
  }
}
