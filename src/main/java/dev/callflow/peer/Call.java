package dev.callflow.peer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callflow.failure.CallflowException;
import dev.callflow.internal.Together;
import dev.callflow.internal.Wait;
import dev.callflow.stats.SelectedPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A call between two peers: Callflow relays offer, answer and trickled candidates between their
 * pages, through the hooks the test set. The caller always makes the offers.
 *
 * <pre>{@code
 * Call call = alice.call(bob).withAudio().withVideo().withDataChannel("chat").connect();
 * call.callerChannel("chat").send("ping");
 * call.calleeChannel("chat").awaitMessage("ping", Duration.ofSeconds(5));
 * }</pre>
 */
public final class Call implements AutoCloseable {
  private static final Duration STATS_EVERY = Duration.ofMillis(100);
  /** How long the answer to an ICE restart may wait for the callee's candidates before it goes without them. */
  private static final Duration GATHERING = Duration.ofSeconds(2);
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
  /** Runs the rest of an exchange whose signal a hook delayed, on a thread of its own: it calls the browsers. */
  private static final Executor DELAYED_SIGNALS = task -> {
    Thread t = new Thread(task, "callflow-delayed-signal");
    t.setDaemon(true);
    t.start();
  };
  private final Peer callerPeer;
  private final Peer calleePeer;
  private final PeerConnection caller;
  private final PeerConnection callee;
  private final Duration timeout;
  private final SignalPath path;
  private final CandidateRelay toCaller;
  private final CandidateRelay toCallee;
  private final List<AutoCloseable> subscriptions = new ArrayList<>();

  private Call(Builder b) {
    this.callerPeer = b.caller;
    this.calleePeer = b.callee;
    this.path = new SignalPath(b.hooks);
    this.timeout = b.timeout;
    String configuration = b.effectiveConfiguration();
    if (callerPeer == calleePeer) { // one page: the caller's connection comes first
      this.caller = callerPeer.createPeerConnection(configuration);
      this.callee = calleePeer.createPeerConnection(configuration);
    } else {
      List<PeerConnection> pcs = Together.all(List.of(() -> callerPeer.createPeerConnection(configuration),
          () -> calleePeer.createPeerConnection(configuration)), pc -> {});
      this.caller = pcs.get(0);
      this.callee = pcs.get(1);
    }
    this.toCaller = relayTo(caller);
    this.toCallee = relayTo(callee);
    subscriptions.add(callerPeer.onEvent(e -> relayCandidate(e, caller, callee, toCallee)));
    subscriptions.add(calleePeer.onEvent(e -> relayCandidate(e, callee, caller, toCaller)));
  }

  /** Adds candidates to {@code target}; one that the browser refuses goes into the timeline as a relay error. */
  private static CandidateRelay relayTo(PeerConnection target) {
    return new CandidateRelay(target.toString(), target::addRelayedCandidates, (candidate, e) -> target.peer().record(target,
        EventKind.RELAY_ERROR, JsonNodeFactory.instance.objectNode().put("candidate", candidate.candidate())
            .put("error", String.valueOf(e.getMessage()))));
  }

  /**
   * A call from {@code caller} to {@code callee}; the same as {@code caller.call(callee)}.
   *
   * @param caller the peer that makes the offers
   * @param callee the peer that answers
   * @return a builder to configure the call, then {@code connect()} or {@code start()}
   */
  public static Builder between(Peer caller, Peer callee) {
    return new Builder(caller, callee);
  }

  /** {@return the caller's connection} */
  public PeerConnection caller() {
    return caller;
  }

  /** {@return the callee's connection} */
  public PeerConnection callee() {
    return callee;
  }

  /**
   * {@return the data channel with this label on the caller's side}
   *
   * @param label the channel's label, e.g. one given to {@link Builder#withDataChannel}
   */
  public DataChannel callerChannel(String label) {
    return caller.channel(label);
  }

  /**
   * {@return the data channel with this label on the callee's side}
   *
   * @param label the channel's label, e.g. one given to {@link Builder#withDataChannel}
   */
  public DataChannel calleeChannel(String label) {
    return callee.channel(label);
  }

