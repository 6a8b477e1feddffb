package dev.callflow.peer;

/** RTCPeerConnection.iceGatheringState, reported by {@code icegatheringstatechange}. */
public enum IceGatheringState implements PeerState {
  /** Nothing gathered yet ({@code new}). */
  NEW,
  /** Gathering candidates ({@code gathering}). */
  GATHERING,
  /** Gathering finished: end-of-candidates was signalled ({@code complete}). */
  COMPLETE;

  private static final WebNames<IceGatheringState> NAMES = new WebNames<>("iceGatheringState", values(), WebNames::spell);

  @Override
  public EventKind change() {
    return EventKind.ICE_GATHERING_STATE_CHANGE;
  }

  /**
   * {@return the state the browser spells so}
   *
   * @param spelling the browser's spelling, e.g. {@code connected}
   * @throws IllegalArgumentException for a spelling that is not an ICE gathering state, naming the ones that are
   */
  public static IceGatheringState fromWebName(String spelling) {
    return NAMES.parse(spelling);
  }

  static IceGatheringState find(String spelling) {
    return NAMES.find(spelling);
  }
}
