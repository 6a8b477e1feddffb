package dev.callflow.peer;

/** RTCPeerConnection.signalingState, reported by {@code signalingstatechange}. */
public enum SignalingState implements PeerState {
  STABLE, HAVE_LOCAL_OFFER, HAVE_REMOTE_OFFER, HAVE_LOCAL_PRANSWER, HAVE_REMOTE_PRANSWER, CLOSED;

  private static final WebNames<SignalingState> NAMES = new WebNames<>("signalingState", values(), WebNames::spell);

  @Override
  public EventKind change() {
    return EventKind.SIGNALING_STATE_CHANGE;
  }

  /**
   * The state the browser spells so.
   *
   * @throws IllegalArgumentException for a spelling that is not a signaling state, naming the ones that are
   */
  public static SignalingState fromWebName(String spelling) {
    return NAMES.parse(spelling);
  }

  static SignalingState find(String spelling) {
    return NAMES.find(spelling);
  }
}
