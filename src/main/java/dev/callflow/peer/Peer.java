package dev.callflow.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callflow.failure.CallflowException;
import dev.callflow.browser.BrowserInfo;
import dev.callflow.internal.Wait;
import dev.callflow.internal.browser.BrowserSession;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;

/**
 * A named participant in a call: one page in one real browser. Peers come from the JUnit extension or
 * from {@code Callflow.peer(...)}; closing a peer returns its browser, blank, to the pool.
 *
 * <pre>{@code
 * Call call = alice.call(bob).withAudio().withVideo().connect();
 * }</pre>
 */
public final class Peer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Peer.class);

  private final String name;
  private final BrowserSession browser;
  private final Consumer<BrowserSession> release;
  private final URI base;
  private final PageChannel channel;
  private final EventLog log;
  private final Map<String, PeerConnection> handles = new ConcurrentHashMap<>();
  private final List<Track> localTracks = new CopyOnWriteArrayList<>();
  private volatile IceServers iceServers;
  private volatile boolean closed;

  private Peer(String name, BrowserSession browser, URI base, Consumer<BrowserSession> release) {
    this.name = name;
    this.browser = browser;
    this.base = base;
    this.release = release;
    this.channel = PageChannel.attach(name, browser);
    this.log = channel.log();
    // A page's error is often a browser's quirk (Firefox refusing a pranswer): said as it happens, naming the browser.
    String where = browser.info().nameAndVersion();
    log.subscribe(e -> {
      if (e.isPageError()) {
        LOG.warn("Page error in {}: {}", where, e.describe());
      }
    });
  }

  /**
   * A peer named {@code name} in this browser, with the probe reporting to it, on the page at
   * {@code page}; relative paths given to {@link #open(String)} resolve against it.
   * {@code release} takes the browser back when the peer closes.
   *
   * @param name the peer's name, e.g. {@code alice}
   * @param browser the browser the peer uses, leased from the pool
   * @param page the first page to open, and the base of relative paths
   * @param release takes the browser back when the peer closes
   * @return the peer, its page loaded
   * @throws dev.callflow.browser.PageLoadException if the page does not open; the browser is released
   */
  @API(status = API.Status.INTERNAL)
  public static Peer attach(String name, BrowserSession browser, URI page, Consumer<BrowserSession> release) {
    Peer peer = new Peer(name, browser, page, release);
    try {
      peer.open(page.toString());
    } catch (RuntimeException e) {
      peer.close();
      throw e;
    }
    return peer;
  }

  /**
   * Navigates this peer's tab to a page: a path on the embedded server ({@code /sample/room.html?room=a})
   * or any URL, and waits for its load event, at most the configured {@code callflow.pageLoadTimeout}
   * (30 s unless set). The probe instruments it before its own scripts run; its connections show in
   * {@link #connections()} as the page creates them.
   *
   * @param pathOrUrl a path on the embedded server, or an absolute URL
   * @return this peer
   * @throws dev.callflow.browser.PageLoadException naming the URL and the HTTP error status (404...), the
   *     network error (connection refused...) or the timeout
   */
  public Peer open(String pathOrUrl) {
    return open(pathOrUrl, browser.defaultPageLoadTimeout());
  }

  /**
   * As {@link #open(String)}, waiting at most {@code pageLoadTimeout} for the page's load event.
   *
   * @param pathOrUrl a path on the embedded server, or an absolute URL
   * @param pageLoadTimeout how long to wait for the load event at most
   * @return this peer
   * @throws dev.callflow.browser.PageLoadException naming the URL and the HTTP error status, the network error
   *     or the timeout
   */
  public Peer open(String pathOrUrl, Duration pageLoadTimeout) {
    URI url = base.resolve(pathOrUrl);
    try {
      channel.open(url.toString(), pageLoadTimeout);
      if (url.getPath() != null && url.getPath().endsWith("/peer.html")) {
        invoke("setName", Json.object().put("name", name));
      }
    } catch (WebDriverException e) {
      throw new CallflowException(name + ": cannot open " + url + " in " + browser.info() + ": "
          + e.getMessage().lines().findFirst().orElse(""), e);
    }
    return this;
  }

  /** {@return the peer's name, e.g. {@code alice}: the test's parameter name or the one asked for} */
  public String name() {
    return name;
  }

  /** {@return the browser this peer runs in: its name, version and driver version} */
  public BrowserInfo browser() {
    return browser.info();
  }

  /**
   * {@return the main process of this peer's browser when it runs on this machine; empty on a Grid}
   * For tests that end a browser on purpose.
   */
  public Optional<ProcessHandle> browserProcess() {
    return browser.browserProcess();
  }

  /**
   * The Selenium driver of this peer's browser, to click and type on its page from the test's thread.
   * Callflow's own calls to the browser (operations, candidate relays, stats, navigation) take turns on
   * one lane; calls made on this driver do not, so a test that drives it from other threads is on its own.
   *
   * @return the driver of this peer's browser
   */
  public WebDriver driver() {
    return browser.driver();
  }

  /**
   * Starts a call from this peer to another: configure it, then {@code connect()}.
   *
   * @param callee the peer that answers
   * @return a builder for the call; nothing happens in the browsers until {@code connect()} or {@code start()}
   */
  public Call.Builder call(Peer callee) {
    return Call.between(this, callee);
  }

  /**
   * getUserMedia on the page. The tracks are kept as this peer's local tracks.
   *
   * @param constraints what to ask for, e.g. {@code MediaConstraints.audioVideo()}
   * @return the new tracks, in the browser's order
   * @throws DomException with the browser's name for the failure: NotAllowedError, NotFoundError, OverconstrainedError...
   */
  public List<Track> getUserMedia(MediaConstraints constraints) {
    ObjectNode args = Json.object();
    args.set("constraints", constraints.toJson());
    List<Track> tracks = new ArrayList<>();
    for (JsonNode t : invoke("getUserMedia", args)) {
      tracks.add(new Track(t.path("id").asText(), t.path("kind").asText(), t.path("label").asText()));
    }
    localTracks.addAll(tracks);
    return tracks;
  }

  /**
   * getDisplayMedia on the page: a screen to share. Headless Chromium with Callflow's flags gives one without asking
   * (labelled {@code screen:...}); Firefox asks for a user gesture first ({@code InvalidStateError}), and headless has no
   * screen to give even after one ({@code NotFoundError}): there, {@link #syntheticScreen()} stands in.
   * A screen is not among {@link #localTracks()}, so that {@link #localTrack(String)} keeps finding the camera.
   *
   * @return the screen's video track
   * @throws DomException with the browser's name for the failure
   */
  public Track getDisplayMedia() {
    JsonNode t = invoke("getDisplayMedia", Json.object()).get(0);
    return new Track(t.path("id").asText(), t.path("kind").asText(), t.path("label").asText());
  }

  /**
   * A stand-in for a shared screen where a browser gives none headless: a 1280x720 canvas track of the page's own,
   * a moving picture at 10 frames a second, labelled {@code synthetic screen}. Not among {@link #localTracks()}.
   *
   * @return the synthetic screen's video track
   */
  public Track syntheticScreen() {
    JsonNode t = invoke("getDisplayMedia", Json.object().put("synthetic", true)).get(0);
    return new Track(t.path("id").asText(), t.path("kind").asText(), t.path("label").asText());
  }

  /**
   * {@return the codecs this browser can both send and receive, as mime types in its order, each once (e.g.
   * {@code video/VP8}, {@code video/rtx}): RTCRtpSender and RTCRtpReceiver.getCapabilities}
   *
   * @param kind {@code audio} or {@code video}
   */
  public List<String> codecCapabilities(String kind) {
    JsonNode both = invoke("codecCapabilities", Json.object().put("kind", kind));
    java.util.Set<String> send = new java.util.HashSet<>();
    both.path("send").forEach(n -> send.add(n.asText().toLowerCase(java.util.Locale.ROOT)));
    List<String> out = new ArrayList<>();
    both.path("receive").forEach(n -> {
      if (send.contains(n.asText().toLowerCase(java.util.Locale.ROOT))) {
        out.add(n.asText());
      }
    });
    return out;
  }

  /** {@return the local tracks from getUserMedia so far, stopped ones excluded} */
  public List<Track> localTracks() {
    return List.copyOf(localTracks);
  }

  /**
   * {@return the first local track of this kind; empty when there is none}
   *
   * @param kind {@code audio} or {@code video}
   */
  public Optional<Track> localTrack(String kind) {
    return localTracks.stream().filter(t -> t.kind().equals(kind)).findFirst();
  }

  /**
   * Mutes or unmutes a local track ({@code track.enabled}): a muted track sends silence or black frames.
   *
   * @param track a local track of this peer
   * @param enabled false to mute, true to unmute
   */
  public void setTrackEnabled(Track track, boolean enabled) {
    invoke("setTrackEnabled", Json.object().put("track", track.id()).put("enabled", enabled));
  }

  /**
   * Stops a local track ({@code track.stop()}) and forgets it; a sender of it then sends nothing.
   *
   * @param track a local track of this peer
   */
  public void stopTrack(Track track) {
    invoke("stopTrack", Json.object().put("track", track.id()));
    localTracks.remove(track);
  }

  /**
   * Stops or restarts every synthetic camera on this peer's page (see {@code BrowserSpec.withSyntheticMedia}): while
   * stopped it makes no frames, so the other side's picture freezes, as behind a stuck camera.
   *
   * @param paused true to stop making frames, false to go on
   * @throws DomException {@code InvalidStateError} if this peer has no synthetic media
   */
  public void pauseSyntheticCamera(boolean paused) {
    invoke("syntheticPause", Json.object().put("paused", paused));
  }

  /**
   * Gives every connection this peer makes from now on these ICE servers, unless its configuration names its own
   * ({@code withIceServers}, {@code iceServers} in {@code withConfiguration}). A peer placed in a
   * {@link dev.callflow.net.Network} gets the network's STUN and TURN servers this way, so that a call flow written
   * for one network runs unchanged in another.
   *
   * @param servers the servers, e.g. {@code network.iceServers()}
   * @return this peer
   */
  public Peer useIceServers(IceServers servers) {
    iceServers = Objects.requireNonNull(servers, "servers");
    return this;
  }

  /** {@return a new RTCPeerConnection with no ICE servers but those given with {@link #useIceServers}} */
  public PeerConnection createPeerConnection() {
    return createPeerConnection("{}");
  }

  /**
   * {@return a new RTCPeerConnection with this RTCConfiguration} and, if it names no {@code iceServers}, those given
   * with {@link #useIceServers}.
   *
   * @param configurationJson the configuration as a JSON object, e.g. {@code {"iceServers": [...]}}
   * @throws IllegalArgumentException if the text is not a JSON object
   */
  public PeerConnection createPeerConnection(String configurationJson) {
    ObjectNode args = Json.object();
    ObjectNode configuration = rtcConfiguration(configurationJson);
    IceServers defaults = iceServers;
    if (defaults != null && !configuration.has("iceServers")) {
      configuration.set("iceServers", defaults.array());
    }
    args.set("configuration", configuration);
    PageChannel.Reply created = channel.call("createPeerConnection", args);
    return handle(created.doc(), log.nameOf(created.doc(), created.value().asText()));
  }

  /** An RTCConfiguration's JSON, parsed: a fresh object the caller may change. */
  static ObjectNode rtcConfiguration(String json) {
    try {
      return MediaConstraints.of(json).toJson();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("An RTCConfiguration must be a JSON object: " + json, e);
    }
  }

  private PeerConnection handle(String doc, String id) {
    return handles.computeIfAbsent(doc + "/" + id, k -> new PeerConnection(this, doc, id));
  }

  /**
   * Every RTCPeerConnection created on this peer's pages so far, in order: by Callflow's reference
   * page or by the app's own scripts, in any frame.
   *
   * @return the connections, oldest first
   */
  public List<PeerConnection> connections() {
    return events().stream().filter(e -> e.is(EventKind.CREATED) && e.pc() != null).map(e -> handle(e.doc(), e.pc())).toList();
  }

  /**
   * Waits until the pages have created at least {@code n} connections (they may have already).
   *
   * @param n which connection, counted from 1 in order of creation
   * @param timeout how long to wait at most
   * @return the n-th connection
   * @throws IllegalArgumentException if {@code n} is below 1
   * @throws dev.callflow.failure.CallflowTimeoutError if the timeout passes first or the browser ends
   */
  public PeerConnection awaitConnection(int n, Duration timeout) {
    if (n < 1) {
      throw new IllegalArgumentException("connections are counted from 1, not " + n);
    }
    waitFor(name + " should have created RTCPeerConnection #" + n, timeout)
        .lastSeen(() -> connections().size() + " created: " + connections())
        .await(() -> connections().size() >= n);
    return connections().get(n - 1);
  }

  /** {@return every event reported on this peer's pages so far, in order: the probe's and those Java recorded} */
  public List<PeerEvent> events() {
    return log.snapshot();
  }

  /** {@return this peer's events so far as a timeline} */
  public Timeline timeline() {
    return Timeline.of(events());
  }

  /**
   * Calls the listener for each event from now on, on the thread that delivers events: keep it short.
   *
   * @param listener told of each event; what it throws goes to {@link #listenerFailures()}
   * @return closing it stops the listener
   */
  public AutoCloseable onEvent(Consumer<PeerEvent> listener) {
    return log.subscribe(listener);
  }

  /**
   * What the listeners given to {@link #onEvent} threw, in order. A listener's failure never stops the
   * others; the JUnit extension fails the test with it.
   *
   * @return the failures, oldest first; empty when every listener behaved
   */
  public List<Throwable> listenerFailures() {
    return log.listenerFailures();
  }

  /**
   * Adds an event that Java observed (for example a failed candidate relay) to this peer's timeline.
   *
   * @param pc the connection the event concerns
   * @param kind what happened
   * @param data the event's details, as the timeline and the evidence show them
   */
  public void record(PeerConnection pc, EventKind kind, JsonNode data) {
    log.record(pc.document(), pc.id(), kind, data);
  }

  /**
   * Sets a mark in this peer's timeline, e.g. just before the test clicks a button: it shows as
   * {@code alice mark clicked Call} in timelines, failure messages and evidence, and
   * {@link Timeline#between} measures from it. Needs no page and no connection.
   *
   * <pre>{@code
   * alice.mark("clicked Call");
   * alice.driver().findElement(By.id("call")).click();
   * Duration toConnected = Timeline.of(alice, bob).between(mark("clicked Call"), state("bob", CONNECTED));
   * }</pre>
   *
   * @param label what happened, in the test's words
   */
  public void mark(String label) {
    log.record("", null, EventKind.MARK, Json.object().put("label", Objects.requireNonNull(label, "label")));
  }

  /**
   * {@return the console entries and uncaught exceptions of the pages, in order, e.g. {@code error: something broke},
   * {@code exception: Uncaught ReferenceError: x is not defined at http://127.0.0.1:8080/app.js:3:5}}
   */
  public List<String> console() {
    return events().stream().filter(e -> e.is(EventKind.CONSOLE) || e.is(EventKind.PAGE_ERROR))
        .map(e -> e.is(EventKind.CONSOLE) ? e.consoleText() : "exception: " + e.uncaught()).toList();
  }

  /** {@return a PNG screenshot of the page now; empty when the browser cannot take one (e.g. it is gone)} */
  public Optional<byte[]> screenshot() {
    return browser.screenshot();
  }

  /**
   * Waits until a page-level or connection event matches, counting those before the wait.
   *
   * @param description what is awaited, for the failure message
   * @param matches the test an event must pass, e.g. from {@link EventMatcher}
   * @param timeout how long to wait at most
   * @return the first matching event
   * @throws dev.callflow.failure.CallflowTimeoutError if the timeout passes first or the browser ends
   */
  public PeerEvent awaitEvent(String description, java.util.function.Predicate<PeerEvent> matches, Duration timeout) {
    waitFor(name + " should see " + description, timeout)
        .lastSeen(() -> events().isEmpty() ? "no events" : events().get(events().size() - 1).describe())
        .await(() -> events().stream().anyMatch(matches));
    return events().stream().filter(matches).findFirst().orElseThrow();
  }

  /** A wait on this peer's events: woken by each one as it arrives, explained by this peer's timeline. */
  Wait waitFor(String what, Duration within) {
    return explainedWait(what, within).wakingOn(arrivals());
  }

  /**
   * A wait explained by this peer's page errors and timeline (candidates summed up), stopped at once if
   * its browser ends.
   */
  Wait explainedWait(String what, Duration within) {
    return Wait.until(what).atMost(within).failFastOn(this::browserGone).causes(() -> timeline().pageErrors(Map.of(name, browser.info().nameAndVersion())))
        .timeline(n -> timeline().excerpt(n));
  }

  /** Why this peer's browser can do nothing more (it was killed or crashed), or null while it runs. */
  String browserGone() {
    return browser.ended().map(why -> name + "'s browser " + browser.info() + " ended: " + why).orElse(null);
  }

  /** Wakes a wait as each event arrives: it then re-reads the log. */
  Wait.Wakeup arrivals() {
    return wake -> log.subscribe(e -> wake.run());
  }

  /** Runs an operation on the current page; returns its value once the events it caused are in the log. */
  JsonNode invoke(String operation, ObjectNode args) {
    return channel.invoke(operation, args);
  }

  /** Returns the browser, blank, to the pool; later operations on this peer fail. Closing twice does nothing. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    channel.close();
    release.accept(browser);
  }

  @Override
  public String toString() {
    return name + " (" + browser.info().type().id() + ")";
  }
}