  /** {@return both peers' events so far, merged in one order} */
  public Timeline timeline() {
    return Timeline.of(callerPeer, calleePeer);
  }

  /** {@return what the relay did so far, one line per signal, e.g. {@code OFFER alice→bob forward}} */
  public List<String> signals() {
    return path.lines();
  }

  /**
   * Runs one offer/answer exchange, the caller offering, e.g. after a track was added. The offer and
   * answer are applied when it returns, unless a hook dropped one.
   *
   * @return this call
   * @throws DomException if a browser rejects a step of the exchange
   */
  public Call renegotiate() {
    finish(negotiate(false));
    return this;
  }

  /**
   * Glare: both sides make an offer at once, and the W3C perfect-negotiation pattern, which the reference page
   * implements, resolves it. The caller is the impolite side: it ignores the callee's offer. The callee is the polite side:
   * it rolls its own offer back ({@code setLocalDescription({type: "rollback"})}, a call in its timeline), takes the
   * caller's offer and answers it with {@code setLocalDescription()} without arguments. Each side makes its offer with
   * {@code setLocalDescription()} too, and both offers are made before either is delivered. If a transceiver of the
   * callee's is then still outside every negotiated offer (no mid), the callee offers once more, as its
   * {@code negotiationneeded} would make it. Made for a call that is set up: each side has the other's description.
   *
   * <pre>{@code
   * call.caller().addTrack(aliceCamera);
   * call.callee().addTrack(bobCamera);
   * call.glare();
   * assertThat(call.callee()).hasRolledBack();
   * }</pre>
   *
   * @return this call, both sides {@code stable} unless a hook dropped a signal
   * @throws DomException if a browser rejects a step
   */
  public Call glare() {
    return glare(calleePeer);
  }

  /**
   * {@link #glare()} with this peer as the polite side, the other impolite.
   *
   * @param polite the caller or the callee of this call
   * @return this call, both sides {@code stable} unless a hook dropped a signal
   * @throws DomException if a browser rejects a step
   * @throws IllegalArgumentException if {@code polite} is neither side of this call
   */
  public Call glare(Peer polite) {
    if (polite != callerPeer && polite != calleePeer) {
      throw new IllegalArgumentException(polite.name() + " is not in the call " + this + ": the polite side is its caller or its callee");
    }
    boolean calleePolite = polite == calleePeer;
    PeerConnection politePc = calleePolite ? callee : caller;
    PeerConnection impolitePc = calleePolite ? caller : callee;
    Peer impolite = calleePolite ? callerPeer : calleePeer;
    CandidateRelay toPolite = calleePolite ? toCallee : toCaller;
    CandidateRelay toImpolite = calleePolite ? toCaller : toCallee;
    impolitePc.setPolite(false);
    politePc.setPolite(true);
    toImpolite.hold();
    toPolite.hold();
    CompletableFuture<SessionDescription> impoliteOffer = CompletableFuture.supplyAsync(impolitePc::makeOffer, DELAYED_SIGNALS);
    CompletableFuture<SessionDescription> politeOffer = CompletableFuture.supplyAsync(politePc::makeOffer, DELAYED_SIGNALS);
    finish(CompletableFuture.allOf(impoliteOffer, politeOffer));
    // Each offer crosses the other: both are delivered only once both are made.
    java.util.concurrent.atomic.AtomicReference<PeerConnection.Received> atPolite = new java.util.concurrent.atomic.AtomicReference<>();
    CompletableFuture<Void> offerToPolite = pass(Signal.Kind.OFFER, impolite, polite, impoliteOffer.join().sdp(),
        sdp -> CompletableFuture.runAsync(() -> atPolite.set(politePc.receiveDescription(impoliteOffer.join().withSdp(sdp))), DELAYED_SIGNALS));
    CompletableFuture<Void> offerToImpolite = pass(Signal.Kind.OFFER, polite, impolite, politeOffer.join().sdp(),
        sdp -> CompletableFuture.runAsync(() -> impolitePc.receiveDescription(politeOffer.join().withSdp(sdp)), DELAYED_SIGNALS));
    try {
      finish(CompletableFuture.allOf(offerToPolite, offerToImpolite));
    } finally {
      toPolite.open();
    }
    SessionDescription answer = atPolite.get() == null ? null : atPolite.get().answer();
    try {
      if (answer != null) {
        finish(pass(Signal.Kind.ANSWER, polite, impolite, answer.sdp(), sdp -> {
          impolitePc.receiveDescription(answer.withSdp(sdp));
          return DONE;
        }));
      }
    } finally {
      toImpolite.open();
    }
    if (politePc.transceivers().stream().anyMatch(t -> t.mid() == null)) {
      finish(offerFrom(politePc, polite, impolitePc, impolite));
    }
    return this;
  }

