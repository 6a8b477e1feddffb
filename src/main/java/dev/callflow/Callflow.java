package dev.callflow;

import dev.callflow.internal.Settings;
import dev.callflow.internal.browser.BrowserLauncher;
import dev.callflow.internal.browser.BrowserPool;
import dev.callflow.internal.browser.BrowserSession;
import dev.callflow.browser.BrowserSpec;
import dev.callflow.browser.BrowserType;
import dev.callflow.peer.Peer;
import dev.callflow.server.CallflowServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * A Callflow session without JUnit: an embedded server and a pool of warm browsers. Close it to stop
 * every browser, driver and the server.
 *
 * <pre>{@code
 * try (Callflow callflow = Callflow.start()) {
 *   Peer alice = callflow.peer("alice", BrowserType.CHROME);
 *   Peer bob = callflow.peer("bob", BrowserType.FIREFOX);
 *   alice.call(bob).withAudio().withVideo().connect();
 * }
 * }</pre>
 */
public final class Callflow implements AutoCloseable {
  private final CallflowServer server;
  private final CallflowConfig config;
  private final BrowserPool<BrowserSession> pool;

  private Callflow(CallflowServer server, CallflowConfig config) {
    this.server = server;
    this.config = config;
    Settings drivers = config.drivers();
    Duration pageLoadTimeout = config.pageLoadTimeout();
    // Warm browsers are kept beside those in use while memory allows.
    int running = Math.max(config.maxBrowsers(), BrowserPool.browsersInMemory());
    this.pool = new BrowserPool<>(config.parallelLaunches(), config.maxBrowsers(), running,
        spec -> BrowserLauncher.launch(spec, drivers, pageLoadTimeout, server.baseUri().getHost()));
  }

  /**
   * A session configured {@linkplain CallflowConfig#fromEnvironment() from the environment} on a new
   * server with the defaults (127.0.0.1, a free port, Callflow's pages).
   *
   * @return the running session; close it to stop its browsers, drivers and server
   * @throws dev.callflow.failure.ConfigurationException naming a setting that cannot be used
   * @throws dev.callflow.failure.CallflowException if the server cannot start
   */
  public static Callflow start() {
    return start(CallflowConfig.fromEnvironment());
  }

  /**
   * A session with this configuration on a new server with the defaults.
   *
   * @param config the configuration, e.g. {@code CallflowConfig.fromEnvironment().withHeaded(true)}
   * @return the running session; close it to stop its browsers, drivers and server
   * @throws dev.callflow.failure.CallflowException if the server cannot start
   */
  public static Callflow start(CallflowConfig config) {
    return start(CallflowServer.builder(), config);
  }

  /**
   * A session configured from the environment on a new server built by {@code server}.
   *
   * @param server the server's settings, e.g. {@code CallflowServer.builder().withPort(8443)}
   * @return the running session; close it to stop its browsers, drivers and server
   * @throws dev.callflow.failure.ConfigurationException naming a setting that cannot be used
   * @throws dev.callflow.failure.CallflowException if the server cannot start
   */
  public static Callflow start(CallflowServer.Builder server) {
    return start(server, CallflowConfig.fromEnvironment());
  }

