package dev.callflow.peer;

/** RTCPeerConnection.iceConnectionState, reported by {@code iceconnectionstatechange}. */
public enum IceConnectionState implements PeerState {
  /** Gathering candidates or waiting for the other side's ({@code new}). */
  NEW,
  /** Checking candidate pairs, none working yet ({@code checking}). */
  CHECKING,
  /** A working pair was found; checks may go on ({@code connected}). */
  CONNECTED,
  /** Checks are done and every component has a working pair ({@code completed}). */
  COMPLETED,
  /** A pair that worked stopped answering; it may come back ({@code disconnected}). */
  DISCONNECTED,
  /** Every pair failed ({@code failed}). */
  FAILED,
  /** The connection was closed ({@code closed}). */
  CLOSED;

  private static final WebNames<IceConnectionState> NAMES = new WebNames<>("iceConnectionState", values(), WebNames::spell);

  @Override
  public EventKind change() {
    return EventKind.ICE_CONNECTION_STATE_CHANGE;
  }

  /**
   * {@return the state the browser spells so}
   *
   * @param spelling the browser's spelling, e.g. {@code connected}
   * @throws IllegalArgumentException for a spelling that is not an ICE connection state, naming the ones that are
   */
  public static IceConnectionState fromWebName(String spelling) {
    return NAMES.parse(spelling);
  }

  static IceConnectionState find(String spelling) {
    return NAMES.find(spelling);
  }
}
