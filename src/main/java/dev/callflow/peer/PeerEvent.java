package dev.callflow.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One thing the probe saw on a page (an API call, its result or error, a state change, a candidate, a
 * track, a data-channel event), or one Java added to the timeline. Immutable: typed accessors read what
 * tests usually need, and {@link #details()} hands out a copy of the rest.
 *
 * <pre>{@code
 * alice.awaitEvent("a video track", e -> e.is(EventKind.TRACK) && "video".equals(e.trackKind()), ofSeconds(5));
 * }</pre>
 */
public final class PeerEvent {
  /** The longest detail {@link #describe()} shows, "..." included. */
  private static final int ABBREVIATED = 120;
  private final String peer;
  private final String doc;
  private final String pc;
  private final long seq;
  private final double browserTime;
  private final long receivedNanos;
  private final EventKind kind;
  /** Never handed out: only copies of it leave this class. */
  private final JsonNode details;
  private final String stateName;
  private final PeerState state;

  /**
   * An event with a copy of these details.
   *
   * @param peer the peer's name
   * @param doc the document (page load, iframe) it happened in, as the probe named it; empty for Java's own events
   * @param pc the peer connection's name on its peer ({@code pc1}, {@code tab2/pc1}, ...; see {@link #pc()}),
   *     or null for page-level events
   * @param seq the order in which the page recorded it
   * @param browserTime the page's clock, epoch milliseconds
   * @param receivedNanos when Java received it ({@link System#nanoTime()}), for one order across peers
   * @param kind what it reports
   * @param details its details as the probe recorded them, e.g. {@code {"state":"connected"}}; copied
   */
  public PeerEvent(String peer, String doc, String pc, long seq, double browserTime, long receivedNanos, EventKind kind,
      JsonNode details) {
    this(kind, details == null ? null : details.deepCopy(), peer, doc, pc, seq, browserTime, receivedNanos);
  }

  /** Keeps {@code details} as they are: only for nodes nobody else holds. */
  private PeerEvent(EventKind kind, JsonNode details, String peer, String doc, String pc, long seq, double browserTime,
      long receivedNanos) {
    this.peer = peer;
    this.doc = doc;
    this.pc = pc;
    this.seq = seq;
    this.browserTime = browserTime;
    this.receivedNanos = receivedNanos;
    this.kind = Objects.requireNonNull(kind, "kind");
    this.details = details == null ? NullNode.getInstance() : details;
    this.stateName = kind.isStateChange() ? text(this.details.path("state")) : null;
    this.state = kind.state(stateName);
  }

  /** An event that keeps {@code details} without copying: the caller gives up the node. */
  static PeerEvent owning(String peer, String doc, String pc, long seq, double browserTime, long receivedNanos, EventKind kind,
      JsonNode details) {
    return new PeerEvent(kind, details, peer, doc, pc, seq, browserTime, receivedNanos);
  }

  /** The same event of the connection named {@code connection}: its details are shared, not copied. */
  PeerEvent renamed(String connection) {
    return new PeerEvent(kind, details, peer, doc, connection, seq, browserTime, receivedNanos);
  }

  /** {@return the name of the peer whose page it happened on} */
  public String peer() {
    return peer;
  }

  /** {@return the document (page load, iframe) it happened in, as the probe named it; empty for Java's own events} */
  public String doc() {
    return doc;
  }

  /**
   * {@return the peer connection's name on its peer, or null for page-level events} Names are unique across
   * the peer's documents: the probe's id ({@code pc1}, ...) in the top document of the peer's own tab, else
   * after where the connection lives: {@code tab2/pc1} in the second tab, {@code frame:call/pc1} in the
   * iframe named {@code call} (or of that id, or at that index), {@code page2/pc1} in a later page of a place
   * whose earlier page had connections too.
   */
  public String pc() {
    return pc;
  }

  /** {@return the order in which the page recorded it (0 for Java's own events)} */
  public long seq() {
    return seq;
  }

  /** {@return the page's clock when it happened, in milliseconds since the Unix epoch} */
  public double browserTime() {
    return browserTime;
  }

  /** {@return when Java received it ({@link System#nanoTime()}), for one order across peers} */
  public long receivedNanos() {
    return receivedNanos;
  }

  /** {@return what the event reports} */
  public EventKind kind() {
    return kind;
  }

  /**
   * {@return whether the event is of this kind}
   *
   * @param eventKind the kind to test for
   */
  public boolean is(EventKind eventKind) {
    return kind == eventKind;
  }

  /**
   * {@return the state a state change reports, of the type its kind implies} ({@link ConnectionState} for
   * {@code connectionstatechange}, ...); null for other events, and for a spelling Callflow does not
   * know (see {@link #stateName()}).
   */
  public PeerState state() {
    return state;
  }

  /**
   * {@return the browser's spelling of the state a state change reports, known to Callflow or not; null for other
   * events}
   */
  public String stateName() {
    return stateName;
  }

  /**
   * {@return whether this is a change to {@code closed} that close() made} The browser announces none, so the
   * probe records the signaling, ICE connection and connection states' changes itself, once.
   */
  public boolean isByClose() {
    return kind.isStateChange() && details.path("byClose").asBoolean(false);
  }

  /**
   * {@return the WebRTC method of a {@code call}, {@code result} or {@code error} event, e.g. {@code createOffer};
   * otherwise null}
   */
  public String method() {
    return is(EventKind.CALL) || is(EventKind.RESULT) || is(EventKind.ERROR) ? text(details.path("method")) : null;
  }

  /** {@return the name of the DOMException an error event reports, e.g. {@code NotAllowedError}; otherwise null} */
  public String errorName() {
    return isError() ? text(details.path("error").path("name")) : null;
  }

  /** {@return the browser's message of the DOMException an error event reports; otherwise null} */
  public String errorMessage() {
    return isError() ? text(details.path("error").path("message")) : null;
  }

  private boolean isError() {
    return is(EventKind.ERROR) || is(EventKind.GET_USER_MEDIA_ERROR) || is(EventKind.CHANNEL_ERROR);
  }

  /** The SCTP cause with which Chrome reports a data channel closed by either side as an error (RFC 4960, 3.3.10.12). */
  private static final int USER_INITIATED_ABORT = 12;

  /**
   * {@return whether this is an error of the page} That is a WebRTC or getUserMedia call that threw or rejected, a
   * data-channel error (not the one Chrome fires when either side closes: SCTP cause 12, User-Initiated Abort), a
   * console error, an uncaught exception or unhandled rejection, a resource that failed to load, or a
   * {@code probe-error} (events lost or unreadable). Failure messages list these first.
   */
  public boolean isPageError() {
    return switch (kind) {
      case ERROR, GET_USER_MEDIA_ERROR, RESOURCE_ERROR, PAGE_ERROR, PROBE_ERROR -> true;
      case CHANNEL_ERROR -> details.path("sctpCauseCode").asInt() != USER_INITIATED_ABORT;
      case CONSOLE -> consoleText() != null && consoleText().startsWith("error:");
      default -> false;
    };
  }

  /** {@return the candidate an {@code icecandidate} event reports; null for end-of-candidates and for other events} */
  public IceCandidate candidate() {
    JsonNode c = details.path("candidate");
    if (!is(EventKind.ICE_CANDIDATE) || !c.isObject()) {
      return null;
    }
    return new IceCandidate(text(c.path("candidate")), text(c.path("sdpMid")),
        c.path("sdpMLineIndex").isNumber() ? c.path("sdpMLineIndex").asInt() : null, text(c.path("usernameFragment")));
  }

  /** {@return whether this is the {@code icecandidate} event that ends gathering (its candidate is null)} */
  public boolean isEndOfCandidates() {
    return is(EventKind.ICE_CANDIDATE) && !details.path("candidate").isObject();
  }

  /**
   * {@return whether this is a candidate the candidate policy kept on its page} The page never saw it, the other
   * peer never gets it.
   */
  public boolean isWithheld() {
    return is(EventKind.ICE_CANDIDATE) && !details.path("allowed").asBoolean(true);
  }

  /** {@return the kind of track a {@code track} event reports ({@code audio}, {@code video}); otherwise null} */
  public String trackKind() {
    return is(EventKind.TRACK) ? text(details.path("track").path("kind")) : null;
  }

  /** {@return the media id of the transceiver a {@code track} event reports; otherwise null} */
  public String mid() {
    return is(EventKind.TRACK) ? text(details.path("mid")) : null;
  }

  /** {@return the label of the data channel a data-channel event is about; otherwise null} */
  public String channelLabel() {
    return switch (kind) {
      case DATA_CHANNEL, CHANNEL_OPEN, CHANNEL_CLOSE, CHANNEL_ERROR, CHANNEL_MESSAGE -> text(details.path("label"));
      default -> null;
    };
  }

  /** {@return the text of a {@code channelmessage} (a binary one reads {@code (binary n bytes)}); otherwise null} */
  public String channelMessage() {
    return is(EventKind.CHANNEL_MESSAGE) ? text(details.path("data")) : null;
  }

  /** {@return the line of a {@code console} event, e.g. {@code error: something broke}; otherwise null} */
  public String consoleText() {
    return is(EventKind.CONSOLE) ? text(details.path("text")) : null;
  }

  /**
   * {@return the label of a {@code mark} a test set with {@link Peer#mark(String)}, e.g. {@code clicked Call};
   * otherwise null}
   */
  public String markLabel() {
    return is(EventKind.MARK) ? text(details.path("label")) : null;
  }

  /**
   * {@return a copy of the event's details as the probe recorded them (a fresh copy each call: changing it changes
   * nothing)}
   */
  public JsonNode details() {
    return details.deepCopy();
  }

  /**
   * {@return the whole event as one line of JSON: {@code peer}, {@code doc}, {@code pc}, {@code seq}, times,
   * {@code type}, {@code data}}
   */
  public String json() {
    ObjectNode out = Json.object().put("peer", peer).put("doc", doc).put("pc", pc).put("seq", seq).put("browserTime", browserTime)
        .put("receivedNanos", receivedNanos).put("type", kind.webName());
    out.set("data", details);
    return out.toString();
  }

  /** {@return A one-line description for timelines and failure messages; long arguments, messages and details end in "..."} */
  public String describe() {
    return describe(ABBREVIATED);
  }

  /**
   * {@return the line of {@link #describe()} with nothing shortened, e.g. a whole SDP as a call's argument (its line breaks as
   * spaces), for reports that list every event}
   */
  public String describeInFull() {
    return describe(Integer.MAX_VALUE);
  }

  private String describe(int longest) {
    String where = pc == null ? peer : peer + "/" + pc;
    String detail = details.has("dropped") ? details.path("dropped").asText() : switch (kind) {
      case SIGNALING_STATE_CHANGE, ICE_GATHERING_STATE_CHANGE, ICE_CONNECTION_STATE_CHANGE, CONNECTION_STATE_CHANGE ->
          isByClose() ? stateName + " (by close())" : stateName;
      case CALL -> method() + "(" + abbreviate(details.path("args").toString(), longest) + ")";
      case RESULT -> method() + " ok";
      case ERROR, GET_USER_MEDIA_ERROR -> (method() == null ? "" : method() + " ") + errorName() + ": " + errorMessage();
      case ICE_CANDIDATE -> isEndOfCandidates() ? "end-of-candidates"
          : candidate().candidate() + (isWithheld() ? " (withheld by policy)" : "");
      case TRACK -> trackKind() + " mid=" + mid();
      case CHANNEL_MESSAGE -> channelLabel() + " <- " + abbreviate(String.valueOf(channelMessage()), longest);
      case CONSOLE -> abbreviate(String.valueOf(consoleText()), longest);
      case PAGE_ERROR -> uncaught();
      case RESOURCE_ERROR -> details.path("element").asText() + " " + abbreviate(details.path("url").asText(), longest) + " failed to load";
      case MARK -> markLabel();
      default -> abbreviate(details.isEmpty() ? "" : details.toString(), longest);
    };
    return where + " " + kind.webName() + (detail == null || detail.isEmpty() ? "" : " " + detail);
  }

  /** An uncaught exception's message and where it was thrown: {@code Uncaught ReferenceError: x is not defined at http://…/app.js:3:5}. */
  String uncaught() {
    String file = details.path("file").asText();
    return details.path("message").asText() + (file.isEmpty() ? ""
        : " at " + file + ":" + details.path("line").asInt() + ":" + details.path("column").asInt());
  }

  @Override
  public String toString() {
    return describe();
  }

  private static String text(JsonNode node) {
    return node.isTextual() ? node.asText() : null;
  }

  private static String abbreviate(String s, int longest) {
    String flat = s.replace("\\r\\n", " ").replace("\r\n", " ");
    return flat.length() <= longest ? flat : flat.substring(0, longest - 3) + "...";
  }
}