  /** One perfect-negotiation offer/answer exchange that {@code from} starts. */
  private CompletableFuture<Void> offerFrom(PeerConnection from, Peer fromPeer, PeerConnection to, Peer toPeer) {
    SessionDescription offer = from.makeOffer();
    return pass(Signal.Kind.OFFER, fromPeer, toPeer, offer.sdp(), offerSdp -> {
      SessionDescription answer = to.receiveDescription(offer.withSdp(offerSdp)).answer();
      return answer == null ? DONE : pass(Signal.Kind.ANSWER, toPeer, fromPeer, answer.sdp(), answerSdp -> {
        from.receiveDescription(answer.withSdp(answerSdp));
        return DONE;
      });
    });
  }

  /**
   * Restarts ICE (an offer with {@code iceRestart}) and waits until both sides carry the call over a
   * candidate pair of the new ICE credentials, not merely until they are connected: a pair whose
   * remote end still belongs to the old generation does not count. The answer carries the callee's new
   * candidates (see README, "Hermetic calls"): a hook that filters candidates sees those in the answer's text.
   *
   * @return this call
   * @throws DomException if a browser rejects a step of the exchange
   * @throws dev.callflow.failure.CallflowTimeoutError if the timeout passes first, or either connection fails or closes
   */
  public Call restartIce() {
    // Candidates of the first generation still on their way would reach the other side during the restart.
    toCaller.awaitIdle(timeout);
    toCallee.awaitIdle(timeout);
    caller.restartIce();
    finish(negotiate(true));
    awaitConnected(timeout);
    String callerUfrag = caller.localDescription().map(d -> d.attribute("ice-ufrag")).orElse("");
    String calleeUfrag = callee.localDescription().map(d -> d.attribute("ice-ufrag")).orElse("");
    String[] seen = {"", ""};
    explainedWait("Call " + this + " should carry on over the new ICE credentials on both sides", timeout).every(STATS_EVERY)
        .lastSeen(() -> "new ufrags " + callerPeer.name() + "=" + callerUfrag + ", " + calleePeer.name() + "=" + calleeUfrag
            + "\n  " + caller + " uses " + seen[0] + "\n  " + callee + " uses " + seen[1])
        .await(() -> onGeneration(caller, callerUfrag, calleeUfrag, seen, 0) & onGeneration(callee, calleeUfrag, callerUfrag, seen, 1));
    return this;
  }

  /** True if the connection's selected pair is made of these ICE generations; notes what it uses. */
  private static boolean onGeneration(PeerConnection pc, String localUfrag, String remoteUfrag, String[] seen, int slot) {
    SelectedPair pair = pc.getStats().selectedPair().orElse(null);
    if (pair == null) {
      seen[slot] = "no selected pair";
      return false;
    }
    String local = pair.localCandidate().usernameFragment().orElse("?");
    String remote = pair.remoteCandidate().usernameFragment().orElse("?");
    seen[slot] = pair.localCandidate() + " (ufrag " + local + ") <-> " + pair.remoteCandidate() + " (ufrag " + remote + ")";
    return local.equals(localUfrag) && remote.equals(remoteUfrag);
  }

  /**
   * Waits until both sides' connectionState is {@code connected}; stops at once if either fails or closes.
   *
   * @param within how long to wait at most
   * @return this call
   * @throws dev.callflow.failure.CallflowTimeoutError if the timeout passes first, or either connection fails or closes
   */
  public Call awaitConnected(Duration within) {
    waitFor("Call " + this + " should reach 'connected'", within)
        .await(() -> caller.connectionState() == ConnectionState.CONNECTED && callee.connectionState() == ConnectionState.CONNECTED);
    return this;
  }

