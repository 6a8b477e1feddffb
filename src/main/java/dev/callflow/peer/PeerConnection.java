package dev.callflow.peer;

import dev.callflow.failure.CallflowException;
import dev.callflow.sdp.Direction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callflow.media.AudioCheck;
import dev.callflow.media.MediaQuality;
import dev.callflow.media.VideoCheck;
import dev.callflow.media.VideoFrame;
import dev.callflow.internal.Sampling;
import dev.callflow.internal.Wait;
import dev.callflow.stats.IceCandidateStats;
import dev.callflow.stats.StatsReport;
import dev.callflow.stats.StatsSeries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * One RTCPeerConnection on a peer's page. Every method is the WebRTC call of the same name, run in
 * the browser; a rejection comes back as a {@link DomException} with the browser's name and message.
 * States and events come from the probe, pushed as they happen.
 */
public final class PeerConnection {
  /** The pace of a wait or a check that asks the browser for stats: each round is a getStats() call. */
  private static final Duration STATS_EVERY = Duration.ofMillis(200);
  private final Peer peer;
  private final String doc;
  private final String id;
  /** The probe's id on its page: the last part of the name. */
  private final String probeId;
  /** Held while Callflow closes this connection or relays a candidate to it: no relayed candidate follows close(). */
  private final Object closing = new Object();
  private boolean closedByCallflow;

  /** The connection named {@code id} on its peer ({@code pc1}, {@code tab2/pc1}) in this document. */
  PeerConnection(Peer peer, String doc, String id) {
    this.peer = peer;
    this.doc = doc;
    this.id = id;
    this.probeId = id.substring(id.lastIndexOf('/') + 1);
  }

  /** {@return the peer whose page holds this connection} */
  public Peer peer() {
    return peer;
  }

  /**
   * {@return this connection's name on its peer, unique across the peer's pages, tabs and frames} It is the
   * probe's id ({@code pc1}) in the top document of the peer's own tab, else after where it lives:
   * {@code tab2/pc1}, {@code frame:call/pc1}, {@code page2/pc1} (see {@link PeerEvent#pc()}).
   */
  public String id() {
    return id;
  }

  JsonNode invoke(String operation, Consumer<ObjectNode> args) {
    ObjectNode o = Json.object().put("pc", probeId).put("doc", doc);
    args.accept(o);
    return peer.invoke(operation, o);
  }

  /**
   * createOffer with no options.
   *
   * @return the offer; not yet set as the local description
   * @throws DomException if the browser rejects it
   */
  public SessionDescription createOffer() {
    return createOffer(false);
  }

  /**
   * createOffer, with {@code iceRestart} set when asked.
   *
   * @param iceRestart whether the offer restarts ICE (new credentials)
   * @return the offer; not yet set as the local description
   * @throws DomException if the browser rejects it
   */
  public SessionDescription createOffer(boolean iceRestart) {
    return description(invoke("createOffer", o -> {
      if (iceRestart) {
        o.putObject("options").put("iceRestart", true);
      }
    }));
  }

  /**
   * createAnswer, to the remote offer set before.
   *
   * @return the answer; not yet set as the local description
   * @throws DomException if the browser rejects it, e.g. {@code InvalidStateError} without a remote offer
   */
  public SessionDescription createAnswer() {
    return description(invoke("createAnswer", o -> {}));
  }

  /**
   * setLocalDescription with this description.
   *
   * @param description an offer or answer, e.g. from {@link #createOffer()}, possibly edited
   * @return the local description the browser then holds
   * @throws DomException if the browser rejects it
   */
  public SessionDescription setLocalDescription(SessionDescription description) {
    return description(invoke("setLocalDescription", o -> o.putObject("description")
        .put("type", description.type()).put("sdp", description.sdp())));
  }

  /**
   * setLocalDescription() with no argument: the browser creates the offer or answer itself.
   *
   * @return the local description the browser then holds
   * @throws DomException if the browser rejects it
   */
  public SessionDescription setLocalDescription() {
    return description(invoke("setLocalDescription", o -> o.putNull("description")));
  }

