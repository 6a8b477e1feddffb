package dev.callflow.sdp;

/**
 * One line of an SDP, as written: {@code type=value}, with its 1-based position in the text.
 *
 * @param number the line number in the parsed text
 * @param type the one-letter type, e.g. {@code a}, {@code m}
 * @param value everything after {@code =}
 */
public record SdpLine(int number, char type, String value) {
  /**
   * {@return for an {@code a=} line, the attribute name: {@code rtpmap} in {@code a=rtpmap:111 opus/48000/2}}
   * For other lines, the value up to its first colon.
   */
  public String attributeName() {
    int colon = value.indexOf(':');
    return colon < 0 ? value : value.substring(0, colon);
  }

  /** {@return for an {@code a=name:value} line, the value; null for a flag attribute such as {@code a=rtcp-mux}} */
  public String attributeValue() {
    int colon = value.indexOf(':');
    return colon < 0 ? null : value.substring(colon + 1);
  }

  /**
   * {@return whether this is a direction attribute: {@code a=sendrecv}, {@code a=sendonly}, {@code a=recvonly} or
   * {@code a=inactive}}
   */
  public boolean isDirection() {
    return type == 'a' && (value.equals("sendrecv") || value.equals("sendonly") || value.equals("recvonly") || value.equals("inactive"));
  }

  /**
   * {@return whether this is an {@code a=} line of this attribute, flag or {@code name:value}}
   *
   * @param name the attribute's name without {@code a=}, e.g. {@code mid}
   */
  public boolean isAttribute(String name) {
    return type == 'a' && attributeName().equals(name);
  }

  /** {@return the line as written, without its line end, e.g. {@code a=mid:0}} */
  public String text() {
    return type + "=" + value;
  }

  @Override
  public String toString() {
    return text();
  }
}
