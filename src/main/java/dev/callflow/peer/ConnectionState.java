package dev.callflow.peer;

import java.util.Locale;

/** RTCPeerConnection.connectionState. */
public enum ConnectionState {
  NEW, CONNECTING, CONNECTED, DISCONNECTED, FAILED, CLOSED;

  public String webName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ConnectionState fromWebName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