  /**
   * createOffer (or createAnswer, for an {@code answer}) and setLocalDescription of it in one page operation: one
   * round trip instead of two, the same calls and events on the page. A step that fails is named in the
   * {@link DomException} as it would be on its own.
   *
   * @return the local description the browser then holds
   */
  SessionDescription setLocalDescription(String type) {
    return description(invoke(type.equals("answer") ? "answer" : "offer", o -> {}));
  }

  /** An offer and the answer to it set in one page operation, back to back (see {@link Call#restartIce()}). */
  void setLocalAndRemoteDescription(SessionDescription local, SessionDescription remote) {
    invoke("setLocalAndRemoteDescription", o -> {
      o.putObject("local").put("type", local.type()).put("sdp", local.sdp());
      o.putObject("remote").put("type", remote.type()).put("sdp", remote.sdp());
    });
  }

  /**
   * setRemoteDescription with the other side's description.
   *
   * @param description the other side's offer or answer
   * @throws DomException if the browser rejects it
   */
  public void setRemoteDescription(SessionDescription description) {
    invoke("setRemoteDescription", o -> o.putObject("description").put("type", description.type()).put("sdp", description.sdp()));
  }

  /**
   * addIceCandidate, with the fields of the candidate that are set.
   *
   * @param candidate a candidate the other side gathered
   * @throws DomException if the browser rejects it
   */
  public void addIceCandidate(IceCandidate candidate) {
    invoke("addIceCandidate", o -> init(o.putObject("candidate"), candidate));
  }

  /** The RTCIceCandidateInit of a candidate: the fields that are set. */
  private static void init(ObjectNode c, IceCandidate candidate) {
    c.put("candidate", candidate.candidate());
    if (candidate.sdpMid() != null) {
      c.put("sdpMid", candidate.sdpMid());
    }
    if (candidate.sdpMLineIndex() != null) {
      c.put("sdpMLineIndex", candidate.sdpMLineIndex());
    }
    if (candidate.usernameFragment() != null) {
      c.put("usernameFragment", candidate.usernameFragment());
    }
  }

  /**
   * addTrack: sends this local track.
   *
   * @param track a track of this peer, from {@link Peer#getUserMedia}
   * @return the transceivers afterwards
   * @throws DomException if the browser rejects it
   */
  public List<Transceiver> addTrack(Track track) {
    return transceivers(invoke("addTrack", o -> o.put("track", track.id())));
  }

  /**
   * addTrack of each track, in order, in one page operation: the same calls as {@link #addTrack(Track)} one by one.
   *
   * @param tracks tracks of this peer, from {@link Peer#getUserMedia}
   * @return the transceivers afterwards
   * @throws DomException if the browser rejects one; those before it are added
   */
  public List<Transceiver> addTracks(List<Track> tracks) {
    return transceivers(invoke("addTracks", o -> {
      var ids = o.putArray("tracks");
      tracks.forEach(t -> ids.add(t.id()));
    }));
  }

  /**
   * replaceTrack on the sender of this kind: sends {@code track} instead, or nothing when it is null
   * (the other side then keeps showing the last picture: frozen video). No renegotiation.
   *
   * @param kind {@code audio} or {@code video}
   * @param track a local track of that kind, or null to send nothing
   * @throws DomException if the browser rejects it
   */
  public void replaceTrack(String kind, Track track) {
    invoke("replaceTrack", o -> {
      o.put("kind", kind);
      if (track == null) {
        o.putNull("track");
      } else {
        o.put("track", track.id());
      }
    });
  }

  /**
   * removeTrack: stops sending this track; the transceiver stays. Renegotiate to tell the other side.
   *
   * @param track a track this connection sends
   * @throws DomException if the browser rejects it
   */
  public void removeTrack(Track track) {
    invoke("removeTrack", o -> o.put("track", track.id()));
  }

  /**
   * addTransceiver(kind, {direction}).
   *
   * @param kind {@code audio} or {@code video}
   * @param direction the new transceiver's direction
   * @return the transceivers afterwards
   * @throws DomException if the browser rejects it
   */
  public List<Transceiver> addTransceiver(String kind, Direction direction) {
    return transceivers(invoke("addTransceiver", o -> o.put("kind", kind).putObject("init").put("direction", direction.webName())));
  }

