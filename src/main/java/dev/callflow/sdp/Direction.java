package dev.callflow.sdp;

import java.util.Locale;

/** An RTCRtpTransceiver direction. */
public enum Direction {
  /** Sends and receives ({@code sendrecv}). */
  SENDRECV,
  /** Sends only ({@code sendonly}). */
  SENDONLY,
  /** Receives only ({@code recvonly}). */
  RECVONLY,
  /** Neither sends nor receives ({@code inactive}). */
  INACTIVE,
  /** A stopped transceiver ({@code stopped}); never written in SDP, where a stopped section has port 0. */
  STOPPED;

  /** {@return the name the WebRTC API and SDP use, e.g. {@code sendrecv}} */
  public String webName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * {@return the direction of this WebRTC name}
   *
   * @param name a name as the WebRTC API writes it, case ignored, e.g. {@code recvonly}
   * @throws IllegalArgumentException if the name is not a direction
   */
  public static Direction fromWebName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
