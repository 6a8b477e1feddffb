package dev.callflow.net;

/** How a browser reaches a TURN server: the {@code relayProtocol} of its relay candidates. */
public enum TurnTransport {
  /** TURN over UDP: {@code turn:127.0.0.1:<port>?transport=udp}. */
  UDP("udp"),
  /** TURN over TCP: {@code turn:127.0.0.1:<port>?transport=tcp}. */
  TCP("tcp"),
  /** TURN over TLS over TCP: {@code turns:127.0.0.1:<port>?transport=tcp}. */
  TLS("tls");

  private final String id;

  TurnTransport(String id) {
    this.id = id;
  }

  /** {@return the name getStats gives it as a relay candidate's {@code relayProtocol}: {@code udp}, {@code tcp} or {@code tls}} */
  public String id() {
    return id;
  }
}
