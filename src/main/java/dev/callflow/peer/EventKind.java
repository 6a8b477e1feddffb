package dev.callflow.peer;

/**
 * What a {@link PeerEvent} reports: the kinds the probe records on a page, and those Java adds to the
 * timeline itself. Each has the spelling the probe and the timeline use, e.g. {@code connectionstatechange}.
 */
public enum EventKind {
  /** The probe started in a document (a page load, an iframe); details: {@code url}, {@code userAgent}. */
  PROBE("probe"),
  /** An event that could not be read, or a note of events lost before they reached Java; details: {@code message}. */
  PROBE_ERROR("probe-error"),
  /** An RTCPeerConnection was constructed; details: {@code configuration}, {@code iceServersRemoved}. */
  CREATED("created"),
  /** A change of {@link SignalingState}. */
  SIGNALING_STATE_CHANGE("signalingstatechange"),
  /** A change of {@link IceGatheringState}. */
  ICE_GATHERING_STATE_CHANGE("icegatheringstatechange"),
  /** A change of {@link IceConnectionState}. */
  ICE_CONNECTION_STATE_CHANGE("iceconnectionstatechange"),
  /** A change of {@link ConnectionState}. */
  CONNECTION_STATE_CHANGE("connectionstatechange"),
  /** A local candidate was gathered, or gathering ended: see {@link PeerEvent#candidate()}. */
  ICE_CANDIDATE("icecandidate"),
  /** A STUN or TURN server could not be used; details: {@code url}, {@code errorCode}, {@code errorText}. */
  ICE_CANDIDATE_ERROR("icecandidateerror"),
  /** The connection needs a new offer. */
  NEGOTIATION_NEEDED("negotiationneeded"),
  /** A remote track arrived: see {@link PeerEvent#trackKind()} and {@link PeerEvent#mid()}. */
  TRACK("track"),
  /** The remote peer opened a data channel: see {@link PeerEvent#channelLabel()}. */
  DATA_CHANNEL("datachannel"),
  /** A WebRTC method was called: see {@link PeerEvent#method()}; details: {@code args}. */
  CALL("call"),
  /** A WebRTC method returned or resolved; details: {@code value}. */
  RESULT("result"),
  /** A WebRTC method threw or rejected: see {@link PeerEvent#errorName()}. */
  ERROR("error"),
  /** A data channel opened. */
  CHANNEL_OPEN("channelopen"),
  /** A data channel closed. */
  CHANNEL_CLOSE("channelclose"),
  /** A data channel failed: see {@link PeerEvent#errorName()}. */
  CHANNEL_ERROR("channelerror"),
  /** A data-channel message arrived: see {@link PeerEvent#channelMessage()}. */
  CHANNEL_MESSAGE("channelmessage"),
  /** The page asked for camera or microphone; details: {@code constraints}. */
  GET_USER_MEDIA("getusermedia"),
  /** getUserMedia gave a stream; details: {@code stream}, {@code tracks}. */
  GET_USER_MEDIA_RESULT("getusermediaresult"),
  /** getUserMedia failed: see {@link PeerEvent#errorName()}. */
  GET_USER_MEDIA_ERROR("getusermediaerror"),
  /** An element of the page (a script, an image, a stylesheet...) failed to load; details: {@code element}, {@code url}. */
  RESOURCE_ERROR("resourceerror"),
  /**
   * An exception the page did not catch, or a promise rejection nobody handled; details: {@code name},
   * {@code message}, {@code file}, {@code line}, {@code column} (empty and 0 for a rejection).
   */
  PAGE_ERROR("pageerror"),
  /** Recorded by Java: a console entry of the page: see {@link PeerEvent#consoleText()}. */
  CONSOLE("console"),
  /** Recorded by Java: an event listener threw; details: {@code event}, {@code error}. */
  LISTENER_ERROR("listenererror"),
  /** Recorded by Java: a signal hook threw; details: {@code signal}, {@code error}. */
  HOOK_ERROR("hookerror"),
  /** Recorded by Java: a relayed candidate could not be added; details: {@code candidate}, {@code error}. */
  RELAY_ERROR("relayerror"),
  /** Recorded by Java: a mark the test set with {@link Peer#mark(String)}: see {@link PeerEvent#markLabel()}. */
  MARK("mark"),
  /** An RTCDTMFSender played a tone (an empty one when its buffer has played out); details: {@code tone}. */
  TONE_CHANGE("tonechange");

  private static final WebNames<EventKind> NAMES = new WebNames<>("event kind", values(), EventKind::webName);

  private final String webName;

  EventKind(String webName) {
    this.webName = webName;
  }

  /** {@return the spelling the probe and the timeline use, e.g. {@code connectionstatechange}} */
  public String webName() {
    return webName;
  }

  /** {@return whether this is one of the four changes that report a {@link PeerState}} */
  public boolean isStateChange() {
    return this == SIGNALING_STATE_CHANGE || this == ICE_GATHERING_STATE_CHANGE || this == ICE_CONNECTION_STATE_CHANGE
        || this == CONNECTION_STATE_CHANGE;
  }

  /**
   * {@return the kind spelled so}
   *
   * @param spelling the probe's spelling, e.g. {@code icecandidate}
   * @throws IllegalArgumentException for a spelling that is not an event kind, naming the ones that are
   */
  public static EventKind fromWebName(String spelling) {
    return NAMES.parse(spelling);
  }

  static EventKind find(String spelling) {
    return NAMES.find(spelling);
  }

  /** The state this change reports under that spelling; null if this is no state change or the spelling unknown. */
  PeerState state(String spelling) {
    return switch (this) {
      case SIGNALING_STATE_CHANGE -> SignalingState.find(spelling);
      case ICE_GATHERING_STATE_CHANGE -> IceGatheringState.find(spelling);
      case ICE_CONNECTION_STATE_CHANGE -> IceConnectionState.find(spelling);
      case CONNECTION_STATE_CHANGE -> ConnectionState.find(spelling);
      default -> null;
    };
  }
}
