package dev.callflow.peer;

/**
 * A state of an RTCPeerConnection, of one of the four kinds its state-change events report. The kind
 * is in the type, so a state names its own change event:
 *
 * <pre>{@code
 * assertThat(call.timeline()).neverReached("bob", ConnectionState.FAILED);
 * }</pre>
 */
public sealed interface PeerState permits SignalingState, IceGatheringState, IceConnectionState, ConnectionState {
  /**
   * {@return the browser's spelling, e.g. {@code have-local-offer}: the constant's name in lower case, words joined by
   * hyphens}
   */
  default String webName() {
    return WebNames.spell((Enum<?>) this);
  }

  /**
   * {@return the event that reports a change to a state of this kind, e.g. {@link EventKind#CONNECTION_STATE_CHANGE}}
   */
  EventKind change();
}
