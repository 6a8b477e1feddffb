package dev.callflow.peer;

/** RTCPeerConnection.connectionState, reported by {@code connectionstatechange}. */
public enum ConnectionState implements PeerState {
  NEW, CONNECTING, CONNECTED, DISCONNECTED, FAILED, CLOSED;

  private static final WebNames<ConnectionState> NAMES = new WebNames<>("connectionState", values(), WebNames::spell);

  @Override
  public EventKind change() {
    return EventKind.CONNECTION_STATE_CHANGE;
  }

  /**
   * The state the browser spells so.
   *
   * @throws IllegalArgumentException for a spelling that is not a connection state, naming the ones that are
   */
  public static ConnectionState fromWebName(String spelling) {
    return NAMES.parse(spelling);
  }

  static ConnectionState find(String spelling) {
    return NAMES.find(spelling);
  }
}
