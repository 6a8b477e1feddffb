package dev.callflow.peer;

/** RTCPeerConnection.signalingState, reported by {@code signalingstatechange}. */
public enum SignalingState implements PeerState {
  /** No offer/answer exchange in progress ({@code stable}). */
  STABLE,
  /** A local offer is set; the answer is awaited ({@code have-local-offer}). */
  HAVE_LOCAL_OFFER,
  /** A remote offer is set; an answer is due ({@code have-remote-offer}). */
  HAVE_REMOTE_OFFER,
  /** A remote offer and a local provisional answer are set ({@code have-local-pranswer}). */
  HAVE_LOCAL_PRANSWER,
  /** A local offer and a remote provisional answer are set ({@code have-remote-pranswer}). */
  HAVE_REMOTE_PRANSWER,
  /** The connection was closed ({@code closed}). */
  CLOSED;

  private static final WebNames<SignalingState> NAMES = new WebNames<>("signalingState", values(), WebNames::spell);

  @Override
  public EventKind change() {
    return EventKind.SIGNALING_STATE_CHANGE;
  }

  /**
   * {@return the state the browser spells so}
   *
   * @param spelling the browser's spelling, e.g. {@code connected}
   * @throws IllegalArgumentException for a spelling that is not a signaling state, naming the ones that are
   */
  public static SignalingState fromWebName(String spelling) {
    return NAMES.parse(spelling);
  }

  static SignalingState find(String spelling) {
    return NAMES.find(spelling);
  }
}