  /**
   * Waits until both sides are connected, at most the call's timeout ({@link Builder#withTimeout}).
   *
   * @return this call
   * @throws dev.callflow.failure.CallflowTimeoutError if the timeout passes first, or either connection fails or closes
   */
  public Call awaitConnected() {
    return awaitConnected(timeout);
  }

  /** A wait on both peers' events, woken by each, stopped when either connection fails or closes. */
  private Wait waitFor(String what, Duration within) {
    return explainedWait(what, within).wakingOn(callerPeer.arrivals()).wakingOn(calleePeer.arrivals());
  }

  /**
   * A wait that stops when either connection fails or closes and shows both sides' page errors, states
   * and the merged timeline.
   */
  private Wait explainedWait(String what, Duration within) {
    return Wait.until(what).atMost(within).failFastOn(this::terminalReason).causes(() -> {
          Timeline timeline = timeline();
          Map<String, String> browsers = new HashMap<>(); // one peer may be both ends
          browsers.put(callerPeer.name(), callerPeer.browser().nameAndVersion());
          browsers.put(calleePeer.name(), calleePeer.browser().nameAndVersion());
          String pageErrors = timeline.pageErrors(browsers);
          String candidateErrors = timeline.candidateErrors();
          // After an ICE failure, what each side had to offer: a missing srflx or relay candidate is often why.
          boolean iceFailed = caller.iceConnectionState() == IceConnectionState.FAILED || callee.iceConnectionState() == IceConnectionState.FAILED
              || caller.connectionState() == ConnectionState.FAILED || callee.connectionState() == ConnectionState.FAILED;
          String gathered = iceFailed ? timeline.candidatesGathered() : "";
          return String.join("\n", java.util.stream.Stream.of(pageErrors, candidateErrors, gathered).filter(t -> !t.isEmpty()).toList());
        })
        .lastSeen(() -> callerPeer.name() + "=" + caller.connectionState().webName() + ", " + calleePeer.name() + "="
            + callee.connectionState().webName() + "\n  " + caller.describeState() + "\n  " + callee.describeState())
        .timeline(n -> timeline().excerpt(n));
  }

  /** Why the call cannot carry on (either side failed or closed), or null while it can. */
  private String terminalReason() {
    String callerReason = caller.terminalReason();
    return callerReason != null ? callerReason : callee.terminalReason();
  }

  /** Closes both peer connections and stops relaying; the pages stay open. */
  public void hangUp() {
    close();
    for (PeerConnection pc : List.of(caller, callee)) {
      if (pc.connectionState() != ConnectionState.CLOSED) {
        pc.close();
      }
    }
  }

  /** Stops relaying candidates; the connections stay as they are (see {@link #hangUp()} to close them). */
  @Override
  public void close() {
    subscriptions.forEach(Call::closeQuietly);
    toCaller.shutdown();
    toCallee.shutdown();
  }