  /**
   * Sets the direction of the transceiver with this mid.
   *
   * @param mid the transceiver's negotiated mid
   * @param direction the new direction; it takes effect at the next negotiation
   * @return the transceivers afterwards
   * @throws DomException if the browser rejects it
   */
  public List<Transceiver> setDirection(String mid, Direction direction) {
    return transceivers(invoke("setDirection", o -> o.put("mid", mid).put("direction", direction.webName())));
  }

  /**
   * Sets the direction of the transceiver at this position, also before it has a mid.
   *
   * @param index the position in {@link #transceivers()}, from 0
   * @param direction the new direction; it takes effect at the next negotiation
   * @return the transceivers afterwards
   * @throws DomException if the browser rejects it
   */
  public List<Transceiver> setDirection(int index, Direction direction) {
    return transceivers(invoke("setDirection", o -> o.put("index", index).put("direction", direction.webName())));
  }

  /**
   * setCodecPreferences on every transceiver of this kind: these codecs ({@code video/VP9}) first, the
   * others after in the browser's order.
   *
   * @param kind {@code audio} or {@code video}
   * @param mimeTypes the preferred codecs, most preferred first, e.g. {@code video/VP9}
   * @return the resulting order of mime types
   * @throws DomException if the browser rejects it, e.g. {@code InvalidModificationError} for a codec it lacks
   */
  public List<String> setCodecPreferences(String kind, String... mimeTypes) {
    List<String> order = new ArrayList<>();
    invoke("setCodecPreferences", o -> {
      o.put("kind", kind);
      var array = o.putArray("mimeTypes");
      for (String m : mimeTypes) {
        array.add(m);
      }
    }).forEach(n -> order.add(n.asText()));
    return order;
  }

  /**
   * setCodecPreferences on every transceiver of this kind with only these codecs, in this order: every entry of
   * each mime type the browser has (all of H.264's profiles), nothing else. Name the formats that go with a codec
   * too, e.g. {@code video/rtx}, or they are not negotiated.
   *
   * <pre>{@code
   * call.caller().setOnlyCodecs("video", "video/VP9", "video/rtx");
   * }</pre>
   *
   * @param kind {@code audio} or {@code video}
   * @param mimeTypes the codecs to keep, most preferred first, e.g. {@code video/VP9}
   * @return the resulting mime types, one per capability entry
   * @throws DomException {@code InvalidModificationError} if the browser has none of them
   */
  public List<String> setOnlyCodecs(String kind, String... mimeTypes) {
    List<String> order = new ArrayList<>();
    invoke("setCodecPreferences", o -> {
      o.put("kind", kind).put("only", true);
      var array = o.putArray("mimeTypes");
      for (String m : mimeTypes) {
        array.add(m);
      }
    }).forEach(n -> order.add(n.asText()));
    return order;
  }

  /** {@return the transceivers now, in the browser's order} */
  public List<Transceiver> transceivers() {
    return transceivers(invoke("transceivers", o -> {}));
  }

  /**
   * createDataChannel with default options.
   *
   * @param label the channel's label, which names it on both sides
   * @return the channel; it opens once the connection is up
   * @throws DomException if the browser rejects it
   */
  public DataChannel createDataChannel(String label) {
    invoke("createDataChannel", o -> o.put("label", label));
    return new DataChannel(this, label);
  }

  /**
   * The type of a remote candidate of this connection's stats as the other side signalled it (its
   * {@code addIceCandidate} here), else as the browser names it: a browser calls a remote end
   * {@code prflx} when the other side's check arrived before the trickled candidate did.
   *
   * @param remote a {@code remote-candidate} of this connection's stats
   * @return {@code host}, {@code srflx}, {@code prflx} or {@code relay}; {@code prflx} also when the signalled
   *     candidates it may be are of several types (see {@link #signalledTypes}); {@code ?} when the browser reports no type
   */
  public String signalledType(IceCandidateStats remote) {
    String named = remote.candidateType().orElse("?");
    if (!named.equals("prflx")) {
      return named;
    }
    List<String> types = signalledTypes(remote);
    return types.size() == 1 ? types.get(0) : named;
  }

