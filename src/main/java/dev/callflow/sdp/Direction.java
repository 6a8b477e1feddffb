package dev.callflow.sdp;

import java.util.Locale;

/** An RTCRtpTransceiver direction. */
public enum Direction {
  SENDRECV, SENDONLY, RECVONLY, INACTIVE, STOPPED;

  /** The name the WebRTC API uses, e.g. {@code sendrecv}. */
  public String webName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Direction fromWebName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