  /**
   * One offer/answer exchange. For an ICE restart the caller sets its offer only once the answer is
   * there, right before it: from its offer on, Chromium pairs its new candidates with the callee's old
   * ones, and Firefox's old ICE context still answers those checks, so Chromium could settle on a pair
   * of Firefox's old generation for good (1 in 3 chrome→firefox restarts on a busy machine). Offer and answer
   * are set in one page operation: one operation apart (about 26 ms), Chromium in a network namespace still
   * settled on such a pair (2 to 3 in 5 runs of the restart tests towards Firefox; towards Chromium, whose
   * callee then kept its old credentials, about 1 in 15 chrome→chrome restarts).
   * A signal that a hook delays is delivered later, by the rest of the
   * exchange scheduled on {@link #DELAYED_SIGNALS}; without a delay the exchange is done when this returns.
   */
  private CompletableFuture<Void> negotiate(boolean iceRestart) {
    toCallee.hold();
    // A restart offer is set on the caller's side only right before the answer (see above).
    SessionDescription offer = iceRestart ? caller.createOffer(true) : caller.setLocalDescription("offer");
    return pass(Signal.Kind.OFFER, callerPeer, calleePeer, offer.sdp(), offerSdp -> {
      callee.setRemoteDescription(offer.withSdp(offerSdp));
      toCaller.hold();
      SessionDescription answer = iceRestart ? answerWithCandidates() : callee.setLocalDescription("answer");
      // The caller's candidates reach the callee once its answer is in place, as when an app answers at
      // once. Given between offer and answer during an ICE restart, Chromium's callee checks them with its
      // old credentials and the caller can settle on a pair with the callee's old generation, for good.
      toCallee.open();
      return pass(Signal.Kind.ANSWER, calleePeer, callerPeer, answer.sdp(), answerSdp -> {
        SessionDescription received = answer.withSdp(answerSdp);
        if (iceRestart) {
          // Back to back in one page operation: with the new local description and the old remote one, a Chromium
          // caller pairs its new candidates with the callee's old generation, which still answers, and can keep that pair.
          caller.setLocalAndRemoteDescription(offer, received);
        } else {
          caller.setRemoteDescription(received);
        }
        toCaller.open();
        return DONE;
      });
    });
  }