  /**
   * The types of the candidates the other side signalled that a {@code prflx} remote end may be. Chromium leaves a
   * prflx candidate's address out of its stats, so the port and protocol decide; behind a NAT that keeps ports, a
   * host and a srflx candidate share the port, and both are listed: this side cannot tell them apart (the other
   * side's own end can).
   *
   * @param remote a {@code remote-candidate} of this connection's stats
   * @return the distinct types, in the order signalled; empty if the end is no prflx or matches no signalled candidate
   */
  public List<String> signalledTypes(IceCandidateStats remote) {
    if (!remote.candidateType().filter("prflx"::equals).isPresent()) {
      return List.of();
    }
    return events().stream()
        .filter(e -> e.is(EventKind.CALL) && "addIceCandidate".equals(e.method()))
        .map(e -> new IceCandidate(e.details().path("args").path(0).path("candidate").asText(""), null, null, null))
        .filter(c -> c.type() != null && remote.address().filter(a -> !a.isEmpty()).map(a -> a.equals(c.address())).orElse(true)
            && c.port() != null && remote.port().orElse(-1) == c.port()
            && remote.protocol().filter(p -> p.equalsIgnoreCase(c.protocol())).isPresent())
        .map(IceCandidate::type).distinct().toList();
  }

  /**
   * {@return a data channel by label, whichever side created it} Nothing is checked here: the channel may
   * not exist yet.
   *
   * @param label the channel's label
   */
  public DataChannel channel(String label) {
    return new DataChannel(this, label);
  }

  /**
   * restartIce: the next offer restarts ICE.
   *
   * @throws DomException if the browser rejects it
   */
  public void restartIce() {
    invoke("restartIce", o -> {});
  }

  /**
   * close: ends the connection for good; its connection state becomes {@code closed}.
   */
  public void close() {
    synchronized (closing) {
      closedByCallflow = true;
      invoke("close", o -> {});
    }
  }

  /**
   * Adds candidates the other side of a call gathered, in order, in one page operation (each still an
   * addIceCandidate call of its own on the page), unless this connection is closed: candidates still on their
   * way when a call hangs up are dropped, not refused by the page as errors of their own. One the page refuses
   * goes to {@code refused} with its {@link DomException}; those after it are still added.
   */
  void addRelayedCandidates(List<IceCandidate> candidates, BiConsumer<IceCandidate, RuntimeException> refused) {
    JsonNode outcomes;
    synchronized (closing) {
      if (closedByCallflow || connectionState() == ConnectionState.CLOSED) {
        return;
      }
      outcomes = invoke("addIceCandidates", o -> {
        ArrayNode list = o.putArray("candidates");
        candidates.forEach(c -> init(list.addObject(), c));
      });
    }
    for (int i = 0; i < candidates.size(); i++) {
      JsonNode error = outcomes.path(i);
      if (error.isObject()) {
        refused.accept(candidates.get(i), new DomException(peer.name(), "addIceCandidate", error.path("name").asText(),
            error.path("message").asText(), null));
      }
    }
  }

  /** {@return the connection's getStats() now, typed} */
  public StatsReport getStats() {
    List<JsonNode> all = new ArrayList<>();
    invoke("getStats", o -> {}).forEach(all::add);
    return StatsReport.of(all);
  }

  /** {@return what this connection's first remote video element shows now} */
  public VideoFrame videoFrame() {
    JsonNode f = invoke("videoFrame", o -> {});
    return new VideoFrame(f.path("width").asInt(), f.path("height").asInt(), f.path("luma").asDouble(),
        f.path("hash").asInt(), f.path("time").asDouble(), f.path("drawn").asBoolean());
  }

  /**
   * getStats() every {@code every} for {@code total}, then the series. Sampling asks the browser, so
   * it is paced by the interval; everything else in Callflow waits on pushed events.
   *
   * @param every the interval between two getStats() calls
   * @param total how long to sample
   * @return the reports, oldest first
   */
  public StatsSeries sampleStats(Duration every, Duration total) {
    List<StatsReport> samples = new ArrayList<>();
    Sampling.every(every, total, () -> samples.add(getStats()));
    return StatsSeries.of(samples);
  }

