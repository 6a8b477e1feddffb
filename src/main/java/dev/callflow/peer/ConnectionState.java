package dev.callflow.peer;

/** RTCPeerConnection.connectionState, reported by {@code connectionstatechange}. */
public enum ConnectionState implements PeerState {
  /** No transport has started yet ({@code new}). */
  NEW,
  /** A transport is checking ICE or negotiating DTLS ({@code connecting}). */
  CONNECTING,
  /** Every transport in use is connected: media and data can flow ({@code connected}). */
  CONNECTED,
  /** A transport lost connectivity; it may come back ({@code disconnected}). */
  DISCONNECTED,
  /** A transport failed for good; only an ICE restart can recover ({@code failed}). */
  FAILED,
  /** The connection was closed ({@code closed}). */
  CLOSED;

  private static final WebNames<ConnectionState> NAMES = new WebNames<>("connectionState", values(), WebNames::spell);

  @Override
  public EventKind change() {
    return EventKind.CONNECTION_STATE_CHANGE;
  }

  /**
   * {@return the state the browser spells so}
   *
   * @param spelling the browser's spelling, e.g. {@code connected}
   * @throws IllegalArgumentException for a spelling that is not a connection state, naming the ones that are
   */
  public static ConnectionState fromWebName(String spelling) {
    return NAMES.parse(spelling);
  }

  static ConnectionState find(String spelling) {
    return NAMES.find(spelling);
  }
}