  /**
   * Waits until an exchange is complete. start(), renegotiate() and restartIce() promise an applied offer
   * and answer when they return, so the test thread waits for that, woken when it completes; a failure in
   * the exchange (a DomException from the browser) is thrown here as it is.
   */
  private void finish(CompletableFuture<Void> exchange) {
    if (!exchange.isDone()) {
      waitFor("Call " + this + " should complete its delayed offer/answer exchange", timeout)
          .wakingOn(wake -> {
            exchange.whenComplete((ignored, error) -> wake.run());
            return () -> {};
          })
          .await(exchange::isDone);
    }
    try {
      exchange.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error r) {
        throw r;
      }
      throw e;
    }
  }
  /**
   * The callee's answer to an ICE restart, given once the callee has gathered its new candidates (at most
   * {@link #GATHERING}), so that they arrive with the new credentials; they still trickle as well. Trickled
   * only after the answer, Chromium 156 restarting towards Firefox ESR 153 kept a pair with Firefox's old
   * generation, never checked the new candidates, and its data stopped (8 of 9 restarts of a settled call).
   */
  private SessionDescription answerWithCandidates() {
    CountDownLatch gathered = new CountDownLatch(1);
    AutoCloseable watch = calleePeer.onEvent(e -> {
      if (e.state() == IceGatheringState.COMPLETE && callee.id().equals(e.pc())
          && callee.document().equals(e.doc())) {
        gathered.countDown();
      }
    });
    try {
      SessionDescription answer = callee.setLocalDescription(callee.createAnswer());
      return gathered.await(GATHERING.toMillis(), TimeUnit.MILLISECONDS) ? callee.localDescription().orElse(answer) : answer;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CallflowException("Interrupted while " + calleePeer.name() + " gathered candidates for an ICE restart", e);
    } finally {
      closeQuietly(watch);
    }
  }

  private static void closeQuietly(AutoCloseable subscription) {
    try {
      subscription.close();
    } catch (Exception ignored) {
      // Removing a listener from a list does not fail.
    }
  }

  /**
   * Runs the hooks on a description, then hands the text they let through to {@code deliver}: at once, or
   * after their delay on a thread of its own (nobody blocks to wait a delay out). Nothing if dropped.
   */
  private CompletableFuture<Void> pass(Signal.Kind kind, Peer from, Peer to, String text,
      Function<String, CompletableFuture<Void>> deliver) {
    SignalPath.Outcome outcome = path.pass(new Signal(kind, from.name(), to.name(), text));
    if (outcome.text() == null) {
      return DONE;
    }
    if (outcome.delay().isZero()) {
      return deliver.apply(outcome.text());
    }
    Executor later = CompletableFuture.delayedExecutor(outcome.delay().toMillis(), TimeUnit.MILLISECONDS, DELAYED_SIGNALS);
    return CompletableFuture.supplyAsync(() -> outcome.text(), later).thenCompose(deliver);
  }

  private void relayCandidate(PeerEvent event, PeerConnection from, PeerConnection target, CandidateRelay to) {
    IceCandidate c = event.candidate();
    if (c == null || !from.id().equals(event.pc())) {
      return;
    }
    if (event.isWithheld()) {
      return; // withheld by the candidate policy: it never leaves the page
    }
    Signal signal = new Signal(Signal.Kind.CANDIDATE, from.peer().name(), target.peer().name(), c.candidate());
    SignalPath.Outcome outcome;
    try {
      outcome = path.pass(signal);
    } catch (RuntimeException | AssertionError e) {
      // A hook runs on the thread that delivers events: its failure goes into the timeline, where
      // the test's next wait reports it.
      from.peer().record(from, EventKind.HOOK_ERROR, JsonNodeFactory.instance.objectNode()
          .put("signal", signal.toString()).put("error", String.valueOf(e)));
      return;
    }
    if (outcome.text() == null) {
      return;
    }
    IceCandidate candidate = new IceCandidate(outcome.text(), c.sdpMid(), c.sdpMLineIndex(), c.usernameFragment());
    to.deliver(candidate, outcome.delay());
  }

  @Override
  public String toString() {
    return callerPeer.name() + "→" + calleePeer.name();
  }

  /** Configures a call; each setting is applied by {@link #connect()} or {@link #start()}. */
  public static final class Builder {
    private final Peer caller;
    private final Peer callee;
    private boolean audio;
    private boolean video;
    private boolean calleeSends = true;
    private final List<String> dataChannels = new ArrayList<>();
    private final List<SignalHook> hooks = new ArrayList<>();
    private Duration timeout = Duration.ofSeconds(20);
    private String configuration = "{}";
    private IceServers iceServers;
    private boolean relayOnly;
    private java.util.function.Consumer<Call> setup = call -> {};

    private Builder(Peer caller, Peer callee) {
      this.caller = caller;
      this.callee = callee;
    }

    /** {@return this builder, with both peers sending a microphone track (the callee unless receive-only)} */
    public Builder withAudio() {
      audio = true;
      return this;
    }

    /** {@return this builder, with both peers sending a camera track (the callee unless receive-only)} */
    public Builder withVideo() {
      video = true;
      return this;
    }

    /** {@return this builder, with a callee that only receives: it adds no tracks of its own} */
    public Builder withReceiveOnlyCallee() {
      calleeSends = false;
      return this;
    }

    /**
     * {@return this builder, with the caller creating a data channel before the first offer}
     *
     * @param label the channel's label; call again for more channels
     */
    public Builder withDataChannel(String label) {
      dataChannels.add(label);
      return this;
    }

    /**
     * {@return this builder, with a hook that sees every offer, answer and candidate on its way}
     *
     * @param hook the hook; hooks run in the order added
     */
    public Builder withHook(SignalHook hook) {
      hooks.add(hook);
      return this;
    }

    /**
     * {@return this builder, with this timeout}
     *
     * @param t how long {@link #connect()}, {@link Call#awaitConnected()} and ICE restarts wait; 20 s by default
     */
    public Builder withTimeout(Duration t) {
      timeout = t;
      return this;
    }

    /**
     * {@return this builder, with this RTCConfiguration for both connections}
     *
     * @param json the RTCConfiguration as a JSON object, e.g. ICE servers the test runs itself; {@code {}} by default
     */
    public Builder withConfiguration(String json) {
      configuration = json;
      return this;
    }

    /**
     * {@return this builder, with these STUN and TURN servers for both connections} They take the place of
     * any {@code iceServers} in {@link #withConfiguration(String)}.
     *
     * @param servers the servers, e.g. {@code turn.iceServers()} of a {@link dev.callflow.net.TurnServer}
     */
    public Builder withIceServers(IceServers servers) {
      iceServers = Objects.requireNonNull(servers);
      return this;
    }

    /**
     * {@return this builder, with both connections gathering relay candidates only} ({@code iceTransportPolicy:
     * "relay"}): the call connects through a TURN server of {@link #withIceServers(IceServers)}, or not at all.
     */
    public Builder withRelayOnly() {
      relayOnly = true;
      return this;
    }

    /** The configuration with the ICE servers and the transport policy set on it. */
    private String effectiveConfiguration() {
      if (iceServers == null && !relayOnly) {
        return configuration;
      }
      ObjectNode json = Peer.rtcConfiguration(configuration);
      if (iceServers != null) {
        json.set("iceServers", iceServers.array());
      }
      if (relayOnly) {
        json.put("iceTransportPolicy", "relay");
      }
      return json.toString();
    }

    /**
     * Runs after both connections have their tracks and data channels and before the first offer,
     * e.g. {@code c -> c.caller().setCodecPreferences("video", "video/VP9")}.
     *
     * @param beforeFirstOffer the setup; several run in the order given
     * @return this builder
     */
    public Builder withSetup(java.util.function.Consumer<Call> beforeFirstOffer) {
      setup = setup.andThen(beforeFirstOffer);
      return this;
    }

    /**
     * Sets up both sides and runs the first offer/answer, without waiting for 'connected'.
     *
     * @return the call, its first offer and answer applied (unless a hook dropped one)
     * @throws DomException if a browser rejects a step, e.g. getUserMedia with {@code NotAllowedError}
     * @throws IllegalArgumentException if the configuration is not a JSON object
     */
    public Call start() {
      Call call = new Call(this);
      try {
        // Each side's media in its own browser at once; one peer at both ends takes its tracks once, in turn.
        if (!calleeSends) {
          addMedia(caller, call.caller);
        } else if (caller == callee) {
          addMedia(caller, call.caller);
          addMedia(callee, call.callee);
        } else {
          Together.both(() -> addMedia(caller, call.caller), () -> addMedia(callee, call.callee));
        }
        for (String label : dataChannels) {
          call.caller.createDataChannel(label);
        }
        setup.accept(call);
        call.finish(call.negotiate(false));
        return call;
      } catch (RuntimeException e) {
        call.close();
        throw e;
      }
    }

    /**
     * {@link #start()}, then waits until both sides are connected, at most the timeout.
     *
     * @return the connected call
     * @throws DomException if a browser rejects a step, e.g. getUserMedia with {@code NotAllowedError}
     * @throws IllegalArgumentException if the configuration is not a JSON object
     * @throws dev.callflow.failure.CallflowTimeoutError if the timeout passes first, or either connection fails or
     *     closes
     */
    public Call connect() {
      Call call = start();
      try {
        return call.awaitConnected(timeout);
      } catch (RuntimeException | AssertionError e) {
        call.close();
        throw e;
      }
    }

    /**
     * The fake microphone's signal as it is. With the browser's audio processing on, Chromium's noise
     * suppression learned the fake microphone's beep and silenced it for 1.5 s stretches about 2 s into a
     * call, and a live call then looked silent to the audio checks.
     */
    private static final String UNPROCESSED_AUDIO = "{\"echoCancellation\": false, \"noiseSuppression\": false, \"autoGainControl\": false}";

    /** Adds a track of each kind, the peer's own if it has one; those it lacks come from one getUserMedia. */
    private void addMedia(Peer peer, PeerConnection pc) {
      List<String> missing = kinds().stream().filter(kind -> peer.localTrack(kind).isEmpty()).toList();
      List<Track> taken = missing.isEmpty() ? List.of() : peer.getUserMedia(MediaConstraints.of("{" + String.join(", ",
          missing.stream().map(kind -> "\"" + kind + "\": " + (kind.equals("audio") ? UNPROCESSED_AUDIO : "true")).toList()) + "}"));
      List<Track> tracks = new ArrayList<>();
      for (String kind : kinds()) {
        tracks.add(peer.localTrack(kind).or(() -> taken.stream().filter(t -> t.kind().equals(kind)).findFirst())
            .orElseThrow(() -> new CallflowException(peer.name() + ": getUserMedia gave no " + kind + " track: " + taken)));
      }
      pc.addTracks(tracks);
    }

    private List<String> kinds() {
      List<String> kinds = new ArrayList<>();
      if (audio) {
        kinds.add("audio");
      }
      if (video) {
        kinds.add("video");
      }
      return kinds;
    }
  }
}
