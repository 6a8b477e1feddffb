package dev.callflow.assertions;

import static dev.callflow.internal.assertions.ShouldSendVideo.shouldSendVideoAtMost;
import static dev.callflow.internal.assertions.ShouldSendVideo.shouldSendVideoResolution;
import static dev.callflow.internal.assertions.ShouldSendLayers.shouldHaveStoppedLayer;
import static dev.callflow.internal.assertions.ShouldSendLayers.shouldSendLayers;
import static dev.callflow.internal.assertions.ShouldHaveAudio.shouldHaveAudio;
import static dev.callflow.internal.assertions.ShouldHaveConnectionState.shouldHaveConnectionState;
import static dev.callflow.internal.assertions.ShouldHaveMediaFlowing.shouldHaveMediaFlowing;
import static dev.callflow.internal.assertions.ShouldHaveVideo.shouldHaveVideo;
import static dev.callflow.internal.assertions.ShouldHaveVideoResolution.shouldHaveVideoResolution;
import static dev.callflow.internal.assertions.ShouldReceiveCodec.shouldReceiveCodec;
import static dev.callflow.internal.assertions.ShouldUseCandidates.shouldUseCandidates;
import static dev.callflow.internal.assertions.ShouldUseRelay.shouldUseAllocationOf;
import static dev.callflow.internal.assertions.ShouldUseRelay.shouldUseRelay;