  /**
   * Watches the remote video for a while: frames decoded, and the picture sampled from the page every 200 ms.
   *
   * @param over how long to watch
   * @return what was seen; its {@code playing()}, {@code frozen()} and {@code black()} say how the video was
   */
  public VideoCheck checkVideo(Duration over) {
    List<VideoFrame> frames = new ArrayList<>();
    StatsReport first = getStats();
    Sampling.every(Duration.ofMillis(200), over, () -> frames.add(videoFrame()));
    StatsReport last = getStats();
    StatsSeries series = StatsSeries.of(List.of(first, last));
    return new VideoCheck(frames, (long) series.delta(r -> r.inboundRtp("video").stream()
        .mapToLong(s -> s.framesDecoded().orElse(0)).sum()), series.seconds());
  }

  /**
   * Measures the media this connection receives for a while, as its page shows it: every frame each {@code <video>}
   * element showing its remote video presents ({@code requestVideoFrameCallback}), with the stamp of a synthetic camera
   * read from its picture, and the beeps of a synthetic microphone heard on its remote audio tracks. The page keeps the
   * samples; Java fetches them once, at the end.
   *
   * <pre>{@code
   * MediaQuality q = call.callee().measureMedia(Duration.ofSeconds(3));
   * q.video().delayPercentile(95); q.video().freezes(); q.syncOffset();
   * }</pre>
   *
   * @param over how long to measure; the call blocks this long
   * @return the frames and beeps received
   * @throws DomException {@code NotFoundError} if the page shows none of the connection's remote video and it has no
   *     remote audio track
   * @throws dev.callflow.failure.CallflowTimeoutError if the connection fails or closes meanwhile
   */
  public MediaQuality measureMedia(Duration over) {
    return MediaMeasurement.measure(this, over);
  }

  /**
   * Watches the remote audio for a while: bytes, samples and energy received, sampled through the period.
   *
   * @param over how long to watch
   * @return what was received; its {@code flowing()} and {@code audible()} say how the audio was
   */
  public AudioCheck checkAudio(Duration over) {
    StatsSeries series = sampleStats(STATS_EVERY, over);
    return new AudioCheck((long) series.delta(r -> r.inboundBytes("audio")),
        (long) series.delta(r -> r.inboundRtp("audio").stream().mapToLong(s -> s.totalSamplesReceived().orElse(0)).sum()),
        series.delta(r -> r.inboundRtp("audio").stream().mapToDouble(s -> s.totalAudioEnergy().orElse(0)).sum()),
        series.seconds());
  }

  /** {@return the local description the browser holds now (hermetic policy applied); empty before one is set} */
  public Optional<SessionDescription> localDescription() {
    return optionalDescription(invoke("descriptions", o -> {}).path("local"));
  }

  /** {@return the remote description the browser holds now; empty before one is set} */
  public Optional<SessionDescription> remoteDescription() {
    return optionalDescription(invoke("descriptions", o -> {}).path("remote"));
  }

  /** {@return this connection's events so far, in the page's order} */
  public List<PeerEvent> events() {
    return peer.events().stream().filter(e -> id.equals(e.pc()) && doc.equals(e.doc())).toList();
  }

  /** {@return the document (page load) this connection lives in, as the probe named it} */
  public String document() {
    return doc;
  }

  /**
   * {@return the connection state, from the last {@code connectionstatechange}} {@code NEW} before any,
   * {@code CLOSED} once close() was called (the probe records that change, which the browser does not announce).
   *
   * @throws CallflowException if the browser reported a state Callflow does not know (the timeline shows it)
   */
  public ConnectionState connectionState() {
    return lastState(ConnectionState.class, ConnectionState.NEW);
  }

  /**
   * {@return the ICE connection state, from the last {@code iceconnectionstatechange}; {@code NEW} before any}
   *
   * @throws CallflowException if the browser reported a state Callflow does not know (the timeline shows it)
   */
  public IceConnectionState iceConnectionState() {
    return lastState(IceConnectionState.class, IceConnectionState.NEW);
  }

