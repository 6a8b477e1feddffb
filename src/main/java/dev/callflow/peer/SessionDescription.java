package dev.callflow.peer;

import java.util.Objects;

/**
 * An offer or answer.
 *
 * @param type {@code offer}, {@code answer}, {@code pranswer} or {@code rollback}
 * @param sdp the SDP text
 */
public record SessionDescription(String type, String sdp) {
  public SessionDescription {
    Objects.requireNonNull(type, "type");
    sdp = sdp == null ? "" : sdp;
  }

  public static SessionDescription offer(String sdp) {
    return new SessionDescription("offer", sdp);
  }

  public static SessionDescription answer(String sdp) {
    return new SessionDescription("answer", sdp);
  }

  /** The same description with other SDP text. */
  public SessionDescription withSdp(String newSdp) {
    return new SessionDescription(type, newSdp);
  }

  /** The value of the first {@code a=name:} line, or null. */
  public String attribute(String name) {
    String prefix = "a=" + name + ":";
    return sdp.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).strip()).findFirst().orElse(null);
  }
}
