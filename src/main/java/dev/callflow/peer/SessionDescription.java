package dev.callflow.peer;

import java.util.Objects;

/**
 * An offer or answer.
 *
 * @param type {@code offer}, {@code answer}, {@code pranswer} or {@code rollback}
 * @param sdp the SDP text
 */
public record SessionDescription(String type, String sdp) {
  /**
   * A description; null SDP text becomes empty.
   *
   * @param type {@code offer}, {@code answer}, {@code pranswer} or {@code rollback}
   * @param sdp the SDP text, or null for none
   * @throws NullPointerException if {@code type} is null
   */
  public SessionDescription {
    Objects.requireNonNull(type, "type");
    sdp = sdp == null ? "" : sdp;
  }

  /**
   * {@return an offer with this SDP}
   *
   * @param sdp the SDP text
   */
  public static SessionDescription offer(String sdp) {
    return new SessionDescription("offer", sdp);
  }

  /**
   * {@return an answer with this SDP}
   *
   * @param sdp the SDP text
   */
  public static SessionDescription answer(String sdp) {
    return new SessionDescription("answer", sdp);
  }

  /**
   * {@return the same type of description with other SDP text, e.g. edited by a test}
   *
   * @param newSdp the SDP text
   */
  public SessionDescription withSdp(String newSdp) {
    return new SessionDescription(type, newSdp);
  }

  /**
   * {@return the value of the first {@code a=name:} line, session or media level, stripped; null when there is none}
   *
   * @param name the attribute's name without {@code a=}, e.g. {@code ice-ufrag}
   */
  public String attribute(String name) {
    String prefix = "a=" + name + ":";
    return sdp.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).strip()).findFirst().orElse(null);
  }
}