  /**
   * A session with this configuration on a new server built by {@code server}, which also serves the
   * configuration's {@linkplain CallflowConfig#pages() pages}; the server is closed again if the session
   * cannot start. With an {@linkplain CallflowConfig#advertisedHost() advertised host} (for a Selenium Grid's
   * browsers) the server's URLs use it, and a server advertised by a name other than loopback binds every interface.
   *
   * @param server the server's settings
   * @param config the configuration
   * @return the running session; close it to stop its browsers, drivers and server
   * @throws dev.callflow.failure.CallflowException if the server cannot start
   * @throws IllegalArgumentException if the server's settings do not fit together, or the pages are no directory
   */
  public static Callflow start(CallflowServer.Builder server, CallflowConfig config) {
    CallflowServer.Builder built = server;
    if (config.advertisedHost().isPresent()) {
      // A Grid's browsers on other machines reach the server by the name they know this one by.
      built = built.reachableAs(config.advertisedHost().get());
    }
    if (config.pages().isPresent()) {
      built = built.withPages(config.pages().get());
    }
    CallflowServer started = built.start();
    try {
      return new Callflow(started, config);
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
  }


  /** {@return the session's embedded server, e.g. for {@code server().url("/my-page.html")} or its signalling rooms} */
  public CallflowServer server() {
    return server;
  }

  /** {@return the configuration this session runs with} */
  public CallflowConfig config() {
    return config;
  }

  /**
   * A peer on the reference page, in a browser of this type with the default spec.
   *
   * @param name the peer's name in timelines and messages, e.g. {@code alice}
   * @param type the browser
   * @return the peer; close it to give its browser back
   * @throws dev.callflow.browser.BrowserLaunchException if a browser or its driver cannot be found or started
   * @throws dev.callflow.browser.PageLoadException if the reference page does not open
   */
  public Peer peer(String name, BrowserType type) {
    return peer(name, BrowserSpec.of(type));
  }

  /**
   * A peer on the reference page, in a browser of this spec (made headed if the configuration says so).
   *
   * @param name the peer's name in timelines and messages, e.g. {@code alice}
   * @param spec the browser and how to start it
   * @return the peer; close it to give its browser back
   * @throws dev.callflow.browser.BrowserLaunchException if a browser or its driver cannot be found or started
   * @throws dev.callflow.browser.PageLoadException if the reference page does not open
   */
  public Peer peer(String name, BrowserSpec spec) {
    return peers(List.of(new PeerRequest(name, spec))).get(0);
  }

  /**
   * A request for one peer: a name and the browser it runs in.
   *
   * @param name the peer's name, e.g. {@code alice}
   * @param spec the browser and how to start it
   */
  public record PeerRequest(String name, BrowserSpec spec) {}

  /**
   * Several peers on the reference page; their browsers start in parallel (up to the configured parallel launches).
   *
   * @param requests one per peer
   * @return the peers, in the order requested; if one cannot start, those already started are closed
   * @throws dev.callflow.browser.BrowserLaunchException if a browser or its driver cannot be found or started
   * @throws dev.callflow.browser.PageLoadException if the reference page does not open
   */
  public List<Peer> peers(List<PeerRequest> requests) {
    // Applied before the pool looks for a warm browser, so that it finds the headed ones it launched.
    List<BrowserSpec> specs = requests.stream().map(r -> config.headed() ? r.spec().withHeaded() : r.spec())
        .map(s -> s.gridUrl().isEmpty() && config.grid().isPresent() ? s.withGrid(config.grid().get()) : s).toList();
    List<BrowserSession> sessions = pool.acquireAll(specs);
    List<Peer> peers = new ArrayList<>();
    URI page = server.url("/peer.html");
    try {
      for (int i = 0; i < requests.size(); i++) {
        peers.add(Peer.attach(requests.get(i).name(), sessions.get(i), page, pool::release));
      }
    } catch (RuntimeException e) {
      peers.forEach(Peer::close);
      // Peer.attach released the browser it failed on; the ones after it were never used.
      sessions.subList(peers.size() + 1, sessions.size()).forEach(pool::release);
      throw e;
    }
    return peers;
  }

  /**
   * Peers on the reference page in browsers of their own, started by {@code launches} (one per request, given the
   * spec as configured, e.g. headed) in parallel: counted among the browsers in use, and waiting for room as pooled
   * ones do, but never kept warm; closing a peer closes its browser. For a {@code Network}, which places each peer.
   *
   * @param requests one per peer
   * @param launches one per request: starts its browser for the spec
   * @return the peers, in the order requested; if one cannot start, those already started are closed
   */
  @API(status = API.Status.INTERNAL)
  public List<Peer> ownPeers(List<PeerRequest> requests, List<Function<BrowserSpec, BrowserSession>> launches) {
    List<Supplier<BrowserSession>> starts = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      BrowserSpec spec = config.headed() ? requests.get(i).spec().withHeaded() : requests.get(i).spec();
      Function<BrowserSpec, BrowserSession> launch = launches.get(i);
      starts.add(() -> launch.apply(spec));
    }
    List<BrowserSession> sessions = pool.acquireOwn(starts);
    List<Peer> peers = new ArrayList<>();
    URI page = server.url("/peer.html");
    try {
      for (int i = 0; i < requests.size(); i++) {
        peers.add(Peer.attach(requests.get(i).name(), sessions.get(i), page, pool::discard));
      }
    } catch (RuntimeException e) {
      peers.forEach(Peer::close);
      sessions.subList(peers.size() + 1, sessions.size()).forEach(pool::discard);
      throw e;
    }
    return peers;
  }

  /** Stops every browser and driver of the pool, then the server. */
  @Override
  public void close() {
    try {
      pool.close();
    } finally {
      server.close();
    }
  }
}