  /**
   * {@return the ICE gathering state, from the last {@code icegatheringstatechange}; {@code NEW} before any}
   *
   * @throws CallflowException if the browser reported a state Callflow does not know (the timeline shows it)
   */
  public IceGatheringState iceGatheringState() {
    return lastState(IceGatheringState.class, IceGatheringState.NEW);
  }

  /**
   * {@return the signaling state, from the last {@code signalingstatechange}; {@code STABLE} before any}
   *
   * @throws CallflowException if the browser reported a state Callflow does not know (the timeline shows it)
   */
  public SignalingState signalingState() {
    return lastState(SignalingState.class, SignalingState.STABLE);
  }

  /**
   * The state the last change of this kind reported, or {@code before} if none came yet.
   *
   * @throws CallflowException if the browser spelled that state in a way Callflow does not know
   */
  private <S extends PeerState> S lastState(Class<S> type, S before) {
    PeerEvent last = lastChange(before.change());
    if (last == null) {
      return before;
    }
    if (last.state() == null) {
      throw new CallflowException(this + " reported " + last.kind().webName() + " '" + last.stateName()
          + "', a state Callflow does not know");
    }
    return type.cast(last.state());
  }

  /** The browser's spelling of the last state of this kind, known or not, for messages; {@code before}'s before any. */
  private String lastStateName(PeerState before) {
    PeerEvent last = lastChange(before.change());
    return last == null ? before.webName() : last.stateName();
  }

  private PeerEvent lastChange(EventKind change) {
    PeerEvent last = null;
    for (PeerEvent e : events()) {
      if (e.is(change)) {
        last = e;
      }
    }
    return last;
  }

  /**
   * Waits for this connection state (it may be reached already); stops at once on {@code failed} or
   * {@code closed} if those are not awaited.
   *
   * @param state the state to reach
   * @param timeout how long to wait at most
   * @return this connection
   * @throws dev.callflow.failure.CallflowTimeoutError if the timeout passes first, or the connection fails or closes
   */
  public PeerConnection awaitConnectionState(ConnectionState state, Duration timeout) {
    waitFor(this + " should reach connectionState '" + state.webName() + "'", timeout).await(() -> connectionState() == state);
    return this;
  }

  /**
   * Waits until an event of this connection matches, counting those that came before the wait.
   *
   * @param description what is awaited, for the failure message, e.g. {@code a track event}
   * @param matches the test an event must pass, e.g. from {@link EventMatcher}
   * @param timeout how long to wait at most
   * @return the first matching event
   * @throws dev.callflow.failure.CallflowTimeoutError if the timeout passes first, or the connection fails or closes
   */
  public PeerEvent awaitEvent(String description, Predicate<PeerEvent> matches, Duration timeout) {
    waitFor(this + " should see " + description, timeout).await(() -> events().stream().anyMatch(matches));
    return events().stream().filter(matches).findFirst().orElseThrow();
  }

  /**
   * Waits until bytes received on inbound RTP of this kind grow from the first getStats() sample;
   * stops at once if the connection fails or closes.
   *
   * @param kind {@code audio} or {@code video}
   * @param timeout how long to wait at most
   * @return this connection
   * @throws dev.callflow.failure.CallflowTimeoutError if the timeout passes first, or the connection fails or closes
   */
  public PeerConnection awaitInboundMedia(String kind, Duration timeout) {
    inboundMedia(kind, timeout).orThrow();
    return this;
  }

  /**
   * The one check that media arrives: inbound-rtp bytesReceived of this kind growing from the first
   * sample, asked every 200 ms. Its last-seen text says what the bytes did.
   *
   * @param kind {@code audio} or {@code video}
   * @param within how long to check at most
   * @return the outcome, not thrown: whether the bytes grew, and what was last seen
   */
  @API(status = API.Status.INTERNAL)
  public Wait.Outcome inboundMedia(String kind, Duration within) {
    long[] bytes = {-1, -1};
    return sampleFor(this + " should receive " + kind + " (inbound-rtp bytesReceived growing)", within)
        .lastSeen(() -> "bytesReceived stayed at " + Math.max(0, bytes[1]) + " (connectionState " + connectionState().webName() + ")")
        .check(() -> {
          bytes[1] = getStats().inboundBytes(kind);
          if (bytes[0] < 0) {
            bytes[0] = bytes[1];
          }
          return bytes[1] > bytes[0];
        });
  }