import dev.callflow.failure.CallflowTimeoutError;
import dev.callflow.internal.Wait;
import dev.callflow.media.AudioCheck;
import dev.callflow.media.VideoCheck;
import dev.callflow.media.VideoFrame;
import dev.callflow.net.TurnServer;
import dev.callflow.net.TurnTransport;
import dev.callflow.peer.ConnectionState;
import dev.callflow.peer.DomException;
import dev.callflow.peer.PeerConnection;
import dev.callflow.stats.OutboundRtpStats;
import dev.callflow.stats.IceCandidateStats;
import dev.callflow.stats.SelectedPair;
import dev.callflow.stats.StatsSeries;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Assertions on a live connection. Those that take {@code within} are waits: they keep checking (getStats,
 * the page's video) until the condition holds or the time is up, and stop at once if the connection fails
 * or closes. Their failure is a {@link CallflowTimeoutError}, like that of every {@code await…} method: it
 * is an {@link AssertionError}, so {@link CallflowSoftAssertions} collects it, and its message is the
 * assertion's own (with any {@code as(...)} description), then why it stopped early if it did, the last
 * state seen and the timeline.
 */
public class PeerConnectionAssert extends AbstractAssert<PeerConnectionAssert, PeerConnection> {
  private static final Duration CHECK = Duration.ofMillis(600);
  /** How long {@link #video()} and {@link #audio()} measure. */
  private static final int MEDIA_SECONDS = 3;
  /** How long a pair assertion reads the stats again while the browser has marked no pair in use. */
  private static final Duration SELECTED_PAIR_WITHIN = Duration.ofSeconds(2);
  /**
   * Chrome's fake microphone beeps for 20 ms every 500 ms and is silent in between: an audio check must
   * span well over one interval, or a live call can look silent under load.
   */
  private static final Duration AUDIO_CHECK = Duration.ofMillis(1200);

  /**
   * Assertions on this connection; {@link CallflowAssertions#assertThat(PeerConnection)} is the usual way in.
   *
   * @param actual the connection, checked for null by each assertion
   */
  public PeerConnectionAssert(PeerConnection actual) {
    super(actual, PeerConnectionAssert.class);
  }

  /**
   * The connection state is {@code connected} now; no waiting (see {@link PeerConnection#awaitConnectionState}).
   *
   * @return this assertion, to chain more
   * @throws AssertionError if it is not, naming the connection, ICE, signalling and gathering states
   */
  public PeerConnectionAssert isConnected() {
    return hasConnectionState(ConnectionState.CONNECTED);
  }

  /**
   * The connection state is this one now; no waiting.
   *
   * @param state the expected state
   * @return this assertion, to chain more
   * @throws AssertionError if it is not, naming the connection, ICE, signalling and gathering states
   */
  public PeerConnectionAssert hasConnectionState(ConnectionState state) {
    isNotNull();
    if (actual.connectionState() != state) {
      throwAssertionError(shouldHaveConnectionState(actual.toString(), state.webName(), actual.describeState()));
    }
    return this;
  }

  /**
   * Inbound RTP of this kind grows within the time (bytesReceived between getStats samples).
   *
   * @param kind {@code audio} or {@code video}
   * @param within how long to keep checking at most
   * @return this assertion, to chain more
   * @throws dev.callflow.failure.CallflowTimeoutError if it does not hold in time, or the connection fails or closes
   */
  public PeerConnectionAssert hasInboundMediaFlowing(String kind, Duration within) {
    isNotNull();
    Wait.Outcome outcome = actual.inboundMedia(kind, within);
    if (!outcome.met()) {
      failWaiting(shouldHaveMediaFlowing(actual.toString(), kind, format(within), outcome.lastSeen()), outcome);
    }
    return this;
  }

  /**
   * Media of this codec arrives within the time: the inbound-rtp of its kind names it (codecId to the codec's
   * mimeType, ignoring case) and its bytesReceived, and for video its framesDecoded, grow between getStats samples.
   *
   * <pre>{@code
   * assertThat(call.callee()).receivesCodec("video/VP9", ofSeconds(5));
   * }</pre>
   *
   * @param mimeType the codec, e.g. {@code video/VP9} or {@code audio/opus}
   * @param within how long to keep checking at most
   * @return this assertion, to chain more
   * @throws IllegalArgumentException if the mime type is not audio/... or video/...
   * @throws dev.callflow.failure.CallflowTimeoutError if it does not hold in time (another codec arrives, or none), or the
   *     connection fails or closes
   */
  public PeerConnectionAssert receivesCodec(String mimeType, Duration within) {
    isNotNull();
    String kind = mimeType.contains("/") ? mimeType.substring(0, mimeType.indexOf('/')).toLowerCase(java.util.Locale.ROOT) : "";
    if (!kind.equals("audio") && !kind.equals("video")) {
      throw new IllegalArgumentException("Not a codec's mime type: '" + mimeType + "' (e.g. video/VP9 or audio/opus)");
    }
    boolean video = kind.equals("video");
    long[] first = {-1, -1};
    long[] last = {-1, 0};
    String[] codec = {""};
    Wait.Outcome outcome = actual.sampleFor(actual + " should receive " + mimeType, within).check(() -> {
      dev.callflow.stats.StatsReport stats = actual.getStats();
      var in = stats.inboundRtp(kind).stream().findFirst();
      if (in.isEmpty()) {
        return false;
      }
      codec[0] = stats.codecOf(in.get()).flatMap(c -> c.mimeType()).orElse("");
      last[0] = in.get().bytesReceived().orElse(0);
      last[1] = in.get().framesDecoded().orElse(0);
      if (first[0] < 0 || !codec[0].equalsIgnoreCase(mimeType)) {
        first[0] = last[0];
        first[1] = last[1];
        return false;
      }
      return last[0] > first[0] && (!video || last[1] > first[1]);
    });
    if (!outcome.met()) {
      String seen = last[0] < 0 ? "no " + kind + " inbound-rtp was seen"
          : (codec[0].isEmpty() ? "the inbound-rtp named no codec" : "it received " + codec[0]) + ": bytesReceived " + last[0]
              + (video ? ", framesDecoded " + last[1] : "");
      failWaiting(shouldReceiveCodec(actual.toString(), mimeType, format(within), video ? "bytesReceived and framesDecoded"
          : "bytesReceived", seen), outcome);
    }
    return this;
  }

  /**
   * The remote video plays: frames decoded, the picture changing, not black.
   *
   * @param within how long to keep checking at most
   * @return this assertion, to chain more
   * @throws dev.callflow.failure.CallflowTimeoutError if it does not hold in time, or the connection fails or closes
   */
  public PeerConnectionAssert hasVideoPlaying(Duration within) {
    return video("playing", VideoCheck::playing, within);
  }

  /**
   * The remote video shows only black frames (for example, the sender disabled its track).
   *
   * @param within how long to keep checking at most
   * @return this assertion, to chain more
   * @throws dev.callflow.failure.CallflowTimeoutError if it does not hold in time, or the connection fails or closes
   */
  public PeerConnectionAssert hasBlackVideo(Duration within) {
    return video("black", VideoCheck::black, within);
  }

  /**
   * The remote picture does not change (frozen), e.g. after the sender replaced its track with none.
   *
   * @param within how long to keep checking at most
   * @return this assertion, to chain more
   * @throws dev.callflow.failure.CallflowTimeoutError if it does not hold in time, or the connection fails or closes
   */
  public PeerConnectionAssert hasFrozenVideo(Duration within) {
    return video("frozen", VideoCheck::frozen, within);
  }

  private PeerConnectionAssert video(String expected, Predicate<VideoCheck> condition, Duration within) {
    isNotNull();
    Object[] last = {null};
    Wait.Outcome outcome = keepChecking("should show " + expected + " video", within, () -> {
      last[0] = videoOnPage(() -> actual.checkVideo(CHECK));
      return last[0] instanceof VideoCheck check && condition.test(check);
    });
    if (!outcome.met()) {
      failWaiting(shouldHaveVideo(actual.toString(), expected, format(within), String.valueOf(last[0])), outcome);
    }
    return this;
  }

  /**
   * Remote video of this size arrives within the time, as the page's video element reports it.
   *
   * @param width the expected width, in pixels
   * @param height the expected height, in pixels
   * @param within how long to keep checking at most
   * @return this assertion, to chain more
   * @throws dev.callflow.failure.CallflowTimeoutError if it does not hold in time, or the connection fails or closes
   */
  public PeerConnectionAssert hasVideoResolution(int width, int height, Duration within) {
    isNotNull();
    Object[] last = {null};
    Wait.Outcome outcome = keepChecking("should receive video of " + width + "x" + height, within, () -> {
      last[0] = videoOnPage(actual::videoFrame);
      return last[0] instanceof VideoFrame f && f.width() == width && f.height() == height;
    });
    if (!outcome.met()) {
      String seen = last[0] instanceof VideoFrame f ? f.width() + "x" + f.height() : String.valueOf(last[0]);
      failWaiting(shouldHaveVideoResolution(actual.toString(), width, height, seen), outcome);
    }
    return this;
  }

  /**
   * Remote audio carries sound (energy above silence).
   *
   * @param within how long to keep checking at most
   * @return this assertion, to chain more
   * @throws dev.callflow.failure.CallflowTimeoutError if it does not hold in time, or the connection fails or closes
   */
  public PeerConnectionAssert hasAudibleAudio(Duration within) {
    return audio("audible", AudioCheck::audible, within);
  }

  /**
   * Remote audio arrives but is silent (for example, the sender muted its track).
   *
   * @param within how long to keep checking at most
   * @return this assertion, to chain more
   * @throws dev.callflow.failure.CallflowTimeoutError if it does not hold in time, or the connection fails or closes
   */
  public PeerConnectionAssert hasSilentAudio(Duration within) {
    return audio("silent", a -> a.flowing() && !a.audible(), within);
  }

  private PeerConnectionAssert audio(String expected, Predicate<AudioCheck> condition, Duration within) {
    isNotNull();
    AudioCheck[] last = {null};
    Wait.Outcome outcome = keepChecking("should receive " + expected + " audio", within, () -> last[0] = actual.checkAudio(AUDIO_CHECK), condition);
    if (!outcome.met()) {
      failWaiting(shouldHaveAudio(actual.toString(), expected, format(within), String.valueOf(last[0])), outcome);
    }
    return this;
  }

  /**
   * The selected candidate pair has these types at its local and remote end ({@code host}, {@code srflx},
   * {@code prflx}, {@code relay}) and this protocol ({@code udp}, {@code tcp}). A remote end that the
   * browser calls {@code prflx} although the other side signalled it counts as what was signalled: Firefox
   * keeps that name when the other side's check arrived before the trickled candidate did. Waits (up to 2 s) while the
   * browser has marked no pair in use, or while such a prflx end matches no candidate signalled so far.
   *
   * @param localType the type of this side's end, e.g. {@code host}
   * @param remoteType the type of the other side's end, as signalled
   * @param protocol {@code udp} or {@code tcp}, case ignored
   * @return this assertion, to chain more
   * @throws AssertionError if no pair is selected or it differs, naming the pair in use
   */
  public PeerConnectionAssert usesCandidatePair(String localType, String remoteType, String protocol) {
    isNotNull();
    Predicate<SelectedPair> wanted = p -> p.localCandidate().candidateType().filter(localType::equals).isPresent()
        && remoteType.equals(actual.signalledType(p.remoteCandidate()))
        && p.localCandidate().protocol().filter(protocol::equalsIgnoreCase).isPresent();
    SelectedPair pair = selectedPair(wanted);
    String signalled = pair == null ? null : actual.signalledType(pair.remoteCandidate());
    if (pair == null || !wanted.test(pair)) {
      String seen = pair == null ? "(no selected pair)" : pair + (pair.remoteCandidate().candidateType().orElse("").equals(signalled)
          ? "" : " (its prflx end was signalled as " + signalled + ")");
      throwAssertionError(shouldUseCandidates(actual.toString(), localType + " <-> " + remoteType + " over " + protocol, seen));
    }
    return this;
  }

  /**
   * The selected pair joins two server-reflexive candidates: this side's {@code srflx} and the other side's as it
   * signalled it (one Firefox calls {@code prflx} counts). Behind NATs, that is the path found with STUN, without a
   * relay. Chromium hides a prflx end's address: where a host and a srflx candidate of the other side share its port
   * (a NAT that keeps ports), this side cannot tell them apart and the end counts; assert both sides, as each knows
   * its own end. Waits (up to 2 s) while the browser has marked no pair in use, or while its prflx end matches no
   * signalled srflx candidate yet (one still on its way).
   *
   * @return this assertion, to chain more
   * @throws AssertionError if no pair is selected or either end is of another type (a relay, a host), quoting the pair
   */
  public PeerConnectionAssert usesServerReflexive() {
    isNotNull();
    // An address-less prflx end that may be a host or a srflx candidate (a port-keeping NAT) counts: this side cannot
    // tell, and the other side's own end, asserted there, can.
    Predicate<SelectedPair> wanted = p -> p.localCandidate().candidateType().filter("srflx"::equals).isPresent()
        && ("srflx".equals(actual.signalledType(p.remoteCandidate())) || actual.signalledTypes(p.remoteCandidate()).contains("srflx"));
    SelectedPair pair = selectedPair(wanted);
    String signalled = pair == null ? null : actual.signalledType(pair.remoteCandidate());
    if (pair == null || !wanted.test(pair)) {
      String seen = pair == null ? "(no selected pair)" : pair + (pair.remoteCandidate().candidateType().orElse("").equals(signalled)
          ? "" : " (its prflx end was signalled as " + signalled + ")");
      throwAssertionError(shouldUseCandidates(actual.toString(), "srflx <-> srflx (through NATs, no relay)", seen));
    }
    return this;
  }

  /**
   * The selected pair's local end is a relay candidate: this side sends through a TURN server. Waits only while
   * the browser has marked no pair in use (up to 2 s).
   *
   * @return this assertion, to chain more
   * @throws AssertionError if no pair is selected or its local end is no relay candidate, quoting the pair
   */
  public PeerConnectionAssert usesRelay() {
    relayedPair(null);
    return this;
  }

  /**
   * The selected pair's local end is a relay candidate reached over this transport (its {@code relayProtocol}:
   * {@code udp}, {@code tcp} or {@code tls}). Waits only while the browser has marked no pair in use (up to 2 s).
   *
   * @param transport how this side reaches the TURN server
   * @return this assertion, to chain more
   * @throws AssertionError if no pair is selected or its local end is not such a candidate, quoting the pair
   */
  public PeerConnectionAssert usesRelay(TurnTransport transport) {
    relayedPair(transport);
    return this;
  }

  /**
   * The selected pair's local end is a relay candidate of one of this server's allocations (its address and
   * port are a relayed address the server gave out). Works in every browser: Firefox does not report a
   * candidate's TURN {@code url}. Waits only while the browser has marked no pair in use (up to 2 s).
   *
   * @param server the TURN server the call should go through
   * @return this assertion, to chain more
   * @throws AssertionError if not, quoting the pair and the server's allocations
   */
  public PeerConnectionAssert usesRelayThrough(TurnServer server) {
    SelectedPair pair = relayedPair(null);
    IceCandidateStats local = pair.localCandidate();
    String address = local.address().orElse("?") + ":" + local.port().orElse(0);
    if (!server.allocations().contains(address)) {
      throwAssertionError(shouldUseAllocationOf(actual.toString(), server.toString(), pair.toString(), server.allocations()));
    }
    return this;
  }

  /**
   * {@return the pair in use, or null} Right after 'connected' a browser may not have marked a pair in its stats
   * yet (Firefox, between two pairs): the stats are read again, one round trip after another, for up to
   * {@link #SELECTED_PAIR_WITHIN}.
   */
  private SelectedPair selectedPair() {
    return selectedPair(p -> true);
  }

  /**
   * {@return the pair in use, or null} Read again, for up to {@link #SELECTED_PAIR_WITHIN}, while there is none, or while
   * it is not {@code wanted} and its remote end is prflx: the other side's check arrived before its candidate, which may
   * still be on its way through the signalling (a NAT's srflx candidate, trickled after the host ones).
   */
  private SelectedPair selectedPair(Predicate<SelectedPair> wanted) {
    long deadline = System.nanoTime() + SELECTED_PAIR_WITHIN.toNanos();
    while (true) {
      SelectedPair pair = actual.getStats().selectedPair().orElse(null);
      boolean settled = pair != null && (wanted.test(pair) || !pair.remoteCandidate().candidateType().filter("prflx"::equals).isPresent());
      if (settled || System.nanoTime() - deadline > 0) {
        return pair;
      }
    }
  }

  /** {@return the selected pair, once its local end is checked to be a relay candidate over this transport (any if null)} */
  private SelectedPair relayedPair(TurnTransport transport) {
    isNotNull();
    SelectedPair pair = selectedPair();
    IceCandidateStats local = pair == null ? null : pair.localCandidate();
    boolean ok = local != null && local.candidateType().filter("relay"::equals).isPresent()
        && (transport == null || local.relayProtocol().filter(transport.id()::equalsIgnoreCase).isPresent());
    if (!ok) {
      String expected = transport == null ? "TURN over any transport" : "TURN over " + transport.id();
      String end = local == null ? "(none)" : "candidateType=" + local.candidateType().orElse("(not reported)") + ", relayProtocol="
          + local.relayProtocol().orElse("(not reported)") + ", url=" + local.url().orElse("(not reported)");
      throwAssertionError(shouldUseRelay(actual.toString(), expected, pair == null ? "(no selected pair)" : pair.toString(), end));
    }
    return pair;
  }

  /**
   * This connection rolled back a local offer that then succeeded (see {@link TimelineAssert#hasRolledBack(String)}).
   *
   * @return this assertion, to chain more
   * @throws AssertionError if it did not, listing its description calls and their outcomes
   */
  public PeerConnectionAssert hasRolledBack() {
    isNotNull();
    new TimelineAssert(actual.peer().timeline()).hasRolledBack(actual.toString());
    return this;
  }

  /**
   * These simulcast layers are all being sent: the video outbound-rtp of each rid sends more bytes than it had at the
   * first sample, within the time. A browser may start its top layer only once its bandwidth estimate allows.
   *
   * @param within how long to keep checking at most
   * @param rids the layers' rids, e.g. {@code q}, {@code h}, {@code f}
   * @return this assertion, to chain more
   * @throws AssertionError if a layer did not grow in time, showing each layer's bytes and frame size first and last
   */
  public PeerConnectionAssert sendsLayers(Duration within, String... rids) {
    isNotNull();
    java.util.Map<String, Long> first = new java.util.HashMap<>();
    java.util.Map<String, OutboundRtpStats> last = new java.util.TreeMap<>();
    Wait.Outcome outcome = keepChecking("should send the video layers " + String.join(", ", rids), within, () -> {
      last.clear();
      last.putAll(layers(actual.getStats()));
      last.forEach((rid, o) -> first.putIfAbsent(rid, o.bytesSent().orElse(0)));
      return java.util.Arrays.stream(rids).allMatch(rid -> last.containsKey(rid) && last.get(rid).bytesSent().orElse(0) > first.get(rid));
    });
    if (!outcome.met()) {
      failWaiting(shouldSendLayers(actual.toString(), String.join(", ", rids), format(within), describeLayers(first, last)), outcome);
    }
    return this;
  }

  /**
   * This simulcast layer has stopped: the bytes its video outbound-rtp sent stay the same over a second, within the
   * time (e.g. after {@code setEncodings} made it inactive).
   *
   * @param rid the layer's rid
   * @param within how long to keep checking at most
   * @return this assertion, to chain more
   * @throws AssertionError if its bytes kept growing, or no layer has that rid, showing each layer's bytes
   */
  public PeerConnectionAssert stoppedSendingLayer(String rid, Duration within) {
    isNotNull();
    java.util.Map<String, Long> first = new java.util.HashMap<>();
    java.util.Map<String, OutboundRtpStats> last = new java.util.TreeMap<>();
    java.util.List<long[]> samples = new java.util.ArrayList<>(); // {nanos, bytes}
    Wait.Outcome outcome = keepChecking("should stop sending the video layer " + rid, within, () -> {
      last.clear();
      last.putAll(layers(actual.getStats()));
      last.forEach((r, o) -> first.putIfAbsent(r, o.bytesSent().orElse(0)));
      OutboundRtpStats layer = last.get(rid);
      if (layer == null) {
        return false;
      }
      long now = System.nanoTime();
      long bytes = layer.bytesSent().orElse(0);
      samples.add(new long[] {now, bytes});
      return samples.stream().anyMatch(s -> now - s[0] >= 1_000_000_000L && s[1] == bytes);
    });
    if (!outcome.met()) {
      failWaiting(shouldHaveStoppedLayer(actual.toString(), rid, format(within), describeLayers(first, last)), outcome);
    }
    return this;
  }

  /**
   * The video this connection sends is no larger than this: every video outbound-rtp stream that reports a frame size
   * is at most this wide and high, within the time. The browsers scale what they adapted for bandwidth and CPU (Chromium
   * sends a 1280x720 camera as 960x540 for a while, and scaleResolutionDownBy 4 then gives 240x135), so a limit is
   * what holds.
   *
   * @param width the largest frame width allowed
   * @param height the largest frame height allowed
   * @param within how long to keep checking at most
   * @return this assertion, to chain more
   * @throws AssertionError if it did not in time, naming the sizes last sent
   */
  public PeerConnectionAssert sendsVideoNoLargerThan(int width, int height, Duration within) {
    isNotNull();
    String[] seen = {"no video outbound-rtp"};
    Wait.Outcome outcome = keepChecking("should send video of " + width + "x" + height + " at most", within, () -> {
      java.util.List<OutboundRtpStats> sized = actual.getStats().outboundRtp("video").stream().filter(o -> o.frameWidth().isPresent()).toList();
      seen[0] = sized.isEmpty() ? "no video outbound-rtp with a frame size" : String.join(", ", sized.stream()
          .map(o -> o.frameWidth().getAsLong() + "x" + o.frameHeight().orElse(0)).toList());
      return !sized.isEmpty() && sized.stream().allMatch(o -> o.frameWidth().getAsLong() <= width && o.frameHeight().orElse(0) <= height);
    });
    if (!outcome.met()) {
      failWaiting(shouldSendVideoResolution(actual.toString(), width, height, format(within), seen[0]), outcome);
    }
    return this;
  }

  /**
   * The video this connection sends stays at or under this bitrate, and above zero, over 2 s, within the time: the
   * bytes its video outbound-rtp sent (payload, without headers) over the last 2 s or more, per second.
   *
   * @param bitsPerSecond the highest bitrate allowed, e.g. a {@code maxBitrate} with some room
   * @param within how long to keep checking at most
   * @return this assertion, to chain more
   * @throws AssertionError if no 2 s in that time stayed under it, naming the bitrate last measured
   */
  public PeerConnectionAssert sendsVideoAtMost(long bitsPerSecond, Duration within) {
    isNotNull();
    java.util.List<double[]> samples = new java.util.ArrayList<>(); // {stats timestamp ms, bytes}
    double[] last = {-1};
    Wait.Outcome outcome = keepChecking("should send video at " + bitsPerSecond + " bit/s at most", within, () -> {
      dev.callflow.stats.StatsReport report = actual.getStats();
      double now = report.timestamp();
      double bytes = report.outboundBytes("video");
      samples.add(new double[] {now, bytes});
      double[] from = null;
      for (double[] s : samples) {
        if (now - s[0] >= 2000) {
          from = s;
        }
      }
      if (from == null) {
        return false;
      }
      last[0] = (bytes - from[1]) * 8 * 1000 / (now - from[0]);
      return last[0] > 0 && last[0] <= bitsPerSecond;
    });
    if (!outcome.met()) {
      failWaiting(shouldSendVideoAtMost(actual.toString(), bitsPerSecond, format(within),
          last[0] < 0 ? "no 2 s were measured" : String.format(java.util.Locale.ROOT, "the last 2 s went at %.0f bit/s", last[0])), outcome);
    }
    return this;
  }

  /** The video outbound-rtp streams that have a rid, by rid. */
  private static java.util.Map<String, OutboundRtpStats> layers(dev.callflow.stats.StatsReport report) {
    java.util.Map<String, OutboundRtpStats> byRid = new java.util.TreeMap<>();
    report.outboundRtp("video").forEach(o -> o.rid().ifPresent(r -> byRid.put(r, o)));
    return byRid;
  }

  private static String describeLayers(java.util.Map<String, Long> first, java.util.Map<String, OutboundRtpStats> last) {
    if (last.isEmpty()) {
      return "  (no video outbound-rtp with a rid)";
    }
    StringBuilder out = new StringBuilder();
    last.forEach((rid, o) -> out.append(out.isEmpty() ? "" : "\n").append("  ").append(rid).append(": bytesSent ")
        .append(first.get(rid)).append(" -> ").append(o.bytesSent().orElse(0)).append(", ")
        .append(o.frameWidth().isPresent() ? o.frameWidth().getAsLong() + "x" + o.frameHeight().orElse(0) : "no frame size")
        .append(o.active().map(a -> ", active=" + a).orElse("")));
    return out.toString();
  }

  /**
   * Measures the received media for {@value #MEDIA_SECONDS} seconds ({@link PeerConnection#measureMedia}), then asserts
   * on its video; {@code .audio()} goes on to the audio of the same measurement.
   *
   * @return assertions on the video received
   */
  public VideoQualityAssert video() {
    return mediaOver(Duration.ofSeconds(MEDIA_SECONDS)).video();
  }

  /**
   * Measures the received media for {@value #MEDIA_SECONDS} seconds ({@link PeerConnection#measureMedia}), then asserts
   * on its audio; {@code .video()} goes on to the video of the same measurement.
   *
   * @return assertions on the audio received
   */
  public AudioQualityAssert audio() {
    return mediaOver(Duration.ofSeconds(MEDIA_SECONDS)).audio();
  }

  /**
   * Measures the received media for a while ({@link PeerConnection#measureMedia}), then asserts on it.
   *
   * @param over how long to measure; the call blocks this long
   * @return assertions on the measurement
   */
  public MediaQualityAssert mediaOver(Duration over) {
    isNotNull();
    return new MediaQualityAssert(actual.measureMedia(over));
  }

  /**
   * Samples getStats() every 250 ms for a while, then asserts on the series.
   *
   * @param over how long to sample; the call blocks this long
   * @return assertions on the series, described as this connection over that time
   */
  public StatsSeriesAssert statsOver(Duration over) {
    isNotNull();
    StatsSeries series = actual.sampleStats(Duration.ofMillis(250), over);
    return new StatsSeriesAssert(series).as(actual + " over " + format(over));
  }

  /** Checks at least once, then again until {@code within} has passed or the connection fails or closes. */
  private <T> Wait.Outcome keepChecking(String what, Duration within, Supplier<T> check, Predicate<T> condition) {
    return keepChecking(what, within, () -> condition.test(check.get()));
  }

  private Wait.Outcome keepChecking(String what, Duration within, java.util.function.BooleanSupplier check) {
    return actual.sampleFor(actual + " " + what, within).check(check);
  }

  /**
   * What a video check saw: its result, or, while no {@code <video>} element of the page shows the remote video
   * (it may be added later), the page's words for that, listing the video elements it has.
   */
  private static Object videoOnPage(Supplier<?> check) {
    try {
      return check.get();
    } catch (DomException e) {
      if (!"NotFoundError".equals(e.name())) {
        throw e;
      }
      return e.domMessage();
    }
  }

  /** Fails with the assertion's own message (or the one set by {@code overridingErrorMessage}), then the wait's explanation. */
  private void failWaiting(ErrorMessageFactory message, Wait.Outcome outcome) {
    String headline = info.overridingErrorMessage() != null ? info.overridingErrorMessage()
        : message.create(info.description(), info.representation());
    outcome.orThrow(headline + "\n" + outcome.explanation());
  }

  private static String format(Duration d) {
    return Wait.format(d);
  }
}
