package dev.callflow.peer;

/** RTCPeerConnection.iceConnectionState, reported by {@code iceconnectionstatechange}. */
public enum IceConnectionState implements PeerState {
  NEW, CHECKING, CONNECTED, COMPLETED, DISCONNECTED, FAILED, CLOSED;

  private static final WebNames<IceConnectionState> NAMES = new WebNames<>("iceConnectionState", values(), WebNames::spell);

  @Override
  public EventKind change() {
    return EventKind.ICE_CONNECTION_STATE_CHANGE;
  }

  /**
   * The state the browser spells so.
   *
   * @throws IllegalArgumentException for a spelling that is not an ICE connection state, naming the ones that are
   */
  public static IceConnectionState fromWebName(String spelling) {
    return NAMES.parse(spelling);
  }

  static IceConnectionState find(String spelling) {
    return NAMES.find(spelling);
  }
}