  /**
   * A wait on this connection's events: woken by each event of its peer, stopped at once when the
   * connection fails or closes, explained by its states and its peer's timeline.
   *
   * @param what what is awaited, for the failure message
   * @param within how long to wait at most
   * @return the wait, to be given its condition
   */
  @API(status = API.Status.INTERNAL)
  public Wait waitFor(String what, Duration within) {
    return peer.waitFor(what, within).failFastOn(this::terminalReason).lastSeen(this::describeState);
  }

  /**
   * As {@link #waitFor}, for a condition that asks the browser (getStats, the page's video): checked every 200 ms.
   *
   * @param what what is awaited, for the failure message
   * @param within how long to wait at most
   * @return the wait, to be given its condition
   */
  @API(status = API.Status.INTERNAL)
  public Wait sampleFor(String what, Duration within) {
    return peer.explainedWait(what, within).every(STATS_EVERY).failFastOn(this::terminalReason).lastSeen(this::describeState);
  }

  /**
   * Why this connection cannot carry a call any more, or null while it can: its browser ended, or its
   * connectionState is {@code failed} or {@code closed}. The one terminal-state rule of every wait on a connection or a call.
   */
  String terminalReason() {
    String gone = peer.browserGone();
    if (gone != null) {
      return gone;
    }
    ConnectionState s = connectionState();
    if (s != ConnectionState.FAILED && s != ConnectionState.CLOSED) {
      return null;
    }
    boolean byClose = lastChange(EventKind.CONNECTION_STATE_CHANGE).isByClose();
    return this + " connectionState is '" + s.webName() + "'" + (byClose ? " (close() was called)" : "");
  }

  /**
   * {@return one line for failure messages: the connection, ICE, signalling and gathering states, as the browser
   * spelled them}
   */
  public String describeState() {
    return this + " connection=" + lastStateName(ConnectionState.NEW) + ", ice=" + lastStateName(IceConnectionState.NEW)
        + ", signaling=" + lastStateName(SignalingState.STABLE) + ", gathering=" + lastStateName(IceGatheringState.NEW);
  }

  private static SessionDescription description(JsonNode node) {
    return new SessionDescription(node.path("type").asText(), node.path("sdp").asText());
  }

  private static Optional<SessionDescription> optionalDescription(JsonNode node) {
    return node.isObject() ? Optional.of(description(node)) : Optional.empty();
  }

  private static List<Transceiver> transceivers(JsonNode node) {
    List<Transceiver> out = new ArrayList<>();
    for (JsonNode t : node) {
      out.add(new Transceiver(t.path("mid").isTextual() ? t.path("mid").asText() : null, t.path("kind").asText(),
          Direction.fromWebName(t.path("direction").asText()),
          t.path("currentDirection").isTextual() ? Direction.fromWebName(t.path("currentDirection").asText()) : null,
          t.path("senderTrack").isTextual() ? t.path("senderTrack").asText() : null));
    }
    return out;
  }

  /**
   * addTransceiver(track, {sendEncodings}): sends this track with these encodings, e.g. three simulcast layers.
   *
   * @param track a local video track of this peer
   * @param sendEncodings the encodings, each with a rid when there are several
   * @return the transceivers afterwards
   * @throws DomException if the browser rejects it
   * @throws IllegalArgumentException if no encoding is given
   */
  public List<Transceiver> addTrack(Track track, List<Encoding> sendEncodings) {
    if (sendEncodings.isEmpty()) {
      throw new IllegalArgumentException("addTrack with encodings takes at least one encoding");
    }
    return transceivers(invoke("addTrackWithEncodings", o -> {
      o.put("track", track.id());
      var array = o.putArray("encodings");
      sendEncodings.forEach(e -> array.add(e.json()));
    }));
  }

  /**
   * {@return the encodings of the sender of this track, as its getParameters() has them}
   *
   * @param track a track this connection sends
   * @throws DomException if the track is not sent here
   */
  public List<Encoding> encodings(Track track) {
    List<Encoding> out = new ArrayList<>();
    invoke("encodings", o -> o.put("track", track.id())).forEach(e -> out.add(Encoding.of(e)));
    return out;
  }

  /**
   * setParameters on the sender of this track: each given encoding, found by its rid (or its place when it
   * has none), takes the fields that are set in it; the others stay. No renegotiation.
   *
   * @param track a track this connection sends
   * @param changes the encodings to change, e.g. {@code Encoding.rid("h").withActive(false)}
   * @return the encodings afterwards
   * @throws DomException if the browser rejects it, or names no encoding of that rid
   */
  public List<Encoding> setEncodings(Track track, List<Encoding> changes) {
    List<Encoding> out = new ArrayList<>();
    invoke("setEncodings", o -> {
      o.put("track", track.id());
      var array = o.putArray("encodings");
      changes.forEach(e -> array.add(e.json()));
    }).forEach(e -> out.add(Encoding.of(e)));
    return out;
  }

  /**
   * insertDTMF on the sender of this audio track. The probe records the call and each {@code tonechange}
   * ({@link EventKind#TONE_CHANGE}); {@link #awaitTones} waits for them.
   *
   * @param track an audio track this connection sends
   * @param tones the tones, {@code 0-9 A-D # *} and {@code ,} for a 2 s pause
   * @param duration how long each tone plays (40 ms to 6 s)
   * @param gap the silence between tones (30 ms or more)
   * @throws DomException if the browser rejects it, e.g. {@code InvalidStateError} before the call connects or
   *     {@code InvalidCharacterError} for a tone it does not know; {@code NotSupportedError} if the sender has no DTMF
   */
  public void insertDtmf(Track track, String tones, Duration duration, Duration gap) {
    invoke("insertDtmf", o -> o.put("track", track.id()).put("tones", tones)
        .put("duration", duration.toMillis()).put("gap", gap.toMillis()));
  }

  /** {@return the tones the DTMF senders of this connection played so far, in order, each upper-cased as the browser reports it} */
  public String tonesPlayed() {
    StringBuilder played = new StringBuilder();
    events().stream().filter(e -> e.is(EventKind.TONE_CHANGE)).forEach(e -> played.append(e.details().path("tone").asText("")));
    return played.toString();
  }

  /**
   * Waits until the DTMF senders of this connection have played these tones, in order, and their buffer is empty
   * (the browser's last {@code tonechange} with an empty tone).
   *
   * @param tones the tones expected, e.g. {@code 123#}
   * @param timeout how long to wait at most (each tone takes its duration and gap)
   * @return this connection
   * @throws dev.callflow.failure.CallflowTimeoutError if the timeout passes first, saying what was played
   */
  public PeerConnection awaitTones(String tones, Duration timeout) {
    waitFor(this + " should play DTMF tones '" + tones + "' (tonechange events)", timeout)
        .lastSeen(() -> "tones played: '" + tonesPlayed() + "'")
        .await(() -> tonesPlayed().equals(tones) && events().stream().filter(e -> e.is(EventKind.TONE_CHANGE))
            .reduce((a, b) -> b).map(e -> e.details().path("tone").asText("").isEmpty()).orElse(false));
    return this;
  }

  /** The W3C perfect-negotiation role of this connection on the reference page (see {@link Call#glare()}). */
  void setPolite(boolean polite) {
    invoke("setPolite", o -> o.put("polite", polite));
  }

  /** The reference page's negotiationneeded handler of perfect negotiation: setLocalDescription() with makingOffer set. */
  SessionDescription makeOffer() {
    return description(invoke("makeOffer", o -> {}));
  }

  /** What the perfect-negotiation handler did with a description from the other side. */
  record Received(boolean ignored, boolean rolledBack, SessionDescription answer) {}

  /** The reference page's perfect-negotiation message handler: ignores, or rolls back and answers, or applies. */
  Received receiveDescription(SessionDescription description) {
    JsonNode r = invoke("receiveDescription", o -> o.putObject("description").put("type", description.type()).put("sdp", description.sdp()));
    return new Received(r.path("ignored").asBoolean(), r.path("rolledBack").asBoolean(), optionalDescription(r.path("answer")).orElse(null));
  }

  @Override
  public String toString() {
    return peer.name() + "/" + id;
  }
}
